import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { Icon } from '../../components/Icon'

export interface FilterOption {
  value: string
  label: string
  /** Shown before the label, e.g. a network mark or a brand's colour. */
  decoration?: ReactNode
}

/**
 * A multi-choice filter: a button that says what is chosen ("Channels: 2 of 9") and opens a list
 * of checkboxes. Nothing chosen means everything. Escape or a click elsewhere closes it, and focus
 * returns to the button.
 */
export function FilterMenu({
  label,
  options,
  selected,
  onChange,
}: {
  label: string
  options: readonly FilterOption[]
  selected: readonly string[]
  onChange(values: string[]): void
}) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent): void => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const chosen = options.filter((o) => selected.includes(o.value))
  const summary = chosen.length === 0 ? 'All' : chosen.length === 1 ? (chosen[0]?.label ?? '') : `${chosen.length} of ${options.length}`

  function toggle(value: string, checked: boolean): void {
    onChange(checked ? [...selected, value] : selected.filter((v) => v !== value))
  }

  return (
    <div
      className="filter-menu"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return
        // Escape closes this menu only, not a dialog around it.
        event.stopPropagation()
        setOpen(false)
        buttonRef.current?.focus()
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={`filter-menu__button${chosen.length > 0 ? ' filter-menu__button--active' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="filter-menu__label">{label}:</span> {summary}
        <Icon name="chevronDown" size={14} />
      </button>
      {open && (
        <fieldset id={panelId} className="filter-menu__panel">
          <legend className="visually-hidden">{label}</legend>
          {options.length === 0 && <p className="filter-menu__empty">Nothing to choose yet.</p>}
          {options.map((option) => (
            <label key={option.value} className="filter-menu__option">
              <input
                type="checkbox"
                className="checkbox"
                checked={selected.includes(option.value)}
                onChange={(e) => toggle(option.value, e.target.checked)}
              />
              {option.decoration}
              <span>{option.label}</span>
            </label>
          ))}
          {chosen.length > 0 && (
            <button type="button" className="link-button filter-menu__clear" onClick={() => onChange([])}>
              Show all
            </button>
          )}
        </fieldset>
      )}
    </div>
  )
}
