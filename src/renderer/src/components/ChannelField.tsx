import type { ChannelSummary } from '../../../shared/domain/entities'
import { NETWORK_LABELS } from '../../../shared/domain/network'
import { matchingChannels } from '../lib/channel-search'
import { useCombobox } from '../lib/use-combobox'

/** Options drawn at once: an agency has hundreds of channels, and typing narrows them. */
export const SHOWN = 50

type Channel = Pick<ChannelSummary, 'id' | 'name' | 'handle' | 'network'>

const labelOf = (c: Channel): string => `${c.name} (${NETWORK_LABELS[c.network]})`
/** The "all channels" choice, first in the list while nothing is typed. */
const ALL = { id: '' } as const

/**
 * A channel chosen in a searchable field rather than a select: a select draws an option for
 * every channel on every visit (hundreds at an agency), and lays them all out to find its width.
 * Typing a name, handle or network narrows the list; only the first SHOWN matches are drawn.
 * With `allLabel`, "no channel" is a choice too (a filter's "All channels").
 */
export function ChannelField<C extends Channel>({
  id,
  className = 'input',
  channels,
  chosen,
  allLabel,
  detail,
  onPick,
}: {
  id?: string
  className?: string
  channels: readonly C[]
  chosen: C | undefined
  allLabel?: string
  /** Said after a channel's name in the list ("3 slots"). */
  detail?: (channel: C) => string
  onPick: (channel: C | undefined) => void
}) {
  // Every match is counted, for the note under the list; only the first SHOWN are options.
  let found = 0
  const box = useCombobox<C | typeof ALL>(
    (query) => {
      const all = matchingChannels(channels, query)
      found = all.length
      const shown = all.slice(0, SHOWN)
      return allLabel !== undefined && query.trim() === '' ? [ALL, ...shown] : shown
    },
    (c) => onPick(c === ALL ? undefined : (c as C)),
  )
  const current = chosen ? labelOf(chosen) : (allLabel ?? '')
  return (
    <span className="channel-field">
      <input {...box.inputProps} id={id} className={`${className} channel-field__input`} value={box.query ?? current} placeholder={current} onClick={box.show} />
      {box.open && (
        <span className="channel-field__popup">
          <ul id={box.listId} role="listbox" aria-label="Channels" className="channel-field__list">
            {box.matches.map((c, index) => (
              <li key={c.id} {...box.optionProps(index)} className="channel-field__option">
                {c === ALL ? (
                  allLabel
                ) : (
                  <>
                    {labelOf(c as C)}
                    {detail && <span className="channel-field__detail"> · {detail(c as C)}</span>}
                  </>
                )}
              </li>
            ))}
          </ul>
          {found === 0 && <span className="channel-field__note">No channel matches “{box.query}”.</span>}
          {found > SHOWN && (
            <span className="channel-field__note">
              {found - SHOWN} more {found - SHOWN === 1 ? 'channel' : 'channels'}: type a name, handle or network to narrow the list.
            </span>
          )}
        </span>
      )}
    </span>
  )
}
