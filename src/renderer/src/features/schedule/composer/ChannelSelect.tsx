import { useId, type CSSProperties } from 'react'
import type { Brand, ChannelSummary } from '../../../../../shared/domain/entities'
import { NETWORKS, NETWORK_LABELS } from '../../../../../shared/domain/network'
import type { ChannelProblems } from '../../../../../shared/domain/schedule'
import { channelVoice } from '../../../../../shared/domain/health-voice'
import { Icon } from '../../../components/Icon'
import { NetworkMark } from '../../../components/NetworkMark'
import { ProblemList } from './ProblemList'

/** Channels without a working connection still take posts: they are held until it is refreshed (the table's words). */
function unreachableNote(health: ChannelSummary['health']): string | undefined {
  if (health !== 'disconnected' && health !== 'unlinked') return undefined
  const voice = channelVoice(health)
  return `${voice.badge}: ${voice.cause}`
}

function ChannelOption({
  channel,
  checked,
  problems,
  onToggle,
}: {
  channel: ChannelSummary
  checked: boolean
  problems: ChannelProblems | undefined
  onToggle: (checked: boolean) => void
}) {
  const id = useId()
  const note = unreachableNote(channel.health)
  const classes = ['composer-channel', checked ? 'composer-channel--checked' : '', note ? 'composer-channel--unreachable' : '', problems ? 'composer-channel--problem' : '']
  return (
    <li className={classes.filter(Boolean).join(' ')}>
      <input
        id={id}
        type="checkbox"
        className="checkbox"
        checked={checked}
        aria-describedby={`${id}-meta${problems ? ` ${id}-problems` : ''}`}
        aria-invalid={problems ? true : undefined}
        onChange={(e) => onToggle(e.target.checked)}
      />
      <label htmlFor={id} className="composer-channel__name">
        {channel.name}
      </label>
      <span id={`${id}-meta`} className="composer-channel__meta">
        {channel.handle}
        {note && (
          <span className="composer-channel__unreachable">
            <Icon name="alert" size={12} />
            {note}
          </span>
        )}
      </span>
      {problems && <ProblemList id={`${id}-problems`} className="composer-channel__problems" problems={problems} />}
    </li>
  )
}

/**
 * A brand as a toggle chip (the channel picker's look): pressed when all its channels are chosen;
 * pressing chooses or clears them all.
 */
function BrandShortcut({ brand, channelIds, selected, onChange }: { brand: Brand; channelIds: string[]; selected: readonly string[]; onChange: (ids: string[]) => void }) {
  const all = channelIds.every((id) => selected.includes(id))
  return (
    <button
      type="button"
      className="brand-toggle"
      aria-pressed={all}
      style={{ '--brand-color': brand.color } as CSSProperties}
      onClick={() => onChange(all ? selected.filter((id) => !channelIds.includes(id)) : [...new Set([...selected, ...channelIds])])}
    >
      <span className="brand-toggle__dot" aria-hidden="true" />
      {brand.name}
      <span className="composer-brand__count">{channelIds.length}</span>
    </button>
  )
}

/**
 * The channels to publish to, one group per network (a channel appears once, however many brands
 * it is in), with each brand as a shortcut that picks all of its channels. Each chosen channel
 * shows what its network would refuse in the post, right under its name.
 */
export function ChannelSelect({
  channels,
  brands,
  selected,
  problems,
  onChange,
}: {
  channels: readonly ChannelSummary[]
  brands: readonly Brand[]
  selected: readonly string[]
  problems: ReadonlyMap<string, ChannelProblems>
  onChange: (ids: string[]) => void
}) {
  const toggle = (id: string, on: boolean): void => onChange(on ? [...selected, id] : selected.filter((s) => s !== id))
  const byBrand = brands.map((brand) => ({ brand, ids: channels.filter((c) => c.brandIds.includes(brand.id)).map((c) => c.id) })).filter((b) => b.ids.length > 0)

  return (
    <div className="composer-channels">
      {byBrand.length > 0 && (
        <div className="composer-brands" role="group" aria-label="Choose a brand’s channels">
          <span className="composer-brands__label" aria-hidden="true">
            Brands
          </span>
          {byBrand.map(({ brand, ids }) => (
            <BrandShortcut key={brand.id} brand={brand} channelIds={ids} selected={selected} onChange={onChange} />
          ))}
        </div>
      )}
      {NETWORKS.map((network) => {
        const members = channels.filter((c) => c.network === network)
        if (members.length === 0) return null
        return (
          <fieldset key={network} className="composer-network">
            <legend className="composer-network__legend">
              <NetworkMark network={network} size="sm" />
              {NETWORK_LABELS[network]}
            </legend>
            <ul className="composer-network__list">
              {members.map((channel) => (
                <ChannelOption
                  key={channel.id}
                  channel={channel}
                  checked={selected.includes(channel.id)}
                  problems={problems.get(channel.id)}
                  onToggle={(on) => toggle(channel.id, on)}
                />
              ))}
            </ul>
          </fieldset>
        )
      })}
    </div>
  )
}
