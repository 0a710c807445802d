import { useEffect, useState } from 'react'
import type { ProfileDetail } from '../../../../shared/domain/connections'
import type { ChannelSummary } from '../../../../shared/domain/entities'
import { isBrokenHealth } from '../../../../shared/domain/health'
import { call } from '../../lib/api'
import { useConnections } from '../connections/connections-context'
import { brokeAt, copyFor } from '../connections/profile-status'

/** One link of a channel: the profile it goes through and whether that way in still works. */
export interface ChannelLinkView {
  profile: ProfileDetail
  linkHealth: string
  linkDetail: string
  /** The profile's grant or the link itself (a lost page role) is broken. */
  broken: boolean
  /** The profile's sign-in expires soon and Relink cannot renew it alone. */
  expiring: boolean
  /** When the profile stopped working, from its event log. */
  stoppedAt: number | undefined
}

/** Groups profile details by the channels they reach. */
export function linksByChannel(details: Iterable<ProfileDetail>): Map<string, ChannelLinkView[]> {
  const map = new Map<string, ChannelLinkView[]>()
  for (const profile of details) {
    for (const channel of profile.channels) {
      const link: ChannelLinkView = {
        profile,
        linkHealth: channel.linkHealth,
        linkDetail: channel.linkDetail,
        broken: isBrokenHealth(profile.health) || copyFor(channel.linkHealth)?.tone === 'broken',
        expiring: profile.health === 'expiring',
        stoppedAt: brokeAt(profile),
      }
      map.set(channel.id, [...(map.get(channel.id) ?? []), link])
    }
  }
  return map
}

/**
 * Which profiles stand behind each channel. Channel summaries do not carry their links, so this
 * reads the details of the profiles that need attention; when a channel is degraded or
 * disconnected it reads every profile, because "still publishing through …" names the working ones.
 * `undefined` while that is being read.
 */
export function useChannelLinks(channels: readonly ChannelSummary[] | undefined): Map<string, ChannelLinkView[]> | undefined {
  const { profiles, attentionDetails } = useConnections()
  const needAll = channels?.some((c) => c.health === 'degraded' || c.health === 'disconnected') ?? false
  const all = useAllProfileDetails(needAll)

  if (!profiles) return undefined
  if (!needAll) return linksByChannel(attentionDetails.values())
  // Keep showing the last complete answer while a newer one is read, so frames do not flicker.
  return all ? linksByChannel(all) : undefined
}

/** The details of every profile, read again when the profile list changes; undefined until read or when not wanted. */
export function useAllProfileDetails(wanted: boolean): ProfileDetail[] | undefined {
  const { profiles } = useConnections()
  const [all, setAll] = useState<ProfileDetail[]>()

  useEffect(() => {
    if (!wanted || !profiles) return
    let current = true
    Promise.all(profiles.map((p) => call('connections:get-profile', { profileId: p.id }).catch(() => undefined)))
      .then((list) => {
        if (current) setAll(list.filter((d): d is ProfileDetail => d !== undefined))
      })
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [wanted, profiles])

  return all
}
