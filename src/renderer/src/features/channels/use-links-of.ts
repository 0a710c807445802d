import { useChannelLinks, type ChannelLinkView } from './use-channel-links'

/** Every profile link into one channel; undefined while reading. */
export function useLinksOf(channelId: string): ChannelLinkView[] | undefined {
  const links = useChannelLinks()
  return links ? (links.get(channelId) ?? []) : undefined
}
