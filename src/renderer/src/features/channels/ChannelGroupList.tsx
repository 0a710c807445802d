import { useId } from 'react'
import type { Brand } from '../../../../shared/domain/entities'
import { BrandChip } from '../../components/BrandChip'
import { ChannelRow } from './ChannelRow'
import type { ChannelGroup } from './group-channels'
import type { ChannelLinkView } from './use-channel-links'

type LinksByChannel = ReadonlyMap<string, readonly ChannelLinkView[]> | undefined
type Open = (channelId: string) => void

function GroupSection({ group, brandsById, links, onOpen }: { group: ChannelGroup; brandsById: ReadonlyMap<string, Brand>; links: LinksByChannel; onOpen: Open }) {
  const headingId = useId()
  const count = group.channels.length
  return (
    <section className="channel-group" aria-labelledby={headingId}>
      <h2 id={headingId} className="channel-group__heading">
        {group.brand ? <BrandChip name={group.brand.name} color={group.brand.color} /> : <span>Not in a brand</span>}
        <span className="channel-group__count">
          {count} {count === 1 ? 'channel' : 'channels'}
        </span>
      </h2>
      <ul className="boxed-list channel-list">
        {group.channels.map((channel) => (
          <ChannelRow
            key={channel.id}
            channel={channel}
            brandsById={brandsById}
            groupBrandId={group.brand?.id}
            // Unknown while loading; a channel no profile links to has no links at all.
            links={links ? (links.get(channel.id) ?? []) : undefined}
            onOpen={onOpen}
          />
        ))}
      </ul>
    </section>
  )
}

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
  const brandsById = new Map(brands.map((b) => [b.id, b]))
  return (
    <div className="channel-groups">
      {groups.map((group) => (
        <GroupSection key={group.brand?.id ?? 'none'} group={group} brandsById={brandsById} links={links} onOpen={onOpen} />
      ))}
    </div>
  )
}
