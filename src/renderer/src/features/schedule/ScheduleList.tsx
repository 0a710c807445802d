import { memo, useEffect, useMemo } from 'react'
import type { CalendarDelivery } from '../../../../shared/domain/schedule'
import { usePageList } from '../../lib/use-page-list'
import { dayKey } from './calendar-range'
import type { CalendarViewProps } from './CalendarViews'
import { DeliveryItem } from './DeliveryItem'
import { formatLongDay, formatShortDay } from './schedule-format'

/**
 * Deliveries per rendered block: a busy agency day (hundreds of posts) becomes many blocks. Small,
 * so a scrolled frame brings in a few rows at a time rather than twenty in one frame every seven.
 */
const BLOCK = 5
/**
 * A row (42 px: its 24 px avatar and padding) and the 6 px after it (the gap to the next, or the
 * block's bottom padding); a day's heading is 28 px (schedule.css). Exact, so measuring a block
 * once it is drawn moves nothing: an estimate 20 px short moved every block below each one measured.
 */
const ROW_PX = 48
const HEADING_PX = 28

interface Block {
  day: number
  first: boolean
  deliveries: CalendarDelivery[]
}

/** Days with posts, split into blocks of at most BLOCK deliveries. */
export function listBlocks(days: readonly number[], byDay: ReadonlyMap<string, CalendarDelivery[]>): Block[] {
  const blocks: Block[] = []
  for (const day of days) {
    const deliveries = byDay.get(dayKey(day)) ?? []
    for (let i = 0; i < deliveries.length; i += BLOCK) blocks.push({ day, first: i === 0, deliveries: deliveries.slice(i, i + BLOCK) })
  }
  return blocks
}

/** One block's rows; the list renders again on every scrolled frame, the rows only when they change. */
const ListBlock = memo(function ListBlock({ block, risks, onOpen }: { block: Block } & Pick<CalendarViewProps, 'risks' | 'onOpen'>) {
  return (
    <>
      {block.first && <h3 className="schedule-list__day">{formatShortDay(block.day)}</h3>}
      <ul className="schedule-list__items" aria-label={`Posts on ${formatLongDay(block.day)}`}>
        {block.deliveries.map((d) => (
          <DeliveryItem key={d.id} delivery={d} risk={risks.get(d)} variant="row" onOpen={onOpen} />
        ))}
      </ul>
    </>
  )
})

/**
 * Days that have posts, each with its posts in time order. Only the blocks near the visible part
 * of the page are in the document (a month at agency scale holds thousands of deliveries); the
 * page itself scrolls, so the list measures where it starts within it.
 */
export const ScheduleList = memo(function ScheduleList({ range, byDay, risks, onOpen, more }: CalendarViewProps) {
  const blocks = useMemo(() => listBlocks(range.days, byDay), [range.days, byDay])
  // Three blocks (about 700 px) beyond each end keep fast scrolling from showing blank rows; more
  // were drawn with the list for nothing (a screen holds about four).
  const list = usePageList<HTMLDivElement>({
    count: blocks.length,
    estimateSize: (i) => (blocks[i]?.first ? HEADING_PX : 0) + (blocks[i]?.deliveries.length ?? 0) * ROW_PX,
    allUpTo: 0,
    overscan: 3,
    measureOnDraw: false,
  })
  const { virtualizer } = list
  const items = virtualizer.getVirtualItems()
  // Near the end of what is read, read the next page.
  const lastShown = items.at(-1)?.index ?? -1
  const nearEnd = lastShown >= blocks.length - 3
  useEffect(() => {
    if (nearEnd && more?.hasMore && !more.loading) more.loadMore()
  }, [nearEnd, more])
  return (
    <>
      <div ref={list.listRef} className="schedule-list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }} onFocus={list.onFocus} onBlur={list.onBlur}>
        {items.map((item) => {
          const block = blocks[item.index]
          if (!block) return null
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="schedule-list__block"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${list.top(item.start)}px)` }}
            >
              <ListBlock block={block} risks={risks} onOpen={onOpen} />
            </div>
          )
        })}
      </div>
      {more?.hasMore && (
        <p className="schedule-list__more" role="status">
          Loading more posts…
        </p>
      )}
    </>
  )
})
