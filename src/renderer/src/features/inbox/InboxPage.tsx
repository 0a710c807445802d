import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { SavedReply } from '../../../../shared/domain/inbox'
import { appsMayRead } from '../../../../shared/domain/network'
import type { Navigate } from '../../app/pages'
import { useNow } from '../../app/now-context'
import { useSettings } from '../../app/settings-context'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { CHANNEL_LIST_EVENTS } from '../../lib/channel-events'
import { dateFormat } from '../../lib/locale'
import { useMediaQuery } from '../../lib/use-media-query'
import { useQuery } from '../../lib/use-query'
import { InboxBulkBar } from './InboxBulkBar'
import { InboxEmptyState } from './InboxEmptyState'
import { inboxEmpty } from './inbox-empty'
import { InboxList } from './InboxList'
import { toQuery } from './inbox-query'
import { inboxGapSentence, mergeRows } from './inbox-rows'
import { DEFAULT_FILTERS, type InboxFilters } from './inbox-filters'
import { InboxToolbar } from './InboxToolbar'
import { SavedRepliesDialog } from './SavedRepliesDialog'
import { ThreadActions, type ThreadActionHandlers } from './ThreadActions'
import { ThreadView, type ThreadHandlers } from './ThreadView'
import { useDrillInFocus } from './use-drill-in-focus'
import { useInboxKeys } from './use-inbox-keys'
import { useInboxList } from './use-inbox-list'
import { INBOX_STREAMS, useStreamProgress } from './use-stream-progress'
import { useThread } from './use-thread'
import './inbox.css'

/** One empty list for every answer not there yet, so the memoised toolbar sees the same props. */
const NONE: never[] = []
const gapTime = dateFormat({ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
/**
 * Below this the list and an open thread do not both fit beside each other with the filters above
 * them (a 900×600 window left the thread a quarter of the height): the thread takes the page, and
 * Back (Esc) returns to the list where it was. The width at which the sidebar becomes a rail.
 */
const DRILL_IN = '(max-width: 999px)'

/** The unified inbox: every comment and mention, triaged from the keyboard. */
export function InboxPage({ onNavigate }: { onNavigate: Navigate }) {
  const now = useNow()
  const toast = useToast()
  const { settings } = useSettings()
  const team = useMemo(() => settings?.inbox.teamMembers ?? NONE, [settings])
  const [filters, setFilters] = useState<InboxFilters>(DEFAULT_FILTERS)
  const [search, setSearch] = useState('')
  const [activeId, setActiveId] = useState<number | null>(null)
  const [open, setOpen] = useState(false)
  const [selected, setSelected] = useState<Set<number>>(new Set())
  const anchor = useRef<number | null>(null)
  const searchInput = useRef<HTMLInputElement>(null)
  const labelInput = useRef<HTMLInputElement>(null)
  const assignSelect = useRef<HTMLSelectElement>(null)

  // Search follows typing after a short pause.
  useEffect(() => {
    const t = window.setTimeout(() => setSearch(filters.search), 150)
    return () => window.clearTimeout(t)
  }, [filters.search])

  const query = useMemo(() => toQuery(filters, search), [filters, search])
  const list = useInboxList(query)
  const channels = useQuery('channels:list', undefined, CHANNEL_LIST_EVENTS)
  const gaps = useQuery('sync:list-gaps', { streams: [...INBOX_STREAMS] }, ['sync:did-change', 'channels:did-change'])
  const counts = useQuery('inbox:get-counts', undefined, ['inbox:did-change', 'sync:did-change'])
  const labels = useQuery('inbox:list-labels', undefined, ['inbox:did-change'])
  const brands = useQuery('brands:list', undefined, ['brands:did-change'])
  const [savedOpen, setSavedOpen] = useState(false)
  // Read when a thread or the saved replies open, not on every visit: no event says they changed.
  const savedReplies = useQuery('inbox:list-saved-replies', undefined, [], { enabled: open || savedOpen })
  const [insert, setInsert] = useState<{ reply: SavedReply; seq: number }>()
  const thread = useThread(open ? activeId : null)
  const progress = useStreamProgress()
  // While the next thread is read the one before stays, inert, so the panes keep their places.
  const shownThread = thread.shown
  const readingNext = shownThread !== undefined && thread.data === undefined
  const narrow = useMediaQuery(DRILL_IN)
  const drillIn = narrow && shownThread !== undefined
  const threadPane = useRef<HTMLDivElement>(null)
  const listPane = useRef<HTMLDivElement>(null)
  const threadItemId = thread.data?.item.id
  // Another thread starts at its top, where its post and first message are, not where the last one was scrolled.
  useEffect(() => {
    if (threadItemId !== undefined) threadPane.current?.scrollTo({ top: 0 })
  }, [threadItemId])

  const channelById = useMemo(() => new Map((channels.data ?? []).map((c) => [c.id, c])), [channels.data])
  const visibleGaps = useMemo(
    () => (gaps.data ?? []).filter((g) => (!filters.channelId || g.channelId === filters.channelId) && (!filters.network || channelById.get(g.channelId)?.network === filters.network)),
    [gaps.data, filters.channelId, filters.network, channelById],
  )
  const rows = useMemo(
    () =>
      mergeRows(
        list.items,
        search.trim() ? [] : visibleGaps,
        (g) => inboxGapSentence(g, channelById.get(g.channelId), gapTime),
        !list.hasMore,
      ),
    [list.items, list.hasMore, visibleGaps, channelById, search],
  )
  const itemIds = useMemo(() => list.items.map((i) => i.id), [list.items])
  // Read by the row callbacks when they run, so the callbacks (and the rows) stay the same as pages arrive.
  const idsNow = useRef(itemIds)
  useEffect(() => {
    idsNow.current = itemIds
  }, [itemIds])

  // Whether the keyboard was in the thread when another replaced it (J, K, E): it follows to the
  // new thread's heading instead of falling to the body with the old one. Focus the old thread lost
  // (it goes inert while the next is read) still counts, so J pressed twice quickly follows too.
  const keyboardInThread = useRef(false)
  const openItem = useCallback((id: number) => {
    const at = document.activeElement
    keyboardInThread.current = threadPane.current?.contains(at) === true || (keyboardInThread.current && (at === null || at === document.body))
    setActiveId(id)
    setOpen(true)
    void call('inbox:mark-read', { itemIds: [id] }).catch(() => undefined)
  }, [])

  const move = (step: 1 | -1): void => {
    if (itemIds.length === 0) return
    const at = activeId === null ? -1 : itemIds.indexOf(activeId)
    const next = itemIds[Math.min(itemIds.length - 1, Math.max(0, at === -1 ? 0 : at + step))]
    if (next !== undefined) openItem(next)
  }

  async function run(what: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action()
    } catch (err) {
      toast.show({ message: `${what}: ${errorMessage(err)}`, tone: 'danger' })
      throw err
    }
  }

  const handlers: ThreadHandlers = {
    setState: (ids, state) => run('The state was not changed', () => call('inbox:set-state', { itemIds: ids, state })),
    assign: (ids, assignee) => run('Not assigned', () => call('inbox:assign', { itemIds: ids, assignee })),
    label: (ids, label, on) => run('The label was not changed', () => call('inbox:label', { itemIds: ids, label, on })),
    addNote: (id, text) => run('The note was not added', () => call('inbox:add-note', { itemId: id, text })),
  }

  const actionHandlers: ThreadActionHandlers = {
    act: (itemId, kind, text) =>
      run(kind === 'reply' ? 'The reply was not queued' : 'Not done', async () => {
        // Where it is (queued, sending, sent, waiting) shows in the thread as it moves.
        const { created } = await call('inbox:act', { itemId, kind, ...(text !== undefined ? { text } : {}) })
        if (!created) toast.show({ message: 'That is already on its way.' })
      }),
    resolve: (actionId, resolution) => run('Not changed', () => call('inbox:resolve-action', { actionId, resolution })).catch(() => undefined),
  }

  const targets = (): number[] => (selected.size > 0 ? [...selected] : activeId !== null ? [activeId] : [])

  function markDone(): void {
    const ids = targets()
    if (ids.length === 0) return
    const at = activeId === null ? -1 : itemIds.indexOf(activeId)
    void handlers.setState(ids, 'done').then(() => {
      if (selected.size > 0) {
        setSelected(new Set())
        toast.show({ message: `${ids.length} marked done.` })
        return
      }
      // The next one down takes its place, so E E E works through the list.
      const next = itemIds.filter((id) => !ids.includes(id))[Math.max(0, at)]
      if (next !== undefined) openItem(next)
      else setOpen(false)
    }).catch(() => undefined)
  }

  const select = useCallback((id: number, range: boolean): void => {
    const ids = idsNow.current
    setSelected((current) => {
      const next = new Set(current)
      if (range && anchor.current !== null) {
        const a = ids.indexOf(anchor.current)
        const b = ids.indexOf(id)
        for (const x of ids.slice(Math.min(a, b), Math.max(a, b) + 1)) next.add(x)
      } else if (next.has(id)) next.delete(id)
      else next.add(id)
      anchor.current = id
      return next
    })
  }, [])
  const changeFilters = useCallback((next: Partial<InboxFilters>) => setFilters((f) => ({ ...f, ...next })), [])
  const openSavedReplies = useCallback(() => setSavedOpen(true), [])

  // R, L and A open the thread first; the field is focused once it is on screen.
  const [focusTarget, setFocusTarget] = useState<'reply' | 'label' | 'assign' | null>(null)
  useEffect(() => {
    if (!focusTarget || !thread.data) return
    const el = focusTarget === 'label' ? labelInput.current : focusTarget === 'assign' ? assignSelect.current : document.getElementById('inbox-reply')
    if (el) {
      el.focus()
      setFocusTarget(null)
    }
  }, [focusTarget, thread.data])
  const focusInThread = (target: 'reply' | 'label' | 'assign'): void => {
    if (activeId === null) return
    setOpen(true)
    setFocusTarget(target)
  }
  // The search field is with the list: with the thread over the list, / goes back to it first.
  const [searchWanted, setSearchWanted] = useState(false)
  useEffect(() => {
    if (!searchWanted || drillIn) return
    searchInput.current?.focus()
    setSearchWanted(false)
  }, [searchWanted, drillIn])
  useDrillInFocus({ drillIn, threadId: threadItemId, activeId, listPane, threadPane, keyboardInThread })

  useInboxKeys({
    next: () => move(1),
    previous: () => move(-1),
    reply: () => focusInThread('reply'),
    done: markDone,
    label: () => focusInThread('label'),
    assign: () => focusInThread('assign'),
    search: () => {
      if (drillIn) setOpen(false)
      setSearchWanted(true)
    },
    back: () => {
      if (selected.size > 0) setSelected(new Set())
      else if (open) setOpen(false)
    },
    selectAll: () => setSelected(new Set(itemIds)),
  })

  const channelList = channels.data ?? NONE
  // Whether some channel was never read matters only to an empty inbox: every stream's health
  // (two per channel, 80 KB at agency scale) is read only then.
  const empty = !list.loading && rows.length === 0
  const health = useQuery('sync:get-health', { streams: [...INBOX_STREAMS] }, ['sync:did-change'], { enabled: empty })
  const picked = filters.channelId ? channelList.find((c) => c.id === filters.channelId) : undefined
  const filtered = JSON.stringify({ ...filters, search: '' }) !== JSON.stringify({ ...DEFAULT_FILTERS, search: '' }) || search.trim() !== ''
  const reading = [...progress.values()]
  const emptyState = inboxEmpty({
    rows: rows.length,
    items: list.items.length,
    loading: list.loading,
    error: list.error,
    channels: channels.data,
    closedChannel: picked && !appsMayRead(picked.network, picked.kind) ? picked : undefined,
    filtered,
    search,
    health: { answered: health.data !== undefined, failed: Boolean(health.error), neverRead: (health.data ?? []).some((h) => h.lastOkAt === null) },
  })
  // The empty state's Clear filters clears everything; the chips' own, clearing the folded ones
  // only, is not drawn beside it, so there is one Clear filters and it brings the list back.
  const body =
    emptyState.kind === 'list' ? (
      <InboxList
        rows={rows}
        now={now}
        activeId={activeId}
        selected={selected}
        hasMore={list.hasMore}
        onLoadMore={list.loadMore}
        onOpen={openItem}
        onSelect={select}
      />
    ) : (
      <InboxEmptyState
        empty={emptyState}
        onRetry={list.reload}
        onNavigate={onNavigate}
        onShowEveryChannel={() => setFilters((f) => ({ ...f, channelId: '' }))}
        onClearFilters={() => setFilters(DEFAULT_FILTERS)}
      />
    )

  const toolbar = (
    <InboxToolbar
      filters={filters}
      channels={channelList}
      brands={brands.data ?? NONE}
      team={team}
      labels={labels.data ?? NONE}
      counts={counts.data?.byState}
      searchInput={searchInput}
      covered={drillIn}
      listOffersClear={emptyState.kind === 'nothing-matches'}
      onChange={changeFilters}
      onSavedReplies={openSavedReplies}
    />
  )

  return (
    <div className={drillIn ? 'inbox-page inbox-page--drill' : shownThread ? 'inbox-page inbox-page--thread' : 'inbox-page'}>
      {toolbar}
      {reading.length > 0 && (
        <div className="inbox-progress" role="status">
          <span>
            Reading comments from {reading.length} channel{reading.length === 1 ? '' : 's'}
            {reading.some((p) => p.mode === 'backfill') ? ' (catching up on a gap)' : ''}: {reading.reduce((n, p) => n + p.done, 0)} read
          </span>
          <progress value={reading.reduce((n, p) => n + p.done, 0)} max={Math.max(1, reading.reduce((n, p) => n + (p.total ?? p.done), 0))} />
        </div>
      )}
      {selected.size > 0 && (
        <InboxBulkBar
          selected={selected}
          team={team}
          handlers={handlers}
          onDone={markDone}
          onClear={() => setSelected(new Set())}
        />
      )}
      {savedOpen && (
        <SavedRepliesDialog
          replies={savedReplies.data ?? []}
          onChanged={savedReplies.reload}
          onClose={() => setSavedOpen(false)}
          {...(open && thread.data
            ? {
                onInsert: (reply: SavedReply) => {
                  setInsert((i) => ({ reply, seq: (i?.seq ?? 0) + 1 }))
                  setSavedOpen(false)
                },
              }
            : {})}
        />
      )}
      <div className="inbox-panes">
        <div className="inbox-panes__list" ref={listPane}>
          <h2 className="visually-hidden">Comments and mentions</h2>
          {body}
        </div>
        {shownThread && (
          <div className="inbox-panes__thread" ref={threadPane} inert={readingNext} aria-busy={readingNext}>
            {/* A thread of its own each time: nothing half written in one is left in the next. */}
            <ThreadView
              key={shownThread.item.id}
              thread={shownThread}
              team={team}
              knownLabels={labels.data ?? []}
              handlers={handlers}
              labelInput={labelInput}
              assignSelect={assignSelect}
              onClose={() => setOpen(false)}
              drillIn={drillIn}
            >
              <ThreadActions
                thread={shownThread}
                savedReplies={savedReplies.data ?? []}
                handlers={actionHandlers}
                onManageSaved={() => setSavedOpen(true)}
                insert={insert}
              />
            </ThreadView>
          </div>
        )}
      </div>
    </div>
  )
}
