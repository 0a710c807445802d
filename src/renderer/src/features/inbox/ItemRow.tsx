import { memo } from 'react'
import type { InboxItem, TextPart } from '../../../../shared/domain/inbox'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { Icon } from '../../components/Icon'
import { NetworkMark } from '../../components/NetworkMark'
import { formatRelative } from '../../lib/time'
import { rowTags } from './row-tags'

export function Highlighted({ parts, text }: { parts: TextPart[] | null; text: string }) {
  if (!parts) return <>{text}</>
  return (
    <>
      {parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  )
}

/** A row re-renders only when its own props change: scrolling moves rows, it does not redraw them. */
export const ItemRow = memo(function ItemRow({ item, now, active, selected, onOpen, onSelect }: {
  item: InboxItem
  now: number
  active: boolean
  selected: boolean
  onOpen(id: number): void
  onSelect(id: number, range: boolean): void
}) {
  const classes = ['inbox-row', active ? 'inbox-row--active' : '', item.read ? '' : 'inbox-row--unread', item.state === 'done' ? 'inbox-row--done' : ''].filter(Boolean).join(' ')
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
          {rowTags(item).map((tag) => (
            <span key={tag.key} className={tag.tone ? `inbox-tag inbox-tag--${tag.tone}` : 'inbox-tag'}>
              {tag.check && <Icon name="check" size={12} />}
              {tag.check ? ` ${tag.text}` : tag.text}
            </span>
          ))}
        </div>
      </div>
    </div>
  )
})
