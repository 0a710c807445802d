import { useId, useMemo, useRef, useState } from 'react'
import { searchZones, zoneName, type ZoneName } from './zone-names'

const SHOWN = 60

/** Every zone this engine knows, named for the last day asked: two formatters a zone (some 800). */
let named: { day: number; names: ZoneName[] } | undefined

/** Every zone's name on a day, the chosen one first when the engine's list lacks it (an older list may lack a post's zone). */
function zoneNames(day: number, chosen: ZoneName): ZoneName[] {
  if (named?.day !== day) named = { day, names: Intl.supportedValuesOf('timeZone').map((z) => zoneName(z, day * 86_400_000)) }
  return named.names.some((n) => n.id === chosen.id) ? named.names : [chosen, ...named.names]
}

/**
 * A searchable time zone field (ARIA 1.2 combobox with a list box): type a city, a region, a
 * name such as "Pacific" or an offset such as "GMT+05:30"; arrows move, Enter picks, Escape
 * puts the chosen zone back.
 */
export function ZonePicker({ id, zone, at, disabled, onZone }: { id: string; zone: string; at: number; disabled: boolean; onZone: (zone: string) => void }) {
  const listId = useId()
  const [query, setQuery] = useState<string>()
  const [active, setActive] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  // Offsets depend on the date (summer time), so names are built for the post's day.
  const day = Math.floor(at / 86_400_000)
  // The chosen zone's name now; every zone's only once the list opens, so a page showing the
  // field never waits for the whole list.
  const chosen = useMemo(() => zoneName(zone, day * 86_400_000), [zone, day])
  const open = query !== undefined
  const matches = open ? searchZones(zoneNames(day, chosen), query).slice(0, SHOWN) : []

  function pick(picked: ZoneName | undefined): void {
    if (picked) onZone(picked.id)
    setQuery(undefined)
    setActive(0)
  }

  return (
    <div className="zone-picker">
      <input
        ref={input}
        id={id}
        className="input zone-picker__input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        value={open ? query : chosen.label}
        title={chosen.detail}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
        }}
        onBlur={() => setQuery(undefined)}
        onKeyDown={(e) => {
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
            // The composer's own Escape (close) waits until the list is closed.
            e.preventDefault()
            e.stopPropagation()
            setQuery(undefined)
          }
        }}
      />
      <p className="zone-picker__detail">{chosen.detail}</p>
      {open && (
        <ul id={listId} role="listbox" aria-label="Time zones" className="zone-picker__list">
          {matches.length === 0 && <li className="zone-picker__none">No time zone matches “{query}”.</li>}
          {matches.map((z, index) => (
            <li
              key={z.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className="zone-picker__option"
              // Picked on mouse down, before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault()
                pick(z)
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="zone-picker__label">{z.label}</span>
              <span className="zone-picker__offset">{z.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
