import { useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { Icon } from '../../components/Icon'
import type { FilterChip, InboxFilters } from './inbox-filters'

/**
 * The folded filters in use, each removable, and Clear filters: with the fields in the panel,
 * these say why the list is short. A removed chip's neighbour takes the focus (the Filters button
 * once none are left), so the keyboard is never left on nothing. Clear filters is left out when
 * the empty list offers its own, which clears the search too: two would clear different things.
 */
export function InboxFilterChips({
  chips,
  fallback,
  offerClear,
  onChange,
}: {
  chips: FilterChip[]
  /** Where the focus goes when the last chip goes. */
  fallback: RefObject<HTMLButtonElement | null>
  offerClear: boolean
  onChange(next: Partial<InboxFilters>): void
}) {
  const list = useRef<HTMLUListElement>(null)
  const [refocus, setRefocus] = useState<number | null>(null)
  useLayoutEffect(() => {
    if (refocus === null) return
    setRefocus(null)
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('.inbox-chip')
    const next = buttons?.[Math.min(refocus, buttons.length - 1)]
    ;(next ?? fallback.current)?.focus()
  }, [refocus, fallback])
  if (chips.length === 0) return null
  return (
    <div className="inbox-chips">
      <ul ref={list} className="inbox-chips__list" aria-label="Filters in use">
        {chips.map((chip, index) => (
          <li key={chip.key}>
            <button
              type="button"
              className="inbox-chip"
              onClick={() => {
                onChange(chip.clear)
                setRefocus(index)
              }}
            >
              <span className="visually-hidden">Remove the filter </span>
              {chip.text}
              <Icon name="close" size={12} />
            </button>
          </li>
        ))}
      </ul>
      {offerClear && (
        <button
          type="button"
          className="inbox-toolbar__link"
          onClick={() => {
            onChange(Object.assign({}, ...chips.map((c) => c.clear)) as Partial<InboxFilters>)
            fallback.current?.focus()
          }}
        >
          Clear filters
        </button>
      )}
    </div>
  )
}
