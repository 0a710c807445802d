/**
 * What the agency workspace (agency-workspace.ts) lacks for the Inbox and Analytics pages: its
 * channels' comments, stored through ingest as a sync read stores them, and their daily metrics.
 */
import { join } from 'node:path'
import { openDatabase } from '../../src/main/db/client'
import { createIngest } from '../../src/main/inbox/ingest'
import { RELINK_METRICS } from '../../src/shared/domain/analytics'
import type { Network } from '../../src/shared/domain/network'
import { random } from './agency-workspace'
import { commentPages, type BenchChannel } from './inbox-data'

const DAY = 86_400_000

function channelsOf(sqlite: ReturnType<typeof openDatabase>['sqlite']): BenchChannel[] {
  const rows = sqlite.prepare('SELECT id, network, name, handle, network_channel_id FROM channels').all() as {
    id: string
    network: Network
    name: string
    handle: string
    network_channel_id: string
  }[]
  return rows.map((c) => ({ id: c.id, network: c.network, name: c.name, handle: c.handle, networkChannelId: c.network_channel_id, brandId: '' }))
}

/** `total` comments over the workspace's channels (the newest at inbox-data's BENCH_NOW), stored on `now`. */
export async function ingestAgencyComments(dataDir: string, now: number, total: number): Promise<void> {
  const database = openDatabase(join(dataDir, 'relink.db'), { nowMs: now })
  const ingest = createIngest(database.sqlite)
  for (const page of commentPages(channelsOf(database.sqlite), total, 500)) ingest.ingest(page.channel, 'comments', page.comments, now)
  await database.close()
}

/** Every channel's daily values of every metric for the `days` before `now`. */
export async function seedAgencyMetrics(dataDir: string, now: number, days: number): Promise<void> {
  const database = openDatabase(join(dataDir, 'relink.db'), { nowMs: now })
  const insert = database.sqlite.prepare('INSERT INTO channel_metric_daily (channel_id, metric, day, value, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?)')
  const today = Math.floor(now / DAY)
  const rand = random(11)
  for (const channel of channelsOf(database.sqlite)) {
    database.sqlite.transaction(() => {
      for (const metric of RELINK_METRICS) for (let d = 1; d <= days; d++) insert.run(channel.id, metric, today - d, Math.floor(rand() * 1000), 'bench', now)
    })()
  }
  await database.close()
}
