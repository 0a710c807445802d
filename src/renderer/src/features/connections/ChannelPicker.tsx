import { useId, useMemo, useState, type CSSProperties, type FormEvent } from 'react'
import type { ConnectResult, DiscoveredChannelView } from '../../../../shared/domain/connections'
import type { Brand } from '../../../../shared/domain/entities'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { Button } from '../../components/Button'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { Loading } from '../../components/Loading'
import { NetworkMark } from '../../components/NetworkMark'
import { SearchField } from '../../components/SearchField'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { matchingChannels } from '../../lib/channel-search'
import { usePageList } from '../../lib/use-page-list'
import { useQuery } from '../../lib/use-query'
import { BrandCreateForm } from '../settings/BrandCreateForm'

const KIND_LABELS: Record<string, string> = {
  page: 'Page',
  business_account: 'Business account',
  organization: 'Organisation page',
  member: 'Member profile',
  account: 'Account',
}

interface Pick {
  checked: boolean
  brandIds: string[]
}

/** A brand as a toggle chip: pressed means the channel goes into it. */
function BrandToggle({ brand, pressed, disabled, onToggle }: { brand: Brand; pressed: boolean; disabled: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="brand-toggle"
      aria-pressed={pressed}
      disabled={disabled}
      style={{ '--brand-color': brand.color } as CSSProperties}
      onClick={onToggle}
    >
      <span className="brand-toggle__dot" aria-hidden="true" />
      {brand.name}
      {pressed && <Icon name="check" size={12} />}
    </button>
  )
}

function ChannelChoice({
  channel,
  pick,
  brands,
  invalid,
  place,
  onChange,
}: {
  channel: DiscoveredChannelView
  pick: Pick
  brands: readonly Brand[]
  invalid: boolean
  /** Where the list places the row: it draws only the rows near the visible part of the dialog. */
  place: { index: number; of: number; top: number; measure: (element: HTMLLIElement | null) => void }
  onChange: (next: Pick) => void
}) {
  const id = useId()
  const toggleBrand = (brandId: string): void =>
    onChange({ ...pick, brandIds: pick.brandIds.includes(brandId) ? pick.brandIds.filter((b) => b !== brandId) : [...pick.brandIds, brandId] })
  return (
    <li
      ref={place.measure}
      data-index={place.index}
      aria-posinset={place.index + 1}
      aria-setsize={place.of}
      className={`picker-channel${pick.checked ? ' picker-channel--checked' : ''}`}
      style={{ transform: `translateY(${place.top}px)` }}
    >
      <div className="picker-channel__main">
        <input id={id} type="checkbox" className="checkbox" checked={pick.checked} onChange={(e) => onChange({ ...pick, checked: e.target.checked })} />
        <NetworkMark network={channel.network} size="sm" />
        <label htmlFor={id} className="picker-channel__identity">
          <span className="picker-channel__name">{channel.name}</span>
          <span className="picker-channel__meta">
            {NETWORK_LABELS[channel.network]} · {KIND_LABELS[channel.kind] ?? channel.kind}
            {channel.handle ? ` · ${channel.handle}` : ''}
          </span>
        </label>
        {!channel.canPublish && <span className="picker-channel__note">Read only: this profile’s role cannot publish</span>}
      </div>
      {/* A page and its Instagram account often share a name: the network tells them apart. */}
      <div className="picker-channel__brands" role="group" aria-label={`Brands for ${channel.name} (${NETWORK_LABELS[channel.network]})`}>
        {brands.map((brand) => (
          <BrandToggle key={brand.id} brand={brand} pressed={pick.brandIds.includes(brand.id)} disabled={!pick.checked} onToggle={() => toggleBrand(brand.id)} />
        ))}
      </div>
      {invalid && (
        <p className="field-error picker-channel__error" role="alert">
          Choose at least one brand for {channel.name} ({NETWORK_LABELS[channel.network]}).
        </p>
      )}
    </li>
  )
}

/** From this many channels found, a search narrows the list. */
const SEARCH_FROM = 10
/** Up to this many rows every one is in the document; beyond, only those near the visible part. */
const ALL_UP_TO = 30
const ROW_PX = 96

function ChoiceList({
  channels,
  brands,
  picks,
  invalid,
  onChange,
}: {
  channels: readonly DiscoveredChannelView[]
  brands: readonly Brand[]
  picks: Record<string, Pick>
  invalid: (channel: DiscoveredChannelView) => boolean
  onChange: (channel: DiscoveredChannelView, next: Pick) => void
}) {
  const list = usePageList<HTMLUListElement>({
    count: channels.length,
    estimateSize: () => ROW_PX,
    getItemKey: (i) => channels[i]?.networkChannelId ?? String(i),
    allUpTo: ALL_UP_TO,
    scroller: (element) => element.closest<HTMLElement>('.dialog__body'),
  })
  const { virtualizer } = list
  if (channels.length === 0) return null
  return (
    <ul
      ref={list.listRef}
      className="boxed-list picker__list"
      aria-label="Channels found"
      style={{ height: virtualizer.getTotalSize() }}
      onFocus={list.onFocus}
      onBlur={list.onBlur}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const channel = channels[item.index]
        if (!channel) return null
        return (
          <ChannelChoice
            key={item.key}
            channel={channel}
            brands={brands}
            pick={picks[channel.networkChannelId] ?? { checked: false, brandIds: [] }}
            invalid={invalid(channel)}
            place={{ index: item.index, of: channels.length, top: list.top(item.start), measure: virtualizer.measureElement }}
            onChange={(next) => onChange(channel, next)}
          />
        )
      })}
    </ul>
  )
}

/**
 * The channels a sign-in found: each with a checkbox and the brands it goes into (one or more).
 * "Add channels" finishes the connection; "Not now" leaves it unfinished, listed as needing attention.
 */
export function ChannelPicker({ result, onClose }: { result: ConnectResult; onClose: () => void }) {
  const toast = useToast()
  const brands = useQuery('brands:list', undefined, ['brands:did-change'])
  const [picks, setPicks] = useState<Record<string, Pick>>(() =>
    Object.fromEntries(result.channels.map((c) => [c.networkChannelId, { checked: true, brandIds: [] }])),
  )
  const [showErrors, setShowErrors] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [defaulted, setDefaulted] = useState(false)
  const name = result.profile.displayName

  // With exactly one brand there is nothing to choose: put every channel in it from the start.
  if (!defaulted && brands.data) {
    setDefaulted(true)
    const only = brands.data.length === 1 ? brands.data[0] : undefined
    if (only) setPicks((current) => Object.fromEntries(Object.entries(current).map(([k, p]) => [k, { ...p, brandIds: [only.id] }])))
  }

  const [query, setQuery] = useState('')
  const shown = useMemo(() => matchingChannels(result.channels, query), [result.channels, query])
  const chosen = result.channels.filter((c) => picks[c.networkChannelId]?.checked)
  const missingBrand = chosen.filter((c) => (picks[c.networkChannelId]?.brandIds.length ?? 0) === 0)

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (missingBrand.length > 0) {
      setShowErrors(true)
      return
    }
    setBusy(true)
    setError(undefined)
    try {
      await call('connections:finish-connect', {
        profileId: result.profileId,
        picks: chosen.map((c) => ({ networkChannelId: c.networkChannelId, brandIds: picks[c.networkChannelId]?.brandIds ?? [] })),
      })
      toast.show({
        message:
          chosen.length === 0
            ? `Connected ${name} without channels.`
            : `Added ${chosen.length} ${chosen.length === 1 ? 'channel' : 'channels'} from ${name}.`,
      })
      onClose()
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }

  function later(): void {
    toast.show({ message: `${name} is signed in, but no channels were added. Pick them any time from Connection health.` })
    onClose()
  }

  if (!brands.data) {
    return brands.error ? <ErrorNotice message={brands.error} onRetry={brands.reload} /> : <Loading label="Loading brands…" />
  }

  return (
    <form className="picker" onSubmit={(e) => void submit(e)} noValidate>
      <div className="picker__profile">
        <NetworkMark network={result.profile.network} />
        <span>
          Signed in as <strong>{name}</strong>
          {result.profile.handle ? <span className="picker__handle"> · {result.profile.handle}</span> : null}
        </span>
      </div>

      {result.channels.length === 0 ? (
        <p className="muted-note">
          No pages or accounts were found for {name}. Check that this person manages at least one, then refresh the connection from
          Connection health.
        </p>
      ) : (
        <>
          {brands.data.length === 0 && <p className="muted-note">Channels go into brands. Add the first brand below.</p>}
          {result.channels.length >= SEARCH_FROM && (
            <SearchField label="Find a channel found" placeholder={`Find among ${result.channels.length} channels`} value={query} onChange={setQuery} />
          )}
          {shown.length === 0 && <p className="muted-note">No channel matches “{query.trim()}”.</p>}
          <ChoiceList
            channels={shown}
            brands={brands.data}
            picks={picks}
            invalid={(channel) => showErrors && missingBrand.includes(channel)}
            onChange={(channel, next) => setPicks((current) => ({ ...current, [channel.networkChannelId]: next }))}
          />
          <BrandCreateForm inPicker onCreated={() => brands.reload()} />
        </>
      )}

      {error && <ErrorNotice message={error} />}

      <div className="dialog__actions">
        <span className="dialog__actions-meta" aria-live="polite">
          {result.channels.length > 0 && `${chosen.length} of ${result.channels.length} selected`}
        </span>
        <Button onClick={later} disabled={busy}>
          Not now
        </Button>
        <Button type="submit" variant="primary" disabled={busy || (result.channels.length > 0 && chosen.length === 0)}>
          {busy ? 'Adding…' : result.channels.length === 0 ? 'Finish' : 'Add channels'}
        </Button>
      </div>
    </form>
  )
}
