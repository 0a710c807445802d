/**
 * Edits of replies on X, against the sandbox: an edit is a new version with an id of its own,
 * found by the next read of the account's conversations (`since_id`), and stored as an edit of the
 * reply first read, never as a second item.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { X_SYNC_PLAN } from '../../../src/main/providers/x/sync-plan'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import type { SandboxComment } from '../../../src/main/sandbox/world'
import { channelIdOf, startDemo, type DemoHarness } from '../connections/harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const MIN = 60_000
const BRAND = X_SEED.channels.brand

interface Row {
  id: number
  text: string
  editedAt: number | null
  threadId: string
}

describe('edits on X', () => {
  it('an edited reply is stored once, as its new text, and a reply to it stays in its thread', async () => {
    const harness = await startDemo()
    h = harness
    const { world } = harness.sandbox
    const clock = harness.ports.clock
    const channel = await channelIdOf(harness, 'x', BRAND)
    const post = harness.sandbox.postOutside(BRAND, { text: 'New blend today', at: clock.now() })
    const reply = (text: string, parentId: string | null = null): SandboxComment => {
      const at = clock.now()
      clock.advance(1_000)
      return world.addComment({ id: harness.sandbox.commentId(post, at), network: 'x', postId: post.id, parentId, authorName: 'Zoë Martín', authorHandle: 'zoe_martin', text, createdAt: at, viaApi: false })
    }
    const sync = async (): Promise<void> => {
      clock.advance((X_SYNC_PLAN.streams.mentions?.everyMs ?? 0) + MIN)
      await harness.core.sync.syncNow({ channelIds: [channel], streams: ['mentions'] })
    }
    const rows = (): Row[] =>
      harness.core.database.sqlite
        .prepare('SELECT id, network_comment_id AS cid, text, edited_at AS editedAt, thread_id AS threadId FROM inbox_items WHERE channel_id = ? ORDER BY id')
        .all(channel) as Row[]
    const row = (id: string): Row | undefined =>
      harness.core.database.sqlite.prepare('SELECT id, text, edited_at AS editedAt, thread_id AS threadId FROM inbox_items WHERE network_comment_id = ?').get(id) as Row | undefined

    const asked = reply(`@${X_SEED.users.brand.handle} Is it decaf?`)
    await sync()
    expect(row(asked.id)).toMatchObject({ text: expect.stringContaining('Is it decaf?'), editedAt: null })
    const before = rows().length

    const editedAt = clock.now()
    world.comments.set(asked.id, { ...asked, text: `${asked.text} Asking for my mum`, editedAt })
    await sync()
    expect(row(asked.id)).toMatchObject({ text: expect.stringContaining('Asking for my mum'), editedAt: clock.now() })
    expect(rows()).toHaveLength(before)

    // Read again with nothing new: the edit's version is behind the cursor, and nothing changes.
    await sync()
    expect(rows()).toHaveLength(before)

    // A reply to the edited reply, and a second edit: one new item, in the first one's thread.
    const answer = reply('Yes, decaf too', asked.id)
    world.comments.set(asked.id, { ...asked, text: `${asked.text} Asking for my dad`, editedAt: clock.now() })
    await sync()
    expect(rows()).toHaveLength(before + 1)
    expect(row(asked.id)?.text).toContain('Asking for my dad')
    expect(row(answer.id)?.threadId).toBe(row(asked.id)?.threadId)
  }, 60_000)
})
