import { useId } from 'react'
import type { Brand } from '../../../../shared/domain/entities'
import { BrandChip } from '../../components/BrandChip'
import { ChannelRow } from './ChannelRow'
import type { ChannelGroup } from './group-channels'

function GroupSection({ group, brandsById }: { group: ChannelGroup; brandsById: ReadonlyMap<string, Brand> }) {
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
      <ul className="channel-list">
        {group.channels.map((channel) => (
          <ChannelRow key={channel.id} channel={channel} brandsById={brandsById} groupBrandId={group.brand?.id} />
        ))}
      </ul>
    </section>
  )
}

export function ChannelGroupList({ groups, brands }: { groups: readonly ChannelGroup[]; brands: readonly Brand[] }) {
  const brandsById = new Map(brands.map((b) => [b.id, b]))
  return (
    <div className="channel-groups">
      {groups.map((group) => (
        <GroupSection key={group.brand?.id ?? 'none'} group={group} brandsById={brandsById} />
      ))}
    </div>
  )
}
