import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react'
import type { Brand, ChannelSummary } from '../../../../../shared/domain/entities'
import { NETWORKS, NETWORK_LABELS, type Network } from '../../../../../shared/domain/network'
import type { ChannelProblems } from '../../../../../shared/domain/schedule'
import { channelVoice } from '../../../../../shared/domain/health-voice'
import { ChannelAvatar } from '../../../components/ChannelAvatar'
import { Icon } from '../../../components/Icon'
import { NetworkMark } from '../../../components/NetworkMark'
import { SearchField } from '../../../components/SearchField'
import { ProblemList } from './ProblemList'
import { matchingChannels } from '../../../lib/channel-search'

/** Channels without a working connection still take posts: they are held until it is refreshed (the table's words). */
function unreachableNote(health: ChannelSummary['health']): string | undefined {
  if (health !== 'disconnected' && health !== 'unlinked') return undefined
  const voice = channelVoice(health)
  return `${voice.badge}: ${voice.cause}`
}

/** From this many channels the picker offers a search. */
const SEARCH_FROM = 12
/** From this many rows (channels and network headings) only those near the visible part are drawn. */
const VIRTUAL_FROM = 80
/**
 * Heights of the long list's rows as drawn (a network's heading, a channel, a channel whose note
 * runs onto a second line): each row is measured once shown, and a close guess spares moving
 * every row below it when it is.
 */
const HEADING_PX = 21
const CHANNEL_PX = 50
const UNREACHABLE_PX = 88

/**
 * A channel's row. Drawn again only when its own props change: scrolling the long list or
 * choosing another channel leaves the other rows as they are.
 */
const ChannelOption = memo(function ChannelOption({
  channel,
  checked,
  problems,
  onToggle,
  as: Element = 'li',
}: {
  channel: ChannelSummary
  checked: boolean
  problems: ChannelProblems | undefined
  onToggle: (id: string, checked: boolean) => void
  /** `div` where the row stands alone (the long, virtualised list). */
  as?: 'li' | 'div'
}) {
  const id = useId()
  const note = unreachableNote(channel.health)
  const classes = ['composer-channel', checked ? 'composer-channel--checked' : '', note ? 'composer-channel--unreachable' : '', problems ? 'composer-channel--problem' : '']
  return (
    <Element className={classes.filter(Boolean).join(' ')}>
      <input
        id={id}
        type="checkbox"
        className="checkbox"
        checked={checked}
        aria-describedby={`${id}-meta${problems ? ` ${id}-problems` : ''}`}
        aria-invalid={problems ? true : undefined}
        onChange={(e) => onToggle(channel.id, e.target.checked)}
      />
      <ChannelAvatar channel={channel} size="sm" />
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
    </Element>
  )
})

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
 * Drawn again only when the channels, the choice or the problems change, not for each key typed.
 */
export const ChannelSelect = memo(function ChannelSelect({
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
  const [query, setQuery] = useState('')
  // One toggle for every row, reading the choice as it is when pressed, so the rows stay as drawn.
  const latest = useRef({ selected, onChange })
  latest.current = { selected, onChange }
  const toggle = useCallback((id: string, on: boolean): void => {
    const { selected: now, onChange: change } = latest.current
    change(on ? [...now, id] : now.filter((s) => s !== id))
  }, [])
  const byBrand = useMemo(
    () => brands.map((brand) => ({ brand, ids: channels.filter((c) => c.brandIds.includes(brand.id)).map((c) => c.id) })).filter((b) => b.ids.length > 0),
    [brands, channels],
  )
  const shown = useMemo(() => matchingChannels(channels, query), [channels, query])
  const groups = useMemo(() => NETWORKS.map((network) => ({ network, members: shown.filter((c) => c.network === network) })).filter((g) => g.members.length > 0), [shown])
  const rows = groups.length + shown.length
  const option = (channel: ChannelSummary, as?: 'div') => (
    <ChannelOption key={channel.id} channel={channel} checked={selected.includes(channel.id)} problems={problems.get(channel.id)} onToggle={toggle} {...(as ? { as } : {})} />
  )

  return (
    <>
      {channels.length >= SEARCH_FROM && (
        <SearchField label="Find a channel" placeholder={`Find among ${channels.length} channels`} value={query} onChange={setQuery} className="composer-channel-search" />
      )}
      <div className="composer-channels">
        {byBrand.length > 0 && !query && (
          <div className="composer-brands" role="group" aria-label="Choose a brand’s channels">
            <span className="composer-brands__label" aria-hidden="true">
              Brands
            </span>
            {byBrand.map(({ brand, ids }) => (
              <BrandShortcut key={brand.id} brand={brand} channelIds={ids} selected={selected} onChange={onChange} />
            ))}
          </div>
        )}
        {shown.length === 0 && <p className="muted-note">No channel matches “{query}”.</p>}
        {rows >= VIRTUAL_FROM ? (
          <VirtualChannels groups={groups} option={(c) => option(c, 'div')} />
        ) : (
          groups.map(({ network, members }) => (
            <fieldset key={network} className="composer-network">
              <legend className="composer-network__legend">
                <NetworkLegend network={network} />
              </legend>
              <ul className="composer-network__list">{members.map((channel) => option(channel))}</ul>
            </fieldset>
          ))
        )}
      </div>
    </>
  )
})

function NetworkLegend({ network }: { network: Network }) {
  return (
    <>
      <NetworkMark network={network} size="sm" />
      {NETWORK_LABELS[network]}
    </>
  )
}

type Row = { kind: 'network'; network: Network; count: number } | { kind: 'channel'; channel: ChannelSummary }

/**
 * An agency's hundreds of channels: one list of network headings and channel rows, of which only
 * those near the visible part of the picker are in the document.
 */
function VirtualChannels({ groups, option }: { groups: readonly { network: Network; members: readonly ChannelSummary[] }[]; option: (c: ChannelSummary) => ReactNode }) {
  const rows = useMemo<Row[]>(() => groups.flatMap((g) => [{ kind: 'network' as const, network: g.network, count: g.members.length }, ...g.members.map((channel) => ({ kind: 'channel' as const, channel }))]), [groups])
  const box = useRef<HTMLDivElement>(null)
  // The list starts below the brand shortcuts, inside the picker that scrolls.
  const [offset, setOffset] = useState(0)
  useLayoutEffect(() => setOffset(box.current?.offsetTop ?? 0), [])
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => box.current?.parentElement ?? null,
    estimateSize: (index) => {
      const row = rows[index]
      return row?.kind === 'channel' ? (unreachableNote(row.channel.health) ? UNREACHABLE_PX : CHANNEL_PX) : HEADING_PX
    },
    overscan: 8,
    scrollMargin: offset,
  })
  return (
    <div ref={box} className="composer-channels__virtual" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index]
        if (!row) return null
        return (
          <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="composer-channels__row" style={{ top: item.start - offset }}>
            {row.kind === 'network' ? (
              <h4 className="composer-network__legend composer-network__heading">
                <NetworkLegend network={row.network} />
                <span className="composer-brand__count">{row.count}</span>
              </h4>
            ) : (
              option(row.channel)
            )}
          </div>
        )
      })}
    </div>
  )
}
