/**
 * What the Facebook Page and Instagram account read plans share: Graph's call allowance and the
 * comment stream's rhythm (wave2-anchors §3.1, §3.2, §3.6).
 */
import { MS } from '../../connections/network-rules'
import type { RateAllowance, StreamPlan } from '../../sync/types'

const { MINUTE, HOUR, DAY } = MS

/**
 * Graph allows 200 calls per user (Pages) or account (Instagram) and hour; sync stays well under
 * it so probes and publishing always find room.
 */
export const GRAPH_SYNC_RATE: RateAllowance = { requests: 150, perMs: HOUR }

/** Comments every five minutes on the last 30 days of posts; readable again after any break. */
export function graphCommentsStream(lossNote: string): StreamPlan {
  return { everyMs: 5 * MINUTE, hotSetMs: 30 * DAY, recoveryMs: Number.POSITIVE_INFINITY, backfillChunkMs: 30 * DAY, lossNote }
}
