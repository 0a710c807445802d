import type { Brand, ChannelSummary } from '../../../../shared/domain/entities'

export interface ChannelGroup {
  /** `undefined` for the channels that belong to no brand. */
  brand: Brand | undefined
  channels: ChannelSummary[]
}

/**
 * One group per brand, in the brands' order, then the channels in no brand. A channel in several
 * brands appears under each, because that is where people look for it.
 */
export function groupChannelsByBrand(channels: readonly ChannelSummary[], brands: readonly Brand[]): ChannelGroup[] {
  const groups: ChannelGroup[] = []
  for (const brand of brands) {
    const members = channels.filter((c) => c.brandIds.includes(brand.id))
    if (members.length > 0) groups.push({ brand, channels: members })
  }
  const known = new Set(brands.map((b) => b.id))
  const loose = channels.filter((c) => !c.brandIds.some((id) => known.has(id)))
  if (loose.length > 0) groups.push({ brand: undefined, channels: loose })
  return groups
}
