/**
 * Replies and moderation from the inbox against the sandbox, per network: each action goes out
 * once through the intents module, its effect lands in the inbox, and when the answer is lost
 * after the network acted the lookup finds the effect instead of sending again.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { InboxActionKind } from '../../../src/shared/domain/inbox'
import type { Network } from '../../../src/shared/domain/network'
import { HttpTransportError, type Http } from '../../../src/main/ports'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { LINKEDIN_SEED } from '../../../src/main/sandbox/dialects/linkedin'
import { MASTODON_SEED } from '../../../src/main/sandbox/dialects/mastodon'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import type { SandboxComment } from '../../../src/main/sandbox/world'
import { INBOX_STREAM } from '../../../src/main/inbox'
import { channelIdOf, startDemo, type DemoHarness } from '../connections/harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

/** Loses the answer of the next write (any non-GET request) after the network acted on it. */
function answerLoser() {
  let armed = false
  let lost = 0
  return {
    arm: () => void (armed = true),
    lost: () => lost,
    wrap: (http: Http): Http => ({
      async request(req) {
        if (!armed || req.method === 'GET') return http.request(req)
        armed = false
        await http.request(req)
        lost += 1
        throw new HttpTransportError('network', 'socket hang up', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })
      },
    }),
  }
}

interface Case {
  network: Network
  channel: string
  moderation: InboxActionKind[]
}

const CASES: Case[] = [
  { network: 'facebook', channel: FACEBOOK_SEED.pages.books.id, moderation: ['hide', 'unhide', 'like', 'delete'] },
  { network: 'instagram', channel: FACEBOOK_SEED.instagram.books.id, moderation: ['hide', 'unhide', 'delete'] },
  { network: 'linkedin', channel: LINKEDIN_SEED.channels.fabrikam.id, moderation: ['like', 'delete'] },
  { network: 'x', channel: X_SEED.channels.brand, moderation: ['hide', 'unhide', 'like'] },
  { network: 'mastodon', channel: MASTODON_SEED.channels.brand, moderation: ['like'] },
]

async function setup(network: Network, networkChannelId: string, loser = answerLoser()) {
  h = await startDemo({ wrapHttp: loser.wrap, scheduler: {} })
  const harness = h
  const channel = await channelIdOf(harness, network, networkChannelId)
  await harness.core.sync.syncNow({ channelIds: [channel], streams: [INBOX_STREAM[network]] })
  await harness.core.inboxActions.start()
  const db = harness.core.database.sqlite
  /** Someone else's comments on the channel, newest first. */
  const theirs = () =>
    db.prepare('SELECT id, network_comment_id, text FROM inbox_items WHERE channel_id = ? AND own = 0 AND deleted_at IS NULL ORDER BY created_at DESC').all(channel) as {
      id: number
      network_comment_id: string
      text: string
    }[]
  const act = async (itemId: number, kind: InboxActionKind, text = '') => {
    const answer = await harness.core.handlers['inbox:act']({ itemId, kind, text })
    await harness.core.inboxActions.whenIdle()
    return db.prepare('SELECT * FROM inbox_actions WHERE id = ?').get(answer.action.id) as { state: string; result_id: string | null; detail: string }
  }
  /** Comments on the network carrying this text (a reply may start with a mention). */
  const onNetwork = (text: string): SandboxComment[] => [...harness.sandbox.world.comments.values()].filter((c) => c.text.replace(/\\(.)/g, '$1').endsWith(text))
  const item = (id: number) => db.prepare('SELECT * FROM inbox_items WHERE id = ?').get(id) as { state: string; hidden: number; liked: number; deleted_at: number | null }
  return { harness, channel, theirs, act, onNetwork, item, loser, db }
}

describe.each(CASES)('inbox actions on $network', ({ network, channel: networkChannelId, moderation }) => {
  it('sends a reply once (a double click included), shows it in the thread and marks the comment done', async () => {
    const s = await setup(network, networkChannelId)
    const target = s.theirs()[0]!
    const text = `Thanks for writing, we are on it (${network})`
    const [first, second] = await Promise.all([
      s.harness.core.handlers['inbox:act']({ itemId: target.id, kind: 'reply', text }),
      s.harness.core.handlers['inbox:act']({ itemId: target.id, kind: 'reply', text }),
    ])
    expect(second.action.id).toBe(first.action.id)
    await s.harness.core.inboxActions.whenIdle()
    const row = s.db.prepare('SELECT * FROM inbox_actions WHERE id = ?').get(first.action.id) as { state: string; result_id: string }
    expect(row.state).toBe('sent')
    expect(s.onNetwork(text)).toHaveLength(1)
    expect(s.onNetwork(text)[0]?.id).toBe(row.result_id.replace(/^.*,(\d+)\)$/, '$1'))
    const thread = await s.harness.core.handlers['inbox:get-thread']({ itemId: target.id })
    expect(thread.items.some((i) => i.own && i.text === text)).toBe(true)
    expect(s.item(target.id).state).toBe('done')
    // The next read of the channel brings the same reply back: still stored once.
    await s.harness.core.sync.syncNow({ channelIds: [s.channel], streams: [INBOX_STREAM[network]] })
    const copies = s.db.prepare('SELECT count(*) AS n FROM inbox_items WHERE channel_id = ? AND own = 1 AND text LIKE ?').get(s.channel, `%${text}`) as { n: number }
    expect(copies.n).toBe(1)
  }, 60_000)

  it('a reply whose answer was lost after the network posted it is found by the lookup, not sent again', async () => {
    const s = await setup(network, networkChannelId)
    const target = s.theirs()[1]!
    const text = `Lost answer, one reply only (${network})`
    s.loser.arm()
    const row = await s.act(target.id, 'reply', text)
    expect(s.loser.lost()).toBe(1)
    expect(row.state).toBe('sent')
    expect(s.onNetwork(text)).toHaveLength(1)
  }, 60_000)

  it.each(moderation.map((kind) => [kind]))('%s goes out once, also when its answer is lost', async (kind) => {
    const s = await setup(network, networkChannelId)
    const [plain, lost] = s.theirs()
    if (kind === 'unhide') {
      await s.act(plain!.id, 'hide')
      await s.act(lost!.id, 'hide')
    }
    const sent = await s.act(plain!.id, kind)
    expect(sent).toMatchObject({ state: 'sent' })
    s.loser.arm()
    const after = await s.act(lost!.id, kind)
    expect(s.loser.lost()).toBe(1)
    if (network === 'x' && (kind === 'hide' || kind === 'unhide')) {
      // X cannot say whether a reply is hidden: a person decides, nothing is sent again.
      expect(after).toMatchObject({ state: 'needs_review', detail: expect.stringMatching(/does not show whether/) })
      const actionId = (s.db.prepare('SELECT max(id) AS id FROM inbox_actions').get() as { id: number }).id
      await s.harness.core.handlers['inbox:resolve-action']({ actionId, resolution: 'mark_sent' })
    } else expect(after.state).toBe('sent')
    for (const it of [plain!, lost!]) {
      const stored = s.item(it.id)
      const remote = [...s.harness.sandbox.world.comments.values()].find((c) => it.network_comment_id.endsWith(c.id) || it.network_comment_id.includes(`,${c.id})`))
      if (kind === 'hide') expect([stored.hidden, remote?.hidden]).toEqual([1, true])
      if (kind === 'unhide') expect([stored.hidden, remote?.hidden]).toEqual([0, false])
      if (kind === 'like') expect([stored.liked, (remote?.likedBy ?? []).length]).toEqual([1, 1])
      if (kind === 'delete') expect([stored.deleted_at !== null, remote]).toEqual([true, undefined])
    }
  }, 60_000)

  it('refuses what the network does not allow, saying why', async () => {
    const s = await setup(network, networkChannelId)
    const target = s.theirs()[0]!
    const refused = (['hide', 'delete', 'like'] as const).filter((k) => !moderation.includes(k))
    for (const kind of refused) await expect(s.harness.core.handlers['inbox:act']({ itemId: target.id, kind })).rejects.toThrow(/does not|no way|only its own/)
  }, 60_000)
})

describe('inbox actions while the channel cannot be reached', () => {
  it('a reply written offline waits in the queue and goes once when the connection is back', async () => {
    const s = await setup('facebook', FACEBOOK_SEED.pages.books.id)
    const target = s.theirs()[0]!
    const text = 'Written on the train, sent at the station'
    await s.harness.core.handlers['sandbox:apply-control']({ control: 'go_offline', network: 'facebook' })
    const queued = await s.act(target.id, 'reply', text)
    expect(queued).toMatchObject({ state: 'queued', detail: expect.stringMatching(/cannot reach the network/) })
    // The backoff passes while still offline: tried again, still nothing sent.
    s.harness.ports.clock.advance(10 * 60_000)
    s.harness.core.inboxActions.kick()
    await s.harness.core.inboxActions.whenIdle()
    expect(s.onNetwork(text)).toHaveLength(0)
    await s.harness.core.handlers['sandbox:apply-control']({ control: 'go_online', network: 'facebook' })
    await s.harness.core.inboxActions.whenIdle()
    const sent = s.db.prepare("SELECT state FROM inbox_actions WHERE kind = 'reply' AND text = ?").get(text) as { state: string }
    expect(sent.state).toBe('sent')
    expect(s.onNetwork(text)).toHaveLength(1)
  }, 60_000)

  it('a reply written while the sign-in is broken is held, and goes once after Refresh connection', async () => {
    const s = await setup('x', X_SEED.channels.brand)
    const target = s.theirs()[0]!
    const text = 'Held while the sign-in was broken'
    s.harness.sandbox.controls.removeApp('x', X_SEED.users.brand.id)
    const held = await s.act(target.id, 'reply', text)
    expect(held.state).toBe('held')
    expect(held.detail).toMatch(/goes out once the connection is refreshed/)
    expect(s.onNetwork(text)).toHaveLength(0)
    const profile = (s.db.prepare('SELECT profile_id FROM channel_links WHERE channel_id = ?').get(s.channel) as { profile_id: string }).profile_id
    s.harness.signInAs(X_SEED.users.brand.handle)
    await s.harness.core.handlers['connections:refresh-profile']({ profileId: profile })
    for (let i = 0; i < 200 && (s.db.prepare("SELECT state FROM inbox_actions WHERE text = ?").get(text) as { state: string }).state !== 'sent'; i++) {
      await s.harness.core.inboxActions.whenIdle()
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(s.db.prepare("SELECT state FROM inbox_actions WHERE text = ?").get(text)).toEqual({ state: 'sent' })
    expect(s.onNetwork(text)).toHaveLength(1)
  }, 60_000)

  it('a person decides what Relink could not: send again goes out once more, and a settled action cannot be changed', async () => {
    const s = await setup('x', X_SEED.channels.brand)
    const [a] = s.theirs()
    s.loser.arm()
    const lost = await s.act(a!.id, 'hide')
    expect(lost.state).toBe('needs_review')
    const actionId = (s.db.prepare('SELECT max(id) AS id FROM inbox_actions').get() as { id: number }).id
    await expect(s.harness.core.handlers['inbox:resolve-action']({ actionId: actionId + 1, resolution: 'discard' })).rejects.toThrow(/no longer/)
    await s.harness.core.handlers['inbox:resolve-action']({ actionId, resolution: 'send_again' })
    await s.harness.core.inboxActions.whenIdle()
    expect(s.db.prepare('SELECT state FROM inbox_actions WHERE id = ?').get(actionId)).toEqual({ state: 'sent' })
    await expect(s.harness.core.handlers['inbox:resolve-action']({ actionId, resolution: 'discard' })).rejects.toThrow(/still working|settle/)
  }, 60_000)
})

describe('inbox actions on a Mastodon reply whose parent was deleted', () => {
  it('a reply to it goes out once and is sent: the instance keeps such a reply, outside the thread', async () => {
    const s = await setup('mastodon', MASTODON_SEED.channels.brand)
    const { sandbox, ports } = s.harness
    const now = ports.clock.now()
    const post = sandbox.postOutside(MASTODON_SEED.channels.brand, { text: 'Open on Sunday too', at: now - 10 * 60_000 })
    const write = (text: string, parentId: string | null, at: number): SandboxComment =>
      sandbox.world.addComment({ id: sandbox.commentId(post, at), network: 'mastodon', postId: post.id, parentId, authorName: 'Zoë Martín', authorHandle: 'zoe.martin', text, createdAt: at, viaApi: false })
    const first = write(`@${MASTODON_SEED.users.brand.handle} Which hours?`, null, now - 5 * 60_000)
    const answer = write(`@${MASTODON_SEED.users.brand.handle} And is the café open too?`, first.id, now - 4 * 60_000)
    await s.harness.core.sync.syncNow({ channelIds: [s.channel], streams: [INBOX_STREAM.mastodon] })
    const item = s.theirs().find((i) => i.network_comment_id === answer.id)
    expect(item).toBeDefined()
    sandbox.world.deleteComment(first.id)
    expect(sandbox.world.comments.get(answer.id)?.detached).toBe(true)
    const text = 'Yes, from nine to five.'
    const row = await s.act(item!.id, 'reply', text)
    expect(row.state).toBe('sent')
    expect(s.onNetwork(text)).toHaveLength(1)
    // And when the answer is lost after the instance posted it, the lookup finds it there.
    s.loser.arm()
    const lost = await s.act(item!.id, 'reply', 'And on Monday from ten.')
    expect(s.loser.lost()).toBe(1)
    expect(lost.state).toBe('sent')
    expect(s.onNetwork('And on Monday from ten.')).toHaveLength(1)
  }, 60_000)
})
