import { useMemo } from 'react'
import { useCombobox } from '../../../lib/use-combobox'
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
  // Offsets depend on the date (summer time), so names are built for the post's day.
  const day = Math.floor(at / 86_400_000)
  // The chosen zone's name now; every zone's only once the list opens, so a page showing the
  // field never waits for the whole list.
  const chosen = useMemo(() => zoneName(zone, day * 86_400_000), [zone, day])
  const box = useCombobox(
    (query) => searchZones(zoneNames(day, chosen), query).slice(0, SHOWN),
    (picked) => onZone(picked.id),
  )

  return (
    <div className="zone-picker">
      <input
        {...box.inputProps}
        id={id}
        className="input zone-picker__input"
        disabled={disabled}
        value={box.query ?? chosen.label}
        title={chosen.detail}
      />
      <p className="zone-picker__detail">{chosen.detail}</p>
      {box.open && (
        <ul id={box.listId} role="listbox" aria-label="Time zones" className="zone-picker__list">
          {box.matches.length === 0 && <li className="zone-picker__none">No time zone matches “{box.query}”.</li>}
          {box.matches.map((z, index) => (
            <li key={z.id} {...box.optionProps(index)} className="zone-picker__option">
              <span className="zone-picker__label">{z.label}</span>
              <span className="zone-picker__offset">{z.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
