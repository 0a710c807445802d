import type { ChannelSummary } from '../../../../shared/domain/entities'
import type { DeliveryState } from '../../../../shared/domain/schedule'
import { STATE_OPTIONS } from './delivery-copy'

/** What the person narrowed the schedule to; an empty list means "all". */
export interface ScheduleFilter {
  brandIds: string[]
  channelIds: string[]
  /** State option labels ("Publishing" covers two states). */
  states: string[]
}

export const NO_FILTER: ScheduleFilter = { brandIds: [], channelIds: [], states: [] }

export const isFiltered = (f: ScheduleFilter): boolean => f.brandIds.length + f.channelIds.length + f.states.length > 0

/** Channels the channel filter offers: those in the chosen brands, or every channel. */
export function channelsInBrands(channels: readonly ChannelSummary[], brandIds: readonly string[]): ChannelSummary[] {
  if (brandIds.length === 0) return [...channels]
  return channels.filter((c) => c.brandIds.some((id) => brandIds.includes(id)))
}

/**
 * The channel ids to ask main for, or undefined for all. Chosen channels outside the chosen
 * brands are dropped, so the two filters narrow together rather than contradict each other.
 */
export function queryChannelIds(filter: ScheduleFilter, channels: readonly ChannelSummary[]): string[] | undefined {
  if (filter.brandIds.length === 0 && filter.channelIds.length === 0) return undefined
  const offered = channelsInBrands(channels, filter.brandIds).map((c) => c.id)
  return filter.channelIds.length === 0 ? offered : offered.filter((id) => filter.channelIds.includes(id))
}

/** The states to ask main for, or undefined for all. */
export function queryStates(filter: ScheduleFilter): DeliveryState[] | undefined {
  if (filter.states.length === 0) return undefined
  return STATE_OPTIONS.filter((o) => filter.states.includes(o.label)).flatMap((o) => o.states)
}
