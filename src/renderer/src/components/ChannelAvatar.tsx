import type { Network } from '../../../shared/domain/network'
import { useChannelPicture } from '../lib/channel-pictures'
import { NetworkMark } from './NetworkMark'

const initials = new Map<string, string>()

/**
 * Initials of a channel's name: "Northwind Coffee" → "NC", "@ava" → "A"; `count` 1 → "N". Worked out
 * once per name: the Unicode word match is slow, and a scrolled agency list draws hundreds of avatars.
 */
export function initialsOf(name: string, count = 2): string {
  const key = `${count} ${name}`
  const known = initials.get(key)
  if (known !== undefined) return known
  const words = name.match(/[\p{L}\p{N}]+/gu) ?? []
  const letters = words.slice(0, count).map((w) => [...w][0] ?? '')
  const found = letters.join('').toLocaleUpperCase() || '?'
  initials.set(key, found)
  return found
}

/** Tints for the initials, dark enough for white text to stay readable (AA). */
const TINTS = 6

function tintOf(id: string): number {
  let h = 0
  for (const ch of id) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0
  return h % TINTS
}

/**
 * A channel as people recognise it: the account's profile picture (its initials when it has none),
 * with the network's mark as a small badge in the corner. Decorative: the channel's name always
 * stands beside it (or in the card's description), so it is hidden from screen readers and the
 * picture's alt is empty. `xs`, for stacks on calendar cards, rings the picture in the network's
 * colour instead of a badge, and is the network's mark where there is no picture (initials would
 * not read at that size).
 */
export function ChannelAvatar({ channel, size = 'md' }: { channel: { id: string; name: string; network: Network }; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const picture = useChannelPicture(channel.id)
  if (size === 'xs') {
    return picture ? (
      <span className={`channel-avatar channel-avatar--xs channel-avatar--ring-${channel.network}`} aria-hidden="true" data-picture="yes">
        <img className="channel-avatar__picture" src={picture} alt="" draggable={false} />
      </span>
    ) : (
      <NetworkMark network={channel.network} size="sm" />
    )
  }
  return (
    <span className={`channel-avatar channel-avatar--${size}`} aria-hidden="true" data-picture={picture ? 'yes' : 'no'}>
      {picture ? (
        <img className="channel-avatar__picture" src={picture} alt="" draggable={false} />
      ) : (
        <span className={`channel-avatar__initials channel-avatar__initials--${tintOf(channel.id)}`}>{initialsOf(channel.name, size === 'sm' ? 1 : 2)}</span>
      )}
      <span className="channel-avatar__badge">
        <NetworkMark network={channel.network} size="sm" />
      </span>
    </span>
  )
}
