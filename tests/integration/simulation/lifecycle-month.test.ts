/**
 * A month of real incidents on about fifty channels (the engine and its record of the truth are in
 * `month.ts`). CI runs one short seed; longer runs are by hand, for example five seeds of 90 days:
 *
 *   RELINK_SIM_DAYS=90 RELINK_SIM_SEEDS=1,2,3,4,5 npx vitest run tests/integration/simulation
 *
 * Each run's figures are printed and written to `bench-results/simulation-seed-N.json`. A run is a
 * function of its seed: the same seed again prints the same events digest (`replay.test.ts`).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectionTimes, runMonth, type SimReport } from './month'

const DAYS = Number(process.env.RELINK_SIM_DAYS ?? 2)
const SEEDS = (process.env.RELINK_SIM_SEEDS ?? '11').split(',').map(Number)
const LONG = DAYS > 5

function summary(report: SimReport): string {
  const real = report.incidents.filter((i) => !i.autoHeal)
  const detection = detectionTimes(report.incidents)
    .map((d) => `${d.kind} ×${d.n}: median ${Math.round(d.medianMs / 60_000)} min, worst ${Math.round(d.worstMs / 60_000)} min, ${d.costly} delayed a post before detection`)
    .join('\n  ')
  return [
    `seed ${report.seed}, ${report.days} days, ${report.channels} channels (${report.networks.join(', ')}), ${report.profiles} profiles, ${Math.round(report.wallMs / 1000)} s`,
    `deliveries ${report.deliveries}: ${JSON.stringify(report.byState)}; duplicates ${report.duplicates}, lost ${report.lost}, needs review ${report.needsReview} (${((100 * report.needsReview) / Math.max(1, report.deliveries)).toFixed(2)}%), of which the network could have answered ${report.needsReviewAnswerable} (${((100 * report.needsReviewAnswerable) / Math.max(1, report.deliveries)).toFixed(2)}%)`,
    `incidents ${report.incidents.length} (${real.length} needing a person, ${report.incidents.length - real.length} renewed by Relink, ${report.incidents.filter((i) => i.follows !== undefined).length} on a backup link right after a heal), refreshes ${report.refreshes}`,
    `posts due on a backup link's break after a heal ${report.backupChecked}, held back although the healed link worked ${report.backupLate.length}${report.backupLate.map((l) => `\n  ${l}`).join('')}`,
    `false disconnects ${report.falseDisconnects.length}, undetected ${report.undetected.length}, unhealed ${report.unhealed.length}, told never or twice ${report.misnotified.length}`,
    `faults ${report.faults.faults} of ${report.faults.requests} requests (${report.faults.afterActing} after the network acted)`,
    `detection:\n  ${detection}`,
    `events ${report.events.events}, digest ${report.events.digest}`,
  ].join('\n')
}

describe('a simulated month of token incidents, faults and a team that reconnects hours later', () => {
  for (const seed of SEEDS) {
    it(
      `seed ${seed}, ${DAYS} days: no duplicate, no lost post, no false disconnect, every incident detected and told exactly once`,
      async () => {
        const report = await runMonth({
          seed,
          days: DAYS,
          faultRate: 0.05,
          deliveriesPerDay: 22,
          // A short run packs more incidents in, so every kind shows up.
          incidentsPerDay: LONG ? 1.2 : 5,
          settleDays: LONG ? 2 : 1,
          ...(LONG ? { log: (line: string) => process.stdout.write(`[seed ${seed}] ${line}\n`) } : {}),
        })
        process.stdout.write(`${summary(report)}\n`)
        mkdirSync('bench-results', { recursive: true })
        writeFileSync(join('bench-results', `simulation-seed-${seed}.json`), JSON.stringify({ ...report, detection: detectionTimes(report.incidents) }, null, 2))

        expect(report.networks).toEqual(['facebook', 'instagram', 'linkedin', 'mastodon', 'x'])
        expect(report.channels).toBeGreaterThanOrEqual(45)
        expect(report.incidents.filter((i) => !i.autoHeal).length).toBeGreaterThan(0)
        expect(report.duplicates).toBe(0)
        expect(report.lost).toBe(0)
        expect(report.falseDisconnects).toEqual([])
        expect(report.undetected).toEqual([])
        // Every Refresh connection healed its whole profile.
        expect(report.unhealed).toEqual([])
        expect(report.misnotified).toEqual([])
        // A backup link breaking right after the other link healed: the healed link carries the posts.
        expect(report.backupChecked).toBeGreaterThan(0)
        expect(report.backupLate).toEqual([])
        // A person decides only when the network truly cannot tell: LinkedIn offers no lookup of a
        // member's own posts, so those are counted apart (and printed above).
        expect(report.needsReviewAnswerable).toBeLessThanOrEqual(Math.floor(report.deliveries * 0.002))
        expect(report.reviews.filter((r) => !r.startsWith('linkedin unverifiable'))).toHaveLength(report.needsReviewAnswerable)
      },
      (LONG ? 90 : 10) * 60_000,
    )
  }
})
