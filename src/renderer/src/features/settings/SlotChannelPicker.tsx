import type { ChannelSummary } from '../../../../shared/domain/entities'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { matchingChannels } from '../../lib/channel-search'
import { useCombobox } from '../../lib/use-combobox'

/** Options drawn at once: an agency has hundreds of channels, and typing narrows them. */
export const SHOWN = 50

const labelOf = (c: ChannelSummary): string => `${c.name} (${NETWORK_LABELS[c.network]})`
const plural = (n: number): string => (n === 1 ? '1 slot' : `${n} slots`)

/**
 * The channel whose posting slots are shown: a searchable field rather than a select, whose
 * hundreds of options an agency's Settings page drew on every visit. Typing a name, handle or
 * network narrows the list; only its first SHOWN matches are drawn.
 */
export function SlotChannelPicker({
  id,
  channels,
  chosen,
  slotCount,
  onPick,
}: {
  id: string
  channels: readonly ChannelSummary[]
  chosen: ChannelSummary
  slotCount: (channelId: string) => number
  onPick: (channelId: string) => void
}) {
  // Every match is counted, for the note under the list; only the first SHOWN are options.
  let found = 0
  const box = useCombobox(
    (query) => {
      const all = matchingChannels(channels, query)
      found = all.length
      return all.slice(0, SHOWN)
    },
    (c) => onPick(c.id),
  )
  return (
    <div className="slot-picker">
      <input
        {...box.inputProps}
        id={id}
        className="input slot-picker__input"
        value={box.query ?? labelOf(chosen)}
        placeholder={labelOf(chosen)}
        onClick={box.show}
      />
      {box.open && (
        <div className="slot-picker__popup">
          <ul id={box.listId} role="listbox" aria-label="Channels" className="slot-picker__list">
            {box.matches.map((c, index) => (
              <li key={c.id} {...box.optionProps(index)} className="slot-picker__option">
                <span>{labelOf(c)}</span>
                <span className="slot-picker__count"> · {plural(slotCount(c.id))}</span>
              </li>
            ))}
          </ul>
          {found === 0 && <p className="slot-picker__note">No channel matches “{box.query}”.</p>}
          {found > SHOWN && (
            <p className="slot-picker__note">
              {found - SHOWN} more {found - SHOWN === 1 ? 'channel' : 'channels'}: type a name, handle or network to narrow the list.
            </p>
          )}
        </div>
      )}
    </div>
  )
}
