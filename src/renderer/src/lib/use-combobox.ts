import { useId, useState, type InputHTMLAttributes, type LiHTMLAttributes } from 'react'

export interface Combobox<T> {
  /** What is typed, while the list is open. */
  query: string | undefined
  open: boolean
  /** The items the list shows for what is typed (none while closed). */
  matches: readonly T[]
  listId: string
  /** Opens the list with nothing typed. */
  show: () => void
  /** For the text field (its value, label and look are the caller's). */
  inputProps: InputHTMLAttributes<HTMLInputElement> & { role: 'combobox' }
  /** For the list item showing `matches[index]`. */
  optionProps: (index: number) => LiHTMLAttributes<HTMLLIElement> & { role: 'option' }
}

/**
 * A searchable field's state and keys (ARIA 1.2 combobox with a list box): typing opens the list
 * of what matches, arrows move (and open it), Enter or a click picks, Escape or leaving the field
 * closes it and puts the chosen value back.
 */
export function useCombobox<T>(find: (query: string) => readonly T[], onPick: (item: T) => void): Combobox<T> {
  const listId = useId()
  const [query, setQuery] = useState<string>()
  const [active, setActive] = useState(0)
  const open = query !== undefined
  const matches = open ? find(query) : []

  function pick(item: T | undefined): void {
    if (item !== undefined) onPick(item)
    setQuery(undefined)
    setActive(0)
  }

  return {
    query,
    open,
    matches,
    listId,
    show: () => {
      if (!open) setQuery('')
    },
    inputProps: {
      role: 'combobox',
      'aria-expanded': open,
      'aria-controls': listId,
      'aria-autocomplete': 'list',
      'aria-activedescendant': open && matches[active] !== undefined ? `${listId}-${active}` : undefined,
      autoComplete: 'off',
      spellCheck: false,
      onFocus: (e) => e.currentTarget.select(),
      onChange: (e) => {
        setQuery(e.target.value)
        setActive(0)
      },
      onBlur: () => setQuery(undefined),
      onKeyDown: (e) => {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault()
          if (!open) {
            setQuery('')
            return
          }
          const step = e.key === 'ArrowDown' ? 1 : -1
          setActive((i) => Math.min(Math.max(i + step, 0), Math.max(matches.length - 1, 0)))
        } else if (e.key === 'Enter' && open) {
          e.preventDefault()
          pick(matches[active])
        } else if (e.key === 'Escape' && open) {
          // A dialog's own Escape (close) waits until the list is closed.
          e.preventDefault()
          e.stopPropagation()
          setQuery(undefined)
        }
      },
    },
    optionProps: (index) => ({
      id: `${listId}-${index}`,
      role: 'option',
      'aria-selected': index === active,
      // Picked on mouse down, before the input's blur closes the list.
      onMouseDown: (e) => {
        e.preventDefault()
        pick(matches[index])
      },
      onMouseEnter: () => setActive(index),
    }),
  }
}
