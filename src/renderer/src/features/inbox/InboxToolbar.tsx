import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react'
import type { Brand, ChannelSummary } from '../../../../shared/domain/entities'
import type { InboxState } from '../../../../shared/domain/inbox'
import { Icon } from '../../components/Icon'
import { dateFormat } from '../../lib/locale'
import { InboxFilterChips } from './InboxFilterChips'
import { InboxFilterFields } from './InboxFilterFields'
import { foldedChips, type InboxFilters } from './inbox-filters'
import { localDayStart } from './inbox-query'
import { SyncNowButton } from './SyncNowButton'
import { useFilterFold } from './use-filter-fold'
import './inbox-filters.css'

const STATE_TABS: { id: InboxFilters['state']; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'new', label: 'New' },
  { id: 'assigned', label: 'Assigned' },
  { id: 'done', label: 'Done' },
  { id: 'all', label: 'All' },
]

const chipDay = dateFormat({ day: 'numeric', month: 'short', year: 'numeric' })

/**
 * Search and filters over the unified list; drawn again only when they change, not as pages of
 * the list arrive. When the bar is too narrow for the filters' row, all but needs reply fold
 * behind a Filters button that says how many are in use, with each one in use a chip beside it.
 */
export const InboxToolbar = memo(function InboxToolbar(props: {
  filters: InboxFilters
  channels: ChannelSummary[]
  brands: Brand[]
  team: string[]
  labels: string[]
  counts: Record<InboxState, number> | undefined
  searchInput: RefObject<HTMLInputElement | null>
  /** A thread has the page (a small window) and the bar is out of sight. */
  covered: boolean
  /** The list is empty with its own Clear filters (clearing everything): the chips do not offer a second. */
  listOffersClear: boolean
  onChange(next: Partial<InboxFilters>): void
  onSavedReplies(): void
}) {
  const { filters, onChange } = props
  const ids = useId()
  const chosen = useMemo(() => props.channels.find((c) => c.id === filters.channelId), [props.channels, filters.channelId])
  const row = useRef<HTMLDivElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const [open, setOpen] = useState(false)
  // Whatever had the focus in the bar when it folded or unfolded keeps it where it is drawn now; a
  // field folded away opens the panel, and what is drawn no more (the button, a chip) hands the
  // focus to the button or the first field.
  const refocus = useRef<HTMLElement | null>(null)
  const needsReplyId = `${ids}-needs-reply`
  const folded = useFilterFold(row, props.brands.length > 0, (fold, focused) => {
    refocus.current = focused
    setOpen(fold && focused !== null && focused.id !== needsReplyId && panel.current?.contains(focused) === true)
  })
  useLayoutEffect(() => {
    const had = refocus.current
    refocus.current = null
    if (!had || document.activeElement === had) return
    const again = (had.id ? document.getElementById(had.id) : null) ?? (folded ? button.current : panel.current?.querySelector<HTMLElement>('select, input'))
    again?.focus()
  }, [folded])

  // A thread taking the page closes the panel: back in the list, it is not left open over it.
  useEffect(() => {
    if (props.covered) setOpen(false)
  }, [props.covered])
  // A press anywhere else closes the panel; one in a dialog opened from it does not.
  useEffect(() => {
    if (!open) return
    const onPointerDown = (e: MouseEvent): void => {
      const target = e.target
      if (!(target instanceof Element) || panel.current?.contains(target) || button.current?.contains(target) || target.closest('dialog')) return
      setOpen(false)
    }
    document.addEventListener('mousedown', onPointerDown)
    return () => document.removeEventListener('mousedown', onPointerDown)
  }, [open])

  const chips = useMemo(
    () =>
      folded
        ? foldedChips(filters, {
            brand: (id) => props.brands.find((b) => b.id === id)?.name,
            channel: (id) => (chosen?.id === id ? chosen.name : undefined),
            day: (day) => chipDay(localDayStart(day)),
          })
        : [],
    [folded, filters, props.brands, chosen],
  )
  const panelId = `${ids}-filters`
  const needsReply = (
    <label className="inbox-toggle" data-fold-width>
      <input id={needsReplyId} type="checkbox" checked={filters.needsReply} onChange={(e) => onChange({ needsReply: e.target.checked })} />
      Needs reply
    </label>
  )

  return (
    <div className="compact-fields inbox-toolbar">
      <div className="inbox-toolbar__row">
        <label className="search-field inbox-search">
          <Icon name="search" size={14} />
          <span className="visually-hidden">Search comments</span>
          <input
            ref={props.searchInput}
            type="search"
            value={filters.search}
            placeholder="Search comments (/)"
            maxLength={200}
            onChange={(e) => onChange({ search: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation()
                if (filters.search) onChange({ search: '' })
                else e.currentTarget.blur()
              }
            }}
          />
        </label>
        <div className="inbox-tabs" role="group" aria-label="State">
          {STATE_TABS.map((t) => (
            <button key={t.id} type="button" className="inbox-tabs__tab" aria-pressed={filters.state === t.id} onClick={() => onChange({ state: t.id })}>
              {t.label}
              {props.counts && (t.id === 'new' || t.id === 'assigned') && <span className="inbox-tabs__count">{props.counts[t.id]}</span>}
            </button>
          ))}
        </div>
        <SyncNowButton channelId={filters.channelId} channelName={chosen?.name} />
      </div>
      <div
        ref={row}
        className={folded ? 'inbox-toolbar__row inbox-toolbar__filters inbox-toolbar__filters--folded' : 'inbox-toolbar__row inbox-toolbar__filters'}
        onKeyDown={(e) => {
          // Esc on the button or in the panel closes it and gives the button the focus; a field
          // that keeps Esc for itself (the channel list open) has had it first.
          if (e.key !== 'Escape' || !open || e.defaultPrevented) return
          if (!(e.target instanceof Node) || !(panel.current?.contains(e.target) || button.current?.contains(e.target))) return
          e.preventDefault()
          setOpen(false)
          button.current?.focus()
        }}
      >
        <span className="inbox-filters-anchor">
          {folded && (
            <button
              ref={button}
              type="button"
              className={chips.length > 0 ? 'button inbox-filters-button inbox-filters-button--active' : 'button inbox-filters-button'}
              aria-expanded={open}
              aria-controls={panelId}
              onClick={() => setOpen((o) => !o)}
              onBlur={(e) => {
                // Leaving for anywhere but the panel (/ to the search, say) closes it.
                const to = e.relatedTarget
                if (open && to instanceof Node && !panel.current?.contains(to)) setOpen(false)
              }}
            >
              <Icon name="filter" size={14} />
              Filters
              {chips.length > 0 && (
                <>
                  <span aria-hidden="true"> · {chips.length}</span>
                  <span className="visually-hidden">, {chips.length} in use</span>
                </>
              )}
              <Icon name="chevronDown" size={14} className="inbox-filters-button__chevron" />
            </button>
          )}
          <div
            ref={panel}
            id={panelId}
            className={folded ? (open ? 'inbox-filters inbox-filters--panel inbox-filters--open' : 'inbox-filters inbox-filters--panel') : 'inbox-filters'}
            {...(folded ? { role: 'group', 'aria-label': 'Filters' } : {})}
            onBlur={(e) => {
              // Tabbing on past the last field closes the panel; back to the button keeps it open.
              const to = e.relatedTarget
              if (open && to instanceof Node && !panel.current?.contains(to) && !button.current?.contains(to)) setOpen(false)
            }}
          >
            <InboxFilterFields
              ids={ids}
              inPanel={folded}
              filters={filters}
              channels={props.channels}
              brands={props.brands}
              team={props.team}
              labels={props.labels}
              needsReply={folded ? undefined : needsReply}
              onChange={onChange}
            />
          </div>
        </span>
        {folded && needsReply}
        {folded && <InboxFilterChips chips={chips} fallback={button} offerClear={!props.listOffersClear} onChange={onChange} />}
        <button type="button" className="inbox-toolbar__link inbox-toolbar__saved" onClick={props.onSavedReplies}>
          Saved replies
        </button>
      </div>
    </div>
  )
})
