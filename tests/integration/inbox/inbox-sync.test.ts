import { afterEach, describe, expect, it } from 'vitest'
import type { Network } from '../../../src/shared/domain/network'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { LINKEDIN_SEED } from '../../../src/main/sandbox/dialects/linkedin'
import { MASTODON_SEED } from '../../../src/main/sandbox/dialects/mastodon'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import type { SandboxNetworkId } from '../../../src/main/sandbox/world'
import { INBOX_STREAM } from '../../../src/main/inbox'
import { channelIdOf, DAY, profileIdOf, startDemo, type DemoHarness } from '../connections/harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

interface Case {
  network: Network
  sandbox: SandboxNetworkId
  channel: string
  user: { id: string; handle: string }
}

/** One channel per network reached through a single sign-in, so breaking it breaks the channel. */
const CASES: Case[] = [
  { network: 'facebook', sandbox: 'facebook', channel: FACEBOOK_SEED.pages.books.id, user: FACEBOOK_SEED.users.sam },
  { network: 'instagram', sandbox: 'facebook', channel: FACEBOOK_SEED.instagram.books.id, user: FACEBOOK_SEED.users.sam },
  { network: 'linkedin', sandbox: 'linkedin', channel: LINKEDIN_SEED.channels.fabrikam.id, user: LINKEDIN_SEED.users.ben },
  { network: 'x', sandbox: 'x', channel: X_SEED.channels.brand, user: X_SEED.users.brand },
  { network: 'mastodon', sandbox: 'mastodon', channel: MASTODON_SEED.channels.brand, user: MASTODON_SEED.users.brand },
]

const until = async (check: () => Promise<boolean> | boolean, what: string): Promise<void> => {
  for (let i = 0; i < 400; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}

const count = (h: DemoHarness, channelId: string, from = 0, to = Number.MAX_SAFE_INTEGER): number =>
  (h.core.database.sqlite.prepare('SELECT count(*) AS n FROM inbox_items WHERE channel_id = ? AND created_at >= ? AND created_at <= ?').get(channelId, from, to) as { n: number }).n

/** The one sign-in a channel is reached through. */
const linkedProfile = (h: DemoHarness, channelId: string): string => {
  const links = h.core.database.sqlite.prepare('SELECT profile_id FROM channel_links WHERE channel_id = ?').all(channelId) as { profile_id: string }[]
  expect(links).toHaveLength(1)
  return links[0]?.profile_id ?? ''
}

const watermark = (h: DemoHarness, channelId: string, stream: string): number | null =>
  (h.core.database.sqlite.prepare('SELECT watermark_time FROM sync_state WHERE channel_id = ? AND stream = ?').get(channelId, stream) as { watermark_time: number | null } | undefined)
    ?.watermark_time ?? null

describe.each(CASES)('inbox sync on $network', ({ network, sandbox, channel: networkChannelId, user }) => {
  const stream = INBOX_STREAM[network]

  it('stores each comment once across runs, follows new ones as they arrive, and moves the watermark', async () => {
    h = await startDemo()
    const channel = await channelIdOf(h, network, networkChannelId)
    const [first] = await h.core.sync.syncNow({ channelIds: [channel], streams: [stream] })
    expect(first).toMatchObject({ ok: true, stream })
    const stored = count(h, channel)
    expect(stored).toBeGreaterThan(0)
    expect(first?.items).toBe(stored)

    // The same read again: nothing new, nothing doubled.
    const [again] = await h.core.sync.syncNow({ channelIds: [channel], streams: [stream] })
    expect(again).toMatchObject({ ok: true, items: 0 })
    expect(count(h, channel)).toBe(stored)

    // Comments arrive over the following days; each read takes only what is new.
    let total = stored
    for (let day = 0; day < 12; day++) {
      h.ports.clock.advance(DAY)
      const [run] = await h.core.sync.syncNow({ channelIds: [channel], streams: [stream] })
      expect(run?.ok).toBe(true)
      total += run?.items ?? 0
      expect(count(h, channel)).toBe(total)
    }
    expect(total).toBeGreaterThan(stored)
    const newest = (h.core.database.sqlite.prepare('SELECT max(created_at) AS t FROM inbox_items WHERE channel_id = ?').get(channel) as { t: number }).t
    expect(watermark(h, channel, stream)).toBe(newest)
    const dupes = h.core.database.sqlite.prepare('SELECT network_comment_id FROM inbox_items GROUP BY network, network_comment_id HAVING count(*) > 1').all()
    expect(dupes).toEqual([])
  }, 60_000)

  it('opens a gap when the sign-in is revoked, and after Refresh connection backfills what arrived meanwhile', async () => {
    h = await startDemo()
    const channel = await channelIdOf(h, network, networkChannelId)
    const profile = linkedProfile(h, channel)
    await h.core.sync.start()
    await h.core.sync.syncNow({ channelIds: [channel], streams: [stream] })
    const before = count(h, channel)

    h.ports.clock.advance(10 * 60_000)
    h.sandbox.controls.removeApp(sandbox, user.id)
    const [failed] = await h.core.sync.syncNow({ channelIds: [channel], streams: [stream] })
    expect(failed).toMatchObject({ ok: false })
    await until(async () => (await h!.core.sync.gaps.list({ channelIds: [channel], streams: [stream] }))[0]?.state === 'open', 'the gap to open')
    const [gap] = await h.core.sync.gaps.list({ channelIds: [channel], streams: [stream] })
    expect(gap?.reason).not.toBe('sync_failing')

    // Four days of comments go unread, then the person signs in again.
    h.ports.clock.advance(4 * DAY)
    expect(count(h, channel)).toBe(before)
    h.signInAs(user.handle)
    await h.core.handlers['connections:refresh-profile']({ profileId: profile })
    await until(async () => (await h!.core.sync.gaps.list({ channelIds: [channel], streams: [stream] }))[0]?.state === 'closed', 'the gap to close')
    const [closed] = await h.core.sync.gaps.list({ channelIds: [channel], streams: [stream] })
    const inGap = count(h, channel, closed?.from ?? 0, closed?.to ?? 0)
    expect(inGap).toBeGreaterThan(0)
    expect(closed).toMatchObject({ state: 'closed', recovered: inGap, recoveredUnit: 'items', lostBefore: null })
  }, 60_000)
})

describe('inbox sync: what cannot come back', () => {
  it('says what X no longer serves after a break longer than its 7-day search window', async () => {
    h = await startDemo()
    const channel = await channelIdOf(h, 'x', X_SEED.channels.brand)
    const profile = await profileIdOf(h, 'x', X_SEED.users.brand.id)
    await h.core.sync.start()
    await h.core.sync.syncNow({ channelIds: [channel], streams: ['mentions'] })
    h.sandbox.controls.removeApp('x', X_SEED.users.brand.id)
    await h.core.sync.syncNow({ channelIds: [channel], streams: ['mentions'] })
    await until(async () => (await h!.core.sync.gaps.list({ channelIds: [channel], streams: ['mentions'] }))[0]?.state === 'open', 'the gap to open')
    h.ports.clock.advance(10 * DAY)
    h.signInAs(X_SEED.users.brand.handle)
    await h.core.handlers['connections:refresh-profile']({ profileId: profile })
    await until(async () => (await h!.core.sync.gaps.list({ channelIds: [channel], streams: ['mentions'] }))[0]?.state === 'closed', 'the gap to close')
    const [closed] = await h.core.sync.gaps.list({ channelIds: [channel], streams: ['mentions'] })
    expect(closed?.lostBefore).toBeGreaterThan(closed?.from ?? 0)
    expect(closed?.lostNote).toMatch(/last 7 days/)
    // What the search window still held came back.
    expect(closed?.recovered).toBe(count(h, channel, closed?.lostBefore ?? 0, closed?.to ?? 0))
  }, 60_000)

  it.each([
    ['expired token', (hh: DemoHarness) => hh.sandbox.controls.expireAccessTokens('facebook', FACEBOOK_SEED.users.sam.id)],
    ['password change', (hh: DemoHarness) => hh.sandbox.controls.changePassword('facebook', FACEBOOK_SEED.users.sam.id)],
    ['account action required', (hh: DemoHarness) => hh.sandbox.controls.requireAccountAction('facebook', FACEBOOK_SEED.users.sam.id)],
    ['app removed', (hh: DemoHarness) => hh.sandbox.controls.removeApp('facebook', FACEBOOK_SEED.users.sam.id)],
  ])('a Facebook comments stream failing for a token problem (%s) opens a gap with that reason', async (_name, breakIt) => {
    h = await startDemo()
    const channel = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.books.id)
    const profile = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.sam.id)
    await h.core.sync.start()
    await h.core.sync.syncNow({ channelIds: [channel], streams: ['comments'] })
    breakIt(h)
    await h.core.sync.syncNow({ channelIds: [channel], streams: ['comments'] })
    await until(async () => (await h!.core.sync.gaps.list({ channelIds: [channel], streams: ['comments'] })).length === 1, 'the gap to open')
    const [gap] = await h.core.sync.gaps.list({ channelIds: [channel], streams: ['comments'] })
    const health = (await h.core.handlers['connections:get-profile']({ profileId: profile })).health
    expect(gap).toMatchObject({ state: 'open', reason: health })
  }, 60_000)
})

describe('edits and deletions on Facebook', () => {
  it('a comment edited or deleted on the network after it was read is followed within the hour, and the window is told', async () => {
    h = await startDemo()
    const harness = h
    const channel = await channelIdOf(harness, 'facebook', FACEBOOK_SEED.pages.coffee.id)
    const world = harness.sandbox.world
    const post = world.addPost({ network: 'facebook', channelId: FACEBOOK_SEED.pages.coffee.id, authorUserId: FACEBOOK_SEED.users.maria.id, text: 'New blend today' })
    const local = post.id.split('_')[1] ?? post.id
    for (const [n, text] of [
      [811, 'Is it decaf?'],
      [812, 'Lovely'],
    ] as const) {
      world.addComment({ id: `${local}_${n}`, network: 'facebook', postId: post.id, parentId: null, authorName: 'Zoë Martín', authorHandle: `1000${n}`, text, viaApi: false })
    }
    harness.ports.clock.advance(60_000)
    await harness.core.sync.syncNow({ channelIds: [channel], streams: ['comments'] })
    const row = (id: string) =>
      harness.core.database.sqlite.prepare('SELECT text, edited_at AS editedAt, deleted_at AS deletedAt FROM inbox_items WHERE network_comment_id = ?').get(id) as
        | { text: string; editedAt: number | null; deletedAt: number | null }
        | undefined
    expect(row(`${local}_812`)).toMatchObject({ text: 'Lovely', deletedAt: null })

    const edited = world.comments.get(`${local}_811`)
    if (!edited) throw new Error('no comment')
    world.comments.set(edited.id, { ...edited, text: 'Is it decaf? Asking for my mum' })
    world.deleteComment(`${local}_812`)
    const told: string[][] = []
    harness.core.events.subscribe((event, payload) => {
      if (event === 'inbox:did-change') told.push((payload as { channelIds: string[] }).channelIds)
    })
    harness.ports.clock.advance(61 * 60_000)
    await harness.core.sync.syncNow({ channelIds: [channel], streams: ['comments'] })
    expect(row(`${local}_811`)).toMatchObject({ text: 'Is it decaf? Asking for my mum', deletedAt: null })
    expect(row(`${local}_812`)?.deletedAt).toBe(harness.ports.clock.now())
    expect(told).toContainEqual([channel])
  }, 60_000)
})
