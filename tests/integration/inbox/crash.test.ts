/**
 * Crash harness for inbox replies (the style of tests/integration/scheduler/crash.test.ts): replies
 * written while offline wait in the queue; a child process sends them to the sandbox while this test
 * SIGKILLs it at random moments, and the child kills itself at the worst one (the network accepted
 * the reply, the database does not know yet). After every kill: the database is sound and no reply
 * is on the network twice. At the end a clean run drains the queue: every reply is on the network
 * exactly once and recorded as sent with its id, or waits for a person and is then not there.
 *
 * RELINK_INBOX_CRASH_KILLS sets the number of kills (default 25); every fifth is a sure kill between
 * the network's acceptance and Relink's commit.
 */
import BetterSqlite3 from 'better-sqlite3'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createApp, type AppPorts } from '../../../src/main/app'
import { openDatabase } from '../../../src/main/db/client'
import { createScheduleTimer } from '../../../src/main/platform/schedule-timer'
import { systemClock } from '../../../src/main/platform/system-clock'
import { LINKEDIN_SEED } from '../../../src/main/sandbox/dialects/linkedin'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { startSandboxNetwork } from '../../../src/main/sandbox/server'
import { INBOX_STREAM } from '../../../src/main/inbox'
import { createTestPorts, tempDir } from '../../fakes/ports'
import { bundleChild, runChild } from '../crash-child-process'
import type { InboxCrashConfig } from './crash-child'

const KILLS = Number(process.env.RELINK_INBOX_CRASH_KILLS ?? '25')
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url))
const PREFIX = 'Crash run reply '

describe('inbox crash harness', () => {
  it(
    `replies queued offline: 0 duplicates, 0 lost and a sound database across ${KILLS} kills`,
    async () => {
      const started = Date.now()
      const child = await bundleChild(CHILD)
      const dir = tempDir('relink-inbox-crash-')
      const sandbox = await startSandboxNetwork({ clock: systemClock, seed: 1 })
      const ports: AppPorts = { ...createTestPorts(dir), clock: systemClock, timer: createScheduleTimer() }
      const core = await createApp(ports, { dataDir: dir, version: 'crash', demoMode: true, sandbox, watch: false, seedDemo: true, providerTimeoutMs: 5_000 })
      const database = openDatabase(join(dir, 'inbox-crash.db'), { nowMs: systemClock.now() })
      try {
        const channels: InboxCrashConfig['channels'] = []
        const items: { id: number; channelId: string }[] = []
        for (const [network, networkChannelId] of [
          ['x', X_SEED.channels.brand],
          ['linkedin', LINKEDIN_SEED.channels.northwind.id],
        ] as const) {
          const row = await core.database.db.selectFrom('channels').selectAll().where('network', '=', network).where('network_channel_id', '=', networkChannelId).executeTakeFirstOrThrow()
          database.sqlite
            .prepare('INSERT INTO channels (id, network, instance, network_channel_id, kind, name, handle, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(row.id, row.network, row.instance, row.network_channel_id, row.kind, row.name, row.handle, row.created_at)
          const via = await core.connections.lifecycle.channelTarget(row.id)
          channels.push({ channelId: row.id, profileId: via.profileId, network: via.network, instance: via.instance, target: via.target })
          // The channel's comments, read once by the real sync, copied into the harness database.
          await core.sync.syncNow({ channelIds: [row.id], streams: [INBOX_STREAM[network]] })
          const comments = core.database.sqlite
            .prepare('SELECT * FROM inbox_items WHERE channel_id = ? AND own = 0 ORDER BY created_at DESC LIMIT 6')
            .all(row.id) as Record<string, unknown>[]
          expect(comments.length).toBeGreaterThan(0)
          for (const c of comments) {
            const { id: _id, ...fields } = c
            const names = Object.keys(fields)
            const inserted = database.sqlite
              .prepare(`INSERT INTO inbox_items (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')}) RETURNING id`)
              .get(fields) as { id: number }
            items.push({ id: inserted.id, channelId: row.id })
          }
        }
        const config: InboxCrashConfig = {
          db: join(dir, 'inbox-crash.db'),
          channels,
          endpoints: { x: sandbox.endpoints('x'), linkedin: sandbox.endpoints('linkedin') },
          credentials: { x: sandbox.credentials('x'), linkedin: sandbox.credentials('linkedin') },
          timeoutMs: 5_000,
        }
        // Replies written while offline: queued, with the offline wait already recorded.
        let serial = 0
        const queue = database.sqlite.prepare(
          `INSERT INTO inbox_actions (item_id, channel_id, kind, text, state, due_at, next_attempt_at, reason, detail, created_at, updated_at)
           VALUES (?, ?, 'reply', ?, 'queued', ?, ?, 'offline', 'Relink cannot reach the network right now.', ?, ?)`,
        )
        const topUp = (): void => {
          const open = database.sqlite.prepare(`SELECT count(*) AS n FROM inbox_actions WHERE state = 'queued'`).get() as { n: number }
          if (open.n >= 24) return
          const now = systemClock.now()
          for (let i = 0; i < 12; i++) {
            const item = items[serial % items.length]!
            queue.run(item.id, item.channelId, `${PREFIX}${++serial}`, now, now, now, now)
          }
        }
        /** Replies of this run on the network, by text. */
        const onNetwork = (): Map<string, number> => {
          const seen = new Map<string, number>()
          for (const c of sandbox.world.comments.values()) {
            if (!c.text.startsWith(PREFIX)) continue
            seen.set(c.text, (seen.get(c.text) ?? 0) + 1)
          }
          return seen
        }

        /**
         * The file's soundness as a new connection sees it. (This test's own long-lived connection
         * keeps FTS5's cached index structure from before the child's writes; the app never has a
         * second writer.)
         */
        const integrity = (): unknown => {
          const fresh = new BetterSqlite3(config.db, { readonly: true })
          try {
            return fresh.pragma('integrity_check', { simple: true })
          } finally {
            fresh.close()
          }
        }

        const env = { RELINK_INBOX_CRASH_CONFIG: JSON.stringify(config), RELINK_CRASH_AFTER_ACCEPT: '0.15' }
        let kills = 0
        let atAccepted = 0
        while (kills < KILLS) {
          topUp()
          // Every fifth run dies at the worst moment for sure (a loaded machine may start a child
          // too slowly for the random kills to ever land there); the others die at random.
          const worst = kills % 5 === 4
          const run = worst
            ? await runChild(child, { ...env, RELINK_CRASH_AFTER_ACCEPT: '1' }, undefined, 30_000)
            : await runChild(child, env, Math.floor(Math.random() * 800), 30_000)
          if (run.signal !== 'SIGKILL') throw new Error(`the child ended by itself (code ${run.code}): ${run.stderr}`)
          kills += 1
          if (run.selfKilled) atAccepted += 1
          expect(integrity()).toBe('ok')
          expect([...onNetwork()].filter(([, n]) => n > 1)).toEqual([])
        }

        const last = await runChild(child, { ...env, RELINK_CRASH_DRAIN: '1' }, undefined, 90_000)
        expect(last.code, last.stderr).toBe(0)
        expect(integrity()).toBe('ok')

        const network = onNetwork()
        const rows = database.sqlite.prepare(`SELECT id, state, text, result_id, detail FROM inbox_actions`).all() as {
          id: number
          state: string
          text: string
          result_id: string | null
          detail: string
        }[]
        const sent = rows.filter((r) => r.state === 'sent')
        const review = rows.filter((r) => r.state === 'needs_review')
        const lost = rows.filter(
          (r) => (r.state === 'sent' && network.get(r.text) !== 1) || (r.state === 'needs_review' && network.has(r.text)) || !['sent', 'needs_review'].includes(r.state),
        )
        const foreign = [...network.keys()].filter((t) => !rows.some((r) => r.text === t))
        const figures = {
          kills,
          killedBetweenAcceptAndCommit: atAccepted,
          replies: rows.length,
          sent: sent.length,
          needsReview: review.length,
          reviewReasons: review.map((r) => r.detail),
          duplicates: [...network.values()].filter((n) => n > 1).length,
          lost: lost.length,
          integrity: 'ok',
          seconds: Math.round((Date.now() - started) / 1000),
        }
        console.log(`inbox crash harness: ${JSON.stringify(figures)}`)
        expect(figures.duplicates).toBe(0)
        expect(lost.map((r) => `${r.id}:${r.state}`)).toEqual([])
        expect(foreign).toEqual([])
        expect(sent.every((r) => r.result_id)).toBe(true)
        // Replies that were sent show in the inbox as the channel's own.
        const own = database.sqlite.prepare(`SELECT count(*) AS n FROM inbox_items WHERE own = 1 AND text LIKE '${PREFIX}%'`).get() as { n: number }
        expect(own.n).toBe(sent.length)
        if (KILLS >= 5) expect(atAccepted).toBeGreaterThan(0)
      } finally {
        await database.close()
        await core.dispose()
        await sandbox.close()
      }
    },
    Math.max(120_000, KILLS * 6_000),
  )
})
