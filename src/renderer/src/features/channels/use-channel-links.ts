import { useMemo } from 'react'
import type { ProfileView } from '../../../../shared/domain/connections'
import type { ChannelLinkSummary } from '../../../../shared/domain/entities'
import { isBrokenHealth } from '../../../../shared/domain/health'
import { useQuery } from '../../lib/use-query'
import { useConnections } from '../connections/connections-context'
import { copyFor } from '../connections/profile-status'

/** One link of a channel: the profile it goes through and whether that way in still works. */
export interface ChannelLinkView {
  profile: ProfileView
  linkHealth: string
  linkDetail: string
  /** The profile's grant or the link itself (a lost page role) is broken. */
  broken: boolean
  /** The profile's sign-in expires soon and Relink cannot renew it alone. */
  expiring: boolean
  /** When the profile stopped working, from its event log. */
  stoppedAt: number | undefined
  /** The network's last raw error for a profile that needs attention; '' otherwise. */
  lastErrorRaw: string
}

const LINK_EVENTS = ['channels:did-change', 'connections:did-reconnect', 'connections:did-change-health'] as const

/** Joins every link with the profile it goes through, grouped by channel. */
export function linksByChannel(
  links: readonly ChannelLinkSummary[],
  profiles: readonly ProfileView[],
  rawErrors: ReadonlyMap<string, { lastErrorRaw: string }> = new Map(),
): Map<string, ChannelLinkView[]> {
  const byId = new Map(profiles.map((p) => [p.id, p]))
  const map = new Map<string, ChannelLinkView[]>()
  for (const link of links) {
    const profile = byId.get(link.profileId)
    if (!profile) continue
    const view: ChannelLinkView = {
      profile,
      linkHealth: link.linkHealth,
      linkDetail: link.linkDetail,
      broken: isBrokenHealth(profile.health) || copyFor(link.linkHealth)?.tone === 'broken',
      expiring: profile.health === 'expiring',
      stoppedAt: profile.stoppedAt ?? undefined,
      lastErrorRaw: rawErrors.get(profile.id)?.lastErrorRaw ?? '',
    }
    const list = map.get(link.channelId)
    if (list) list.push(view)
    else map.set(link.channelId, [view])
  }
  return map
}

/**
 * Which profiles stand behind each channel: one read of every link, joined with the profile list
 * the window already has. `undefined` while either is being read.
 */
export function useChannelLinks(): Map<string, ChannelLinkView[]> | undefined {
  const { profiles, attentionDetails } = useConnections()
  const links = useQuery('channels:list-links', undefined, LINK_EVENTS)
  return useMemo(
    () => (profiles && links.data ? linksByChannel(links.data, profiles, attentionDetails) : undefined),
    [profiles, links.data, attentionDetails],
  )
}
