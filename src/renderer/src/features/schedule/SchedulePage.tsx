import { useCallback, useMemo, useState } from 'react'
import type { CalendarDelivery, PostView } from '../../../../shared/domain/schedule'
import type { EventName } from '../../../../shared/ipc/channels'
import { useNow } from '../../app/now-context'
import type { Navigate } from '../../app/pages'
import { Button } from '../../components/Button'
import { EmptyState } from '../../components/EmptyState'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { Loading } from '../../components/Loading'
import { CHANNEL_LIST_EVENTS } from '../../lib/channel-events'
import { appLocale } from '../../lib/locale'
import { useQuery } from '../../lib/use-query'
import { answersWindows, byDayOf, calendarIndex } from './calendar-days'
import { addDays, localeFirstDay, shiftAnchor, startOfDay, visibleRange } from './calendar-range'
import { hourStarts, WEEK_HOUR_LIMIT } from './week-layout'
import { MONTH_CELL_LIMIT } from './CalendarDay'
import { ListView, MonthView, WeekView, type CalendarViewProps } from './CalendarViews'
import { Composer } from './composer/Composer'
import { DeliveryDrawer, type DeliveryTarget } from './DeliveryDrawer'
import { NEEDS_PERSON } from './delivery-labels'
import { DraftsSection } from './DraftsSection'
import { NeedsYou } from './NeedsYou'
import { isFiltered, NO_FILTER, queryChannelIds, queryStates, type ScheduleFilter } from './schedule-filters'
import { formatMonth, formatWeek } from './schedule-format'
import { ScheduleFilters } from './ScheduleFilters'
import { ScheduleToolbar } from './ScheduleToolbar'
import { useAtRisk } from './use-at-risk'
import { useOpenRequestedDelivery } from './use-open-requested-delivery'
import { useScheduleShortcuts } from './use-schedule-shortcuts'
import { useMovePost, type DragPayload } from './use-move-post'
import { usePagedDeliveries } from './use-paged-deliveries'
import { useScheduleView } from './use-schedule-view'
import './schedule.css'

const SCHEDULE_EVENTS: readonly EventName[] = ['schedule:did-change', 'channels:did-change']
const DAY_MS = 86_400_000
const NO_COUNTS: ReadonlyMap<string, number> = new Map()

/** What the composer is open for: a new post (maybe at a clicked slot) or an existing one. */
type ComposerState = { postId?: string; initialPublishAt?: number }

/**
 * The schedule: posts needing a person at the top, then a week, a month or a list of the posts
 * planned per channel, with filters, a details drawer for each delivery, and the drafts.
 */
export function SchedulePage({ onNavigate }: { onNavigate: Navigate }) {
  const now = useNow()
  const [view, setView] = useScheduleView()
  // Undefined follows today, which is main's today (the demo's clock may run ahead).
  const [anchor, setAnchor] = useState<number>()
  const [filter, setFilter] = useState<ScheduleFilter>(NO_FILTER)
  const [selected, setSelected] = useState<DeliveryTarget>()
  const [composer, setComposer] = useState<ComposerState>()
  const firstDay = useMemo(() => localeFirstDay(appLocale() ?? navigator.language), [])
  const shown = anchor ?? now
  const range = useMemo(() => visibleRange(view, shown, firstDay), [view, shown, firstDay])

  const brands = useQuery('brands:list', undefined, ['brands:did-change'])
  const channels = useQuery('channels:list', undefined, CHANNEL_LIST_EVENTS)
  const channelIds = useMemo(() => (channels.data ? queryChannelIds(filter, channels.data) : undefined), [channels.data, filter])
  const states = queryStates(filter)
  const filtered = { ...(channelIds ? { channelIds } : {}), ...(states ? { states } : {}) }
  // The month shows a few posts a day, the week a few an hour, and both count the rest: main
  // sends just that. The list reads a page at a time as it scrolls and renders the rows on screen.
  const summarised = view !== 'list'
  const windows = useMemo(() => (view === 'week' ? hourStarts(range.days, range.to) : [...range.days, range.to]), [view, range])
  const listed = usePagedDeliveries({ from: range.from, to: range.to, ...filtered }, SCHEDULE_EVENTS, { enabled: !summarised })
  const days = useQuery(
    'schedule:list-days',
    { ...filtered, dayStarts: windows, postsPerDay: view === 'week' ? WEEK_HOUR_LIMIT : MONTH_CELL_LIMIT },
    SCHEDULE_EVENTS,
    { enabled: summarised },
  )
  // Only an answer for the windows shown: the other view's is not drawn while this one's comes.
  const daysAnswer = days.data && answersWindows(days.data, windows) ? days.data : undefined
  const deliveries = summarised ? { ...days, data: daysAnswer } : listed
  const index = useMemo(() => (daysAnswer ? calendarIndex(daysAnswer, view === 'week' ? 'hour' : 'day') : undefined), [daysAnswer, view])
  const shownDeliveries = summarised ? index?.deliveries : listed.data
  const postCounts = index?.postCounts ?? NO_COUNTS
  // A month back and the rest of the 400 days main allows forward: nothing needing a person hides in another week.
  const attentionFrom = addDays(startOfDay(now), -30)
  const needsYou = useQuery('schedule:list-deliveries', { from: attentionFrom, to: attentionFrom + 400 * DAY_MS, states: [...NEEDS_PERSON] }, SCHEDULE_EVENTS)
  const drafts = useQuery('schedule:list-drafts', undefined, ['schedule:did-change'])
  const { risks } = useAtRisk()
  const slotSets = useQuery('slots:list', undefined, ['slots:did-change', 'channels:did-change'], { enabled: view === 'week' })
  const shownSlots = useMemo(() => (slotSets.data ?? []).filter((s) => !channelIds || channelIds.includes(s.channelId)), [slotSets.data, channelIds])
  const movePost = useMovePost()

  const listedByDay = useMemo(() => byDayOf(listed.data ?? []), [listed.data])
  const byDay = summarised ? (index?.byDay ?? listedByDay) : listedByDay

  // Stable, so the list's and the week's rows are not rendered again when the page is.
  const openDelivery = useCallback((d: CalendarDelivery): void => setSelected({ deliveryId: d.id, postId: d.postId }), [])
  const step = (n: number): void => setAnchor(shiftAnchor(view, shown, n))
  // Stable too: the composer opening over the week must not render the week again.
  const newPost = useCallback((initialPublishAt?: number): void => setComposer(initialPublishAt === undefined ? {} : { initialPublishAt }), [])
  const showDay = useCallback(
    (day: number): void => {
      // The month's "+3 more" opens that week; the week's "+12 more" opens the list.
      setView(view === 'month' ? 'week' : 'list')
      setAnchor(day)
    },
    [view, setView],
  )
  const { hasMore, loading: loadingMore, loadMore } = listed
  const more = useMemo(() => ({ hasMore, loading: loadingMore, loadMore }), [hasMore, loadingMore, loadMore])
  const move = useCallback((payload: DragPayload, to: number): void => void movePost(payload, to), [movePost])

  useScheduleShortcuts({ previous: () => step(-1), next: () => step(1), today: () => setAnchor(undefined), newPost: () => newPost(), view: setView })
  useOpenRequestedDelivery((found) => {
    setSelected({ deliveryId: found.id, postId: found.postId })
    setAnchor(found.dueAt)
  })

  if (channels.data?.length === 0) {
    return (
      <EmptyState
        icon="schedule"
        title="Nothing scheduled yet"
        description="No channels are connected, and posts need a channel to go out to. Connect a profile on the Channels page, then plan posts here."
        action={{ label: 'View channels', onClick: () => onNavigate('channels') }}
      />
    )
  }

  const calendarProps: CalendarViewProps = {
    range,
    anchor: shown,
    byDay,
    postCounts,
    now,
    risks,
    onOpen: openDelivery,
    onCreate: newPost,
    onShowDay: showDay,
    onMove: move,
    slots: shownSlots,
  }
  const empty = shownDeliveries?.length === 0
  const span = view === 'week' ? 'this week' : `in ${formatMonth(shown)}`

  return (
    <div className="schedule-page">
      <NeedsYou deliveries={needsYou.data ?? []} risks={risks} onOpen={openDelivery} />
      <ScheduleToolbar
        view={view}
        rangeLabel={view === 'week' ? formatWeek(range.from, range.to) : formatMonth(shown)}
        onView={setView}
        onPrevious={() => step(-1)}
        onToday={() => setAnchor(undefined)}
        onNext={() => step(1)}
        onNewPost={() => newPost()}
      />
      <ScheduleFilters brands={brands.data} channels={channels.data} value={filter} onChange={setFilter} />
      {deliveries.error && <ErrorNotice message={deliveries.error} onRetry={deliveries.reload} />}
      {!deliveries.data && !deliveries.error && <Loading label="Loading the schedule…" />}
      {empty && (
        <div className="schedule-empty" role="status">
          <Icon name="schedule" size={20} className="schedule-empty__icon" />
          <div className="schedule-empty__text">
            <p className="schedule-empty__title">{isFiltered(filter) ? `No posts match these filters ${span}` : `Nothing scheduled ${span}`}</p>
            <p className="schedule-empty__description">
              {view === 'list' ? 'Plan a post, or look at another month.' : 'Click a day to plan a post there, or plan one now.'}
            </p>
          </div>
          <Button variant="primary" size="sm" onClick={() => newPost()}>
            Plan a post
          </Button>
          {isFiltered(filter) && (
            <Button variant="ghost" size="sm" onClick={() => setFilter(NO_FILTER)}>
              Clear filters
            </Button>
          )}
        </div>
      )}
      {deliveries.data && view === 'week' && <WeekView {...calendarProps} />}
      {deliveries.data && view === 'month' && <MonthView {...calendarProps} />}
      {deliveries.data && view === 'list' && !empty && <ListView {...calendarProps} more={more} />}
      <DraftsSection drafts={drafts.data ?? []} channels={channels.data ?? []} onEdit={(postId) => setComposer({ postId })} />
      {selected && (
        <DeliveryDrawer
          target={selected}
          onClose={() => setSelected(undefined)}
          onSelect={setSelected}
          onEdit={(postId) => {
            setSelected(undefined)
            setComposer({ postId })
          }}
        />
      )}
      {composer && (
        <Composer
          {...composer}
          onClose={() => setComposer(undefined)}
          onSaved={(post: PostView) => {
            // Show where the post landed, if that is outside what is on screen.
            if (post.publishAt !== null && (post.publishAt < range.from || post.publishAt >= range.to)) setAnchor(post.publishAt)
          }}
        />
      )}
    </div>
  )
}
