import { memo, useEffect, useMemo } from 'react'
import { usePageList } from '../../lib/use-page-list'
import type { CalendarViewProps } from './CalendarViews'
import { DeliveryItem } from './DeliveryItem'
import { blockHeight, listBlocks, sameBlock, type Block } from './list-blocks'
import { formatLongDay, formatShortDay } from './schedule-format'

type ListBlockProps = { block: Block } & Pick<CalendarViewProps, 'risks' | 'onOpen'>

/**
 * One block's rows; the list renders again on every scrolled frame, the rows only when they change
 * (not when a page read further on makes the blocks anew: `sameBlock`).
 */
const ListBlock = memo(function ListBlock({ block, risks, onOpen }: ListBlockProps) {
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
}, (a: ListBlockProps, b: ListBlockProps) => a.risks === b.risks && a.onOpen === b.onOpen && sameBlock(a.block, b.block))

/**
 * Days that have posts, each with its posts in time order. Only the blocks near the visible part
 * of the page are in the document (a month at agency scale holds thousands of deliveries); the
 * page itself scrolls, so the list measures where it starts within it.
 */
export const ScheduleList = memo(function ScheduleList({ range, byDay, risks, onOpen, more }: CalendarViewProps) {
  const blocks = useMemo(() => listBlocks(range.days, byDay), [range.days, byDay])
  // Four blocks (about 600 px) beyond each end keep fast scrolling from showing blank rows; more
  // were drawn with the list for nothing (a screen holds about five).
  const list = usePageList<HTMLDivElement>({
    count: blocks.length,
    estimateSize: (i) => blockHeight(blocks[i]),
    allUpTo: 0,
    overscan: 4,
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
