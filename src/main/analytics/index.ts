import type { ChannelSummary } from '../../shared/domain/entities'
import type { RelinkDatabase } from '../db/client'
import type { Clock } from '../ports'
import type { SyncEngine } from '../sync/types'
import { createChannelMetricsReader } from './channel-metrics-reader'
import { createDashboardService } from './dashboard'
import { createMetricsRepositoryFor } from './metrics-repository'
import { createPostMetricsReader } from './post-metrics-reader'

/** Analytics: its two sync streams (registered before the engine starts) and the dashboards over them. */
export function createAnalytics(deps: {
  database: Pick<RelinkDatabase, 'sqlite' | 'db'>
  sync: SyncEngine
  clock: Clock
  channels: (filter: { brandId?: string }) => Promise<ChannelSummary[]>
}) {
  const repo = createMetricsRepositoryFor(deps.database)
  deps.sync.register(createChannelMetricsReader({ repo }))
  deps.sync.register(createPostMetricsReader({ repo, database: deps.database }))
  const dashboards = createDashboardService({ repo, sync: deps.sync, channels: deps.channels })
  return { repo, dashboards }
}
