import { memo, useId, useMemo, type KeyboardEvent } from 'react'
import type { Brand } from '../../../../shared/domain/entities'
import { BrandChip } from '../../components/BrandChip'
import { usePageList } from '../../lib/use-page-list'
import { ChannelRow } from './ChannelRow'
import { blockHeight, channelBlocks, type ChannelBlock } from './channel-blocks'
import type { ChannelGroup } from './group-channels'
import type { ChannelLinkView } from './use-channel-links'

type LinksByChannel = ReadonlyMap<string, readonly ChannelLinkView[]> | undefined
type Open = (channelId: string) => void

/** Blocks drawn whole, all of them in the document (up to about a hundred channels). */
const ALL_UP_TO = 30

function GroupHeading({ group, id }: { group: ChannelGroup; id: string }) {
  const count = group.channels.length
  return (
    <h2 id={id} className="channel-group__heading">
      {group.brand ? <BrandChip name={group.brand.name} color={group.brand.color} /> : <span>Not in a brand</span>}
      <span className="channel-group__count">
        {count} {count === 1 ? 'channel' : 'channels'}
      </span>
    </h2>
  )
}

function BlockRows({ block, brandsById, links, onOpen }: { block: ChannelBlock; brandsById: ReadonlyMap<string, Brand>; links: LinksByChannel; onOpen: Open }) {
  const joined = `${block.first ? '' : ' channel-list--joined-top'}${block.last ? '' : ' channel-list--joined-bottom'}`
  return (
    <ul className={`boxed-list channel-list${joined}`}>
      {block.channels.map((channel, i) => (
        <ChannelRow
          key={channel.id}
          channel={channel}
          brandsById={brandsById}
          groupBrandId={block.group.brand?.id}
          // Unknown while loading; a channel no profile links to has no links at all.
          links={links ? (links.get(channel.id) ?? []) : undefined}
          position={{ index: block.from + i + 1, of: block.group.channels.length }}
          onOpen={onOpen}
        />
      ))}
    </ul>
  )
}

/** A group's first block is its region, named by its heading; later blocks continue its list. Not drawn again while the page scrolls. */
const Block = memo(function Block({ block, ...rest }: { block: ChannelBlock; brandsById: ReadonlyMap<string, Brand>; links: LinksByChannel; onOpen: Open }) {
  const headingId = useId()
  if (!block.first) return <BlockRows block={block} {...rest} />
  return (
    <section className="channel-group" aria-labelledby={headingId}>
      <GroupHeading group={block.group} id={headingId} />
      <BlockRows block={block} {...rest} />
    </section>
  )
})

const focusRow = (which: 'first' | 'last'): void => {
  const rows = document.querySelectorAll<HTMLElement>('.channel-row__open')
  ;(which === 'first' ? rows[0] : rows[rows.length - 1])?.focus()
}

/**
 * Channels grouped by brand. Only the blocks near the visible part of the page are in the
 * document (an agency has hundreds of channels); Home and End reach the first and last channel.
 */
export function ChannelGroupList({
  groups,
  brands,
  links,
  onOpen,
}: {
  groups: readonly ChannelGroup[]
  brands: readonly Brand[]
  links: LinksByChannel
  onOpen: Open
}) {
  const brandsById = useMemo(() => new Map(brands.map((b) => [b.id, b])), [brands])
  const blocks = useMemo(() => channelBlocks(groups), [groups])
  const list = usePageList<HTMLDivElement>({
    count: blocks.length,
    allUpTo: ALL_UP_TO,
    estimateSize: (i) => {
      const block = blocks[i]
      return block ? blockHeight(block) : 0
    },
    // The estimate is the height: a block is measured once the page is laid out, not as it is drawn.
    measureOnDraw: false,
    getItemKey: (i) => {
      const block = blocks[i]
      return block ? `${block.group.brand?.id ?? 'none'} ${block.from}` : String(i)
    },
  })
  const { virtualizer } = list

  // Home and End go to the ends of the whole list, not of the part in the document.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    if ((e.key !== 'Home' && e.key !== 'End') || !(e.target instanceof HTMLElement) || !e.target.matches('.channel-row__open')) return
    const which = e.key === 'Home' ? 'first' : 'last'
    if (which === 'first') virtualizer.scrollToOffset(0)
    else virtualizer.scrollToIndex(blocks.length - 1, { align: 'end' })
    requestAnimationFrame(() => requestAnimationFrame(() => focusRow(which)))
  }

  return (
    <div
      ref={list.listRef}
      className="channel-groups"
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      onFocus={list.onFocus}
      onBlur={list.onBlur}
      onKeyDown={onKeyDown}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const block = blocks[item.index]
        if (!block) return null
        return (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className={`channel-block${block.last ? ' channel-block--last' : ''}`}
            style={{ transform: `translateY(${list.top(item.start)}px)` }}
          >
            <Block block={block} brandsById={brandsById} links={links} onOpen={onOpen} />
          </div>
        )
      })}
    </div>
  )
}
