import type { StreamHealth, StreamKind } from '../../shared/domain/sync'
import type { SyncRepository } from './sync-repository'

const DAY = 86_400_000
/** How far back a stream's history is weighed for the quiet check. */
const HISTORY_DAYS = 30
/** Streams whose silence means something: people stop commenting slowly, not overnight. */
const QUIET_STREAMS: ReadonlySet<StreamKind> = new Set<StreamKind>(['comments', 'mentions'])

/**
 * Sync health per stream, apart from token health: last good read, last classified error, items
 * in the last 24 hours, and "suspiciously quiet" — a stream with a history of items whose reads
 * all succeed but bring nothing for days (the valid-token-no-data failure, wave2-anchors §8.8).
 */
export async function streamHealth(input: {
  repo: SyncRepository
  now: number
  streams: { channelId: string; stream: StreamKind }[]
  running: ReadonlySet<string>
  quietAfterMs: number
  quietMinHistory: number
}): Promise<StreamHealth[]> {
  const { repo, now } = input
  const states = new Map((await repo.states()).map((s) => [`${s.channelId}\u0000${s.stream}`, s]))
  const activity = new Map((await repo.activity(now - DAY, now - HISTORY_DAYS * DAY)).map((a) => [`${a.channel_id}\u0000${a.stream}`, a]))
  return input.streams.map(({ channelId, stream }) => {
    const key = `${channelId}\u0000${stream}`
    const state = states.get(key)
    const seen = activity.get(key)
    const lastItemAt = seen?.last_item_at ?? null
    const silentSince = lastItemAt ?? state?.firstOkAt ?? null
    const quiet =
      QUIET_STREAMS.has(stream) &&
      state !== undefined && state.lastOkAt !== null &&
      state.lastErrorAt === null &&
      (seen?.history ?? 0) >= input.quietMinHistory &&
      silentSince !== null &&
      now - silentSince >= input.quietAfterMs
    return {
      channelId,
      stream,
      lastOkAt: state?.lastOkAt ?? null,
      lastRunAt: state?.lastRunAt ?? null,
      lastError:
        state !== undefined && state.lastErrorAt !== null && state.lastErrorReason !== null ? { at: state.lastErrorAt, reason: state.lastErrorReason, detail: state.lastErrorDetail } : null,
      itemsLast24h: seen?.recent ?? 0,
      nextRunAt: state?.nextRunAt ?? null,
      running: input.running.has(key),
      quietSince: quiet ? silentSince : null,
    }
  })
}
