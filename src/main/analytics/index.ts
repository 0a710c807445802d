import type { RelinkDatabase } from '../db/client'
import type { Clock } from '../ports'
import type { SyncEngine } from '../sync/types'
import { createChannelMetricsReader } from './channel-metrics-reader'
import { createMetricsRepositoryFor } from './metrics-repository'
import { createPostMetricsReader } from './post-metrics-reader'

/** Analytics' part of the sync engine: its two streams, registered before the engine starts. */
export function registerAnalyticsStreams(deps: { database: Pick<RelinkDatabase, 'sqlite' | 'db'>; sync: SyncEngine; clock: Clock }) {
  const repo = createMetricsRepositoryFor(deps.database)
  deps.sync.register(createChannelMetricsReader({ repo }))
  deps.sync.register(createPostMetricsReader({ repo, database: deps.database }))
  return { repo }
}
