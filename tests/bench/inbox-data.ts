/**
 * Comments for the inbox benchmark: channels spread over the five networks and brands, and pages
 * of comments as a sync read brings them (one channel per page, replies after their parents),
 * with words in several scripts, diacritics and emoji so the FTS index does real work.
 */
import type { Database } from 'better-sqlite3'
import type { IngestChannel } from '../../src/main/inbox/ingest'
import type { RemoteComment } from '../../src/main/providers/types'
import type { Network } from '../../src/shared/domain/network'
import { random } from './agency-workspace'

const NETWORKS: readonly Network[] = ['facebook', 'instagram', 'linkedin', 'x', 'mastodon']
const WORDS = (
  'coffee café order delivery refund opening hours weekend brunch menu vegan gluten oat latte cappuccino croissant ' +
  'shipping parcel tracking size return exchange voucher discount price cheaper expensive staff friendly rude slow ' +
  'délicieux crème brûlée çа naïve übersetzung größe straße mañana niño ação pão コーヒー 美味しい 咖啡 好喝 кофе спасибо ' +
  'love great thanks awesome disappointed waiting again question when where why how please help store branch city'
).split(' ')
const TAILS = ['', '', '', ' 😍', ' 🙏', ' ☕️', ' 🔥🔥', ' !!', ' ?']
const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Émile', 'Fatima', 'Giulia', 'Hiroshi', 'Inés', 'Jonas', 'Kwame', 'Lena', 'Mateo', 'Noor', 'Olga', 'Priya']
const LAST = ['Lima', 'Okafor', 'Müller', 'Dubois', 'García', 'Tanaka', 'Kowalski', 'Haddad', 'Rossi', 'Nguyen', 'Svensson', 'Silva']

export const BENCH_NOW = Date.UTC(2026, 2, 2, 9)
const MINUTE = 60_000

export interface BenchChannel extends IngestChannel {
  brandId: string
}

/** Writes `count` channels (and `brands` brands) the way Relink stores connected ones. */
export function seedChannels(sqlite: Database, count: number, brands: number): BenchChannel[] {
  const channels: BenchChannel[] = []
  const brand = sqlite.prepare('INSERT INTO brands (id, name, color, created_at, updated_at) VALUES (?, ?, ?, 1, 1)')
  const channel = sqlite.prepare("INSERT INTO channels (id, network, instance, network_channel_id, kind, name, handle, created_at) VALUES (?, ?, '', ?, 'page', ?, ?, 1)")
  const inBrand = sqlite.prepare('INSERT INTO brand_channels (brand_id, channel_id) VALUES (?, ?)')
  sqlite.transaction(() => {
    for (let b = 0; b < brands; b++) brand.run(`brand-${b}`, `Brand ${b}`, '#336699')
    for (let i = 0; i < count; i++) {
      const network = NETWORKS[i % NETWORKS.length] as Network
      const c: BenchChannel = { id: `channel-${i}`, network, name: `Channel ${i}`, handle: `channel${i}`, networkChannelId: `net-${i}`, brandId: `brand-${i % brands}` }
      channel.run(c.id, c.network, c.networkChannelId, c.name, c.handle)
      inBrand.run(c.brandId, c.id)
      channels.push(c)
    }
  })()
  return channels
}

/**
 * Pages of comments, oldest first, ending at BENCH_NOW: each page is one channel's read of up to
 * `pageSize` comments, a third of them replies in a thread of that page, some from the channel.
 */
export function* commentPages(channels: readonly BenchChannel[], total: number, pageSize: number, seed = 7): Generator<{ channel: BenchChannel; comments: RemoteComment[] }> {
  const rand = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T
  const start = BENCH_NOW - Math.ceil(total / 20) * MINUTE
  for (let written = 0; written < total; ) {
    const channel = channels[Math.floor(rand() * channels.length)] as BenchChannel
    const comments: RemoteComment[] = []
    const size = Math.min(pageSize, total - written)
    const post = `post-${channel.id}-${Math.floor(written / 2_000)}`
    for (let k = 0; k < size; k++, written++) {
      const id = `c${written}`
      const parent = k > 0 && rand() < 0.33 ? (comments[Math.floor(rand() * k)] as RemoteComment).networkCommentId : null
      const own = parent !== null && rand() < 0.3
      const first = pick(FIRST)
      const last = pick(LAST)
      const length = 4 + Math.floor(rand() * 14)
      const words: string[] = []
      for (let w = 0; w < length; w++) words.push(pick(WORDS))
      comments.push({
        networkCommentId: id,
        networkPostId: post,
        parentCommentId: parent,
        authorName: own ? channel.name : `${first} ${last}`,
        authorHandle: own ? channel.handle : `${first}.${last}${written % 997}`.toLowerCase(),
        text: words.join(' ') + pick(TAILS),
        createdAt: start + Math.floor(written / 20) * MINUTE + (written % 20) * 1_000,
      })
    }
    yield { channel, comments }
  }
}
