/** The words a finished Sync now leaves in its toast. */
const plural = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`

/** What a finished Sync now says: what came in, and which channels could not be read. */
export function syncNowMessage(result: { items: number; failedChannels: number }): { message: string; tone: 'neutral' | 'danger' } {
  const got = result.items === 0 ? 'No new comments or mentions' : `${plural(result.items, 'new comment or mention', 'new comments and mentions')} read`
  if (result.failedChannels === 0) return { message: result.items === 0 ? 'Up to date: no new comments or mentions.' : `${got}.`, tone: 'neutral' }
  return { message: `${got}; ${plural(result.failedChannels, 'channel', 'channels')} could not be read. Connection health says why.`, tone: 'danger' }
}
