import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useMemo, useRef } from 'react'
import type { InboxItem, TextPart } from '../../../../shared/domain/inbox'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { Icon } from '../../components/Icon'
import { NetworkMark } from '../../components/NetworkMark'
import { formatRelative } from '../../lib/time'
import { actionWords } from './inbox-words'
import type { InboxRow } from './inbox-rows'

export function Highlighted({ parts, text }: { parts: TextPart[] | null; text: string }) {
  if (!parts) return <>{text}</>
  return (
    <>
      {parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  )
}

/** A row re-renders only when its own props change: scrolling moves rows, it does not redraw them. */
const ItemRow = memo(function ItemRow({ item, now, active, selected, onOpen, onSelect }: {
  item: InboxItem
  now: number
  active: boolean
  selected: boolean
  onOpen(id: number): void
  onSelect(id: number, range: boolean): void
}) {
  const classes = ['inbox-row', active ? 'inbox-row--active' : '', item.read ? '' : 'inbox-row--unread', item.state === 'done' ? 'inbox-row--done' : ''].filter(Boolean).join(' ')
  const action = item.lastAction ? actionWords(item.lastAction) : null
  return (
    <div
      className={classes}
      role="option"
      aria-selected={active}
      id={`inbox-item-${item.id}`}
      data-testid="inbox-row"
      onClick={(e) => {
        if (e.shiftKey || e.metaKey || e.ctrlKey) onSelect(item.id, e.shiftKey)
        else onOpen(item.id)
      }}
    >
      {/* Pointer selection (a drawn box, not a control: options hold no controls); the keyboard selects with Ctrl/⌘+A and the bulk bar says how many. */}
      <span
        className={selected ? 'inbox-row__check inbox-row__check--on' : 'inbox-row__check'}
        aria-hidden="true"
        onClick={(e) => {
          e.stopPropagation()
          onSelect(item.id, e.shiftKey)
        }}
      >
        {selected && <Icon name="check" size={12} />}
      </span>
      <NetworkMark network={item.network} size="sm" />
      <div className="inbox-row__body">
        <div className="inbox-row__meta">
          <span className="inbox-row__author">{item.authorName || `@${item.authorHandle}`}</span>
          <span className="inbox-row__channel">
            {item.channelName}
            <span className="visually-hidden"> on {NETWORK_LABELS[item.network]}</span>
          </span>
          <time className="inbox-row__time" dateTime={new Date(item.createdAt).toISOString()}>
            {formatRelative(item.createdAt, now)}
          </time>
        </div>
        <p className="inbox-row__text">
          {item.deletedAt !== null ? <em>Deleted on the network. </em> : null}
          {item.hidden ? <em>Hidden. </em> : null}
          <Highlighted parts={item.highlight} text={item.text} />
        </p>
        <div className="inbox-row__tags">
          {item.state === 'assigned' && item.assignee && <span className="inbox-tag inbox-tag--assigned">{item.assignee}</span>}
          {item.state === 'done' && (
            <span className="inbox-tag inbox-tag--done">
              <Icon name="check" size={12} /> Done
            </span>
          )}
          {!item.own && !item.answered && item.deletedAt === null && item.state !== 'done' && <span className="inbox-tag">Needs reply</span>}
          {item.own && <span className="inbox-tag">From {item.channelName}</span>}
          {item.labels.map((l) => (
            <span key={l} className="inbox-tag inbox-tag--label">
              {l}
            </span>
          ))}
          {action && <span className={`inbox-tag inbox-tag--${action.tone}`}>{action.short}</span>}
        </div>
      </div>
    </div>
  )
})

/**
 * How far ahead of the last row drawn the next page is asked for: a first page's worth, some thirty
 * frames at three rows a frame, so answers slowed by a busy machine still arrive before scrolling
 * reaches the end (run out, the list sits clamped at the end and the virtualiser's corrections for
 * rows measured meanwhile have been seen to pull it back up).
 */
const PREFETCH_ROWS = 100

/**
 * The unified list, virtualised: only the rows on screen exist in the page, so a hundred
 * thousand comments scroll like a hundred. Gaps sit among the comments where they happened.
 */
export function InboxList(props: {
  rows: InboxRow[]
  now: number
  activeId: number | null
  selected: ReadonlySet<number>
  hasMore: boolean
  onLoadMore(ahead: number): void
  onOpen(id: number): void
  onSelect(id: number, range: boolean): void
}) {
  const { rows } = props
  const parent = useRef<HTMLDivElement>(null)
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: (i) => (rows[i]?.kind === 'gap' ? 64 : 88),
    getItemKey: (i) => {
      const row = rows[i]
      return row ? (row.kind === 'gap' ? row.key : row.item.id) : i
    },
    overscan: 8,
  })
  const virtualItems = virtual.getVirtualItems()
  const last = virtualItems.at(-1)?.index ?? 0
  const { hasMore, onLoadMore } = props
  useEffect(() => {
    if (hasMore && last >= rows.length - PREFETCH_ROWS) onLoadMore(rows.length - 1 - last)
  }, [hasMore, last, rows.length, onLoadMore])

  // Found once per change, not on every frame the list scrolls.
  const activeIndex = useMemo(() => rows.findIndex((r) => r.kind === 'item' && r.item.id === props.activeId), [rows, props.activeId])
  useEffect(() => {
    if (activeIndex >= 0) virtual.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, virtual])

  return (
    <div
      ref={parent}
      className="inbox-list"
      role="listbox"
      aria-label="Comments and mentions"
      aria-activedescendant={props.activeId !== null ? `inbox-item-${props.activeId}` : undefined}
      tabIndex={0}
      data-testid="inbox-list"
    >
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((v) => {
          const row = rows[v.index]
          if (!row) return null
          return (
            <div key={v.key} data-index={v.index} ref={virtual.measureElement} className="inbox-list__slot" style={{ transform: `translateY(${v.start}px)` }}>
              {row.kind === 'gap' ? (
                <div className={`inbox-gap inbox-gap--${row.gap.state}`} role="note" data-testid="inbox-gap">
                  <Icon name={row.gap.state === 'closed' ? 'info' : 'alert'} size={16} />
                  <p>{row.sentence}</p>
                </div>
              ) : (
                <ItemRow
                  item={row.item}
                  now={props.now}
                  active={row.item.id === props.activeId}
                  selected={props.selected.has(row.item.id)}
                  onOpen={props.onOpen}
                  onSelect={props.onSelect}
                />
              )}
            </div>
          )
        })}
      </div>
    </div>
  )
}
