/**
 * Reconciliation at start: what a previous run left claimed or publishing (a crash, a kill, a
 * power cut). Claimed rows go back to the queue, since nothing was sent for them; publishing rows
 * are looked up on the network through the intents module: published when found, `needs_review`
 * when the network says it is not there or cannot tell, re-checked later when it cannot be reached.
 */
import type { DeliveryRow } from '../db/repositories/delivery-repository'
import type { DeliveryMoves } from './delivery-moves'
import type { ReconcileReport, SchedulerContext } from './options'

export function createReconcile(ctx: SchedulerContext, moves: DeliveryMoves, settleUnknown: (row: DeliveryRow) => Promise<'done' | 'needs_review' | 'pending'>) {
  const { repo, logger, inflight } = ctx

  return async function reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = { requeued: 0, published: 0, needsReview: 0, pending: 0 }
    for (const row of await repo.unresolved()) {
      if (inflight.has(row.id)) continue
      inflight.add(row.id)
      try {
        if (row.state === 'claimed') {
          if (await moves.move(row, ['claimed'], { state: 'scheduled', claimed_at: null })) report.requeued += 1
          continue
        }
        const settled = await settleUnknown(row)
        if (settled === 'done') report.published += 1
        else if (settled === 'needs_review') report.needsReview += 1
        else report.pending += 1
      } finally {
        inflight.delete(row.id)
      }
    }
    if (report.requeued + report.published + report.needsReview + report.pending > 0) logger.log('info', 'scheduler: reconciled', { ...report })
    return report
  }
}
