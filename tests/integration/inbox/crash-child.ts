/**
 * The inbox's sender the crash test kills. It runs the real inbox actions (intents module, real
 * adapters) against the sandbox network the parent owns (so the network's memory outlives every
 * kill) and a database file that survives them too. The parent passes everything in
 * RELINK_INBOX_CRASH_CONFIG.
 *
 * RELINK_CRASH_AFTER_ACCEPT: probability of a SIGKILL right after the network accepted a reply
 * and before Relink committed that fact (the worst moment). RELINK_CRASH_DRAIN=1: no kills; send
 * everything due, then exit 0.
 */
import BetterSqlite3 from 'better-sqlite3'
import type { Network } from '../../../src/shared/domain/network'
import { migrate } from '../../../src/main/db/migrate'
import { MIGRATIONS } from '../../../src/main/db/migrations'
import { createInboxActions } from '../../../src/main/inbox/actions'
import { createNodeHttp } from '../../../src/main/platform/node-http'
import { systemClock } from '../../../src/main/platform/system-clock'
import type { Timer } from '../../../src/main/ports'
import { linkedinAdapter } from '../../../src/main/providers/linkedin'
import type { AppCredentials, ChannelTarget, ProviderAdapter, ProviderEndpoints } from '../../../src/main/providers/types'
import { xAdapter } from '../../../src/main/providers/x'

export interface InboxCrashConfig {
  db: string
  channels: { channelId: string; profileId: string; network: Network; instance: string; target: ChannelTarget }[]
  endpoints: Partial<Record<Network, ProviderEndpoints>>
  credentials: Partial<Record<Network, AppCredentials>>
  timeoutMs: number
}

const config = JSON.parse(process.env.RELINK_INBOX_CRASH_CONFIG ?? '{}') as InboxCrashConfig
const killChance = Number(process.env.RELINK_CRASH_AFTER_ACCEPT ?? '0')
const drain = process.env.RELINK_CRASH_DRAIN === '1'
// The sandbox lists a reply the moment it exists: a second look needs no real network's wait.
const adapters: Partial<Record<Network, ProviderAdapter>> = { x: { ...xAdapter, confirmAbsentAfterMs: 200 }, linkedin: { ...linkedinAdapter, confirmAbsentAfterMs: 200 } }

// The app's durability settings (client.ts): WAL, every commit fsynced, foreign keys on.
const sqlite = new BetterSqlite3(config.db, { timeout: 5_000 })
sqlite.pragma('journal_mode = WAL')
sqlite.pragma('synchronous = FULL')
sqlite.pragma('foreign_keys = ON')
migrate(sqlite, MIGRATIONS, systemClock.now())

const timer: Timer = {
  at(whenMs, callback) {
    const t = setTimeout(callback, Math.max(0, whenMs - systemClock.now()))
    return { cancel: () => clearTimeout(t) }
  },
}
const http = createNodeHttp({ defaultTimeoutMs: config.timeoutMs })
const targets = new Map(config.channels.map((c) => [c.channelId, c]))

const actions = createInboxActions({
  sqlite,
  connections: {
    async channelTarget(channelId) {
      const found = targets.get(channelId)
      if (!found) throw new Error(`unknown channel ${channelId}`)
      return { profileId: found.profileId, network: found.network, instance: found.instance, target: found.target }
    },
    async reportFailure() {
      return 'active'
    },
  },
  providers: {
    adapter(network) {
      const adapter = adapters[network]
      if (!adapter) throw new Error(`no adapter for ${network}`)
      return adapter
    },
    async context(network) {
      const endpoints = config.endpoints[network]
      const credentials = config.credentials[network]
      if (!endpoints || !credentials) throw new Error(`no sandbox for ${network}`)
      return { http, clock: systemClock, endpoints, credentials, timeoutMs: config.timeoutMs }
    },
  },
  clock: systemClock,
  timer,
  logger: {
    log(level, message, fields) {
      if (level === 'error') process.stderr.write(`${message} ${JSON.stringify(fields ?? {})}\n`)
    },
  },
  hooks: {
    afterCallAccepted() {
      if (!drain && Math.random() < killChance) {
        process.stdout.write('kill:accepted\n')
        process.kill(process.pid, 'SIGKILL')
      }
    },
  },
  options: { lookupMarginMs: 60_000, retryBaseMs: 200, retryMaxMs: 2_000, offlineMaxMs: 2_000 },
})

process.stdout.write('ready\n')
const report = await actions.start()
process.stdout.write(`reconciled ${JSON.stringify(report)}\n`)

if (!drain) {
  // Stay up with an empty queue too: the parent decides when this process dies.
  setInterval(() => undefined, 60_000)
} else {
  const open = sqlite.prepare(`SELECT count(*) AS n FROM inbox_actions WHERE state IN ('queued', 'claimed', 'in_flight')`)
  for (;;) {
    await actions.whenIdle()
    if ((open.get() as { n: number }).n === 0) break
    actions.kick()
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await actions.stop()
  sqlite.close()
  process.stdout.write('drained\n')
  process.exit(0)
}
