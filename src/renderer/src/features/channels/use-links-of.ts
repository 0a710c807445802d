import { linksByChannel, useAllProfileDetails, type ChannelLinkView } from './use-channel-links'

/** Every profile link into one channel, read from the profiles' details; undefined while reading. */
export function useLinksOf(channelId: string): ChannelLinkView[] | undefined {
  const details = useAllProfileDetails(true)
  return details ? (linksByChannel(details).get(channelId) ?? []) : undefined
}
