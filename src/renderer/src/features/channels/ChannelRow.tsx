import type { Brand, ChannelSummary } from '../../../../shared/domain/entities'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { BrandChip } from '../../components/BrandChip'
import { ChannelAvatar } from '../../components/ChannelAvatar'
import { KIND_LABELS } from './channel-labels'
import { ChannelIssues, channelTone } from './ChannelIssues'
import { HealthPill } from './HealthPill'
import type { ChannelLinkView } from './use-channel-links'

export interface ChannelRowProps {
  channel: ChannelSummary
  brandsById: ReadonlyMap<string, Brand>
  /** The brand whose group the row sits in: its chip would only repeat the group heading. */
  groupBrandId: string | undefined
  /** The profiles behind the channel, when known. */
  links: readonly ChannelLinkView[] | undefined
  /** Where the row sits in its group's list, which may be drawn in parts. */
  position?: { index: number; of: number }
  onOpen: (channelId: string) => void
}

/** Up and down arrows move between rows, as in a list; Tab still visits every row and action. */
function moveFocus(from: HTMLElement, step: 1 | -1 | 'first' | 'last'): void {
  const rows = [...document.querySelectorAll<HTMLElement>('.channel-row__open')]
  const index = rows.indexOf(from)
  const target = step === 'first' ? rows[0] : step === 'last' ? rows.at(-1) : rows[index + step]
  target?.focus()
}

export function ChannelRow({ channel, brandsById, groupBrandId, links, position, onOpen }: ChannelRowProps) {
  const brands = channel.brandIds
    .filter((id) => id !== groupBrandId)
    .map((id) => brandsById.get(id))
    .filter((b): b is Brand => b !== undefined)
  const tone = channelTone(channel, links)
  const expiring = tone === 'warn' && channel.health === 'healthy'
  const modifier = expiring ? 'expiring' : channel.health
  return (
    <li className={`channel-row channel-row--${modifier}`} aria-posinset={position?.index} aria-setsize={position?.of}>
      <button
        type="button"
        className="channel-row__summary channel-row__open"
        aria-haspopup="dialog"
        onClick={() => onOpen(channel.id)}
        onKeyDown={(e) => {
          const step = { ArrowDown: 1, ArrowUp: -1, Home: 'first', End: 'last' } as const
          const key = e.key as keyof typeof step
          if (!(key in step)) return
          e.preventDefault()
          moveFocus(e.currentTarget, step[key])
        }}
      >
        <ChannelAvatar channel={channel} />
        <span className="channel-row__identity">
          <span className="channel-row__name">{channel.name}</span>
          {channel.handle && <span className="channel-row__handle">{channel.handle}</span>}
        </span>
        <span className="channel-row__network">
          {NETWORK_LABELS[channel.network]}
          <span className="channel-row__kind"> · {KIND_LABELS[channel.kind]}</span>
        </span>
        <HealthPill health={channel.health} expiring={expiring} />
        <span className="channel-row__brands">
          {brands.length > 0 && <span className="channel-row__also">{groupBrandId ? 'Also in' : 'In'}</span>}
          {brands.map((brand) => (
            <BrandChip key={brand.id} name={brand.name} color={brand.color} />
          ))}
        </span>
      </button>
      <ChannelIssues channel={channel} links={links} />
    </li>
  )
}
