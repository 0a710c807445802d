/**
 * A run is a function of its seed: the same seed twice gives the same requests, in the same order
 * and with the same outcomes, the same alerts and the same verdict. A failing long seed can then
 * be run again to find out why. An unseeded id (a random UUID, a marker, a sandbox token) or a
 * wait that depends on the machine's speed makes the two runs part.
 *
 * RELINK_SIM_EVENTS=folder writes both runs' events out, to find where they part.
 */
import { describe, expect, it } from 'vitest'
import { runMonth, type SimOptions, type SimReport } from './month'

/** A short day with the inbox on: every part of the run (ids, tokens, faults, sync, replies, incidents) is in it. */
const OPTIONS: SimOptions = {
  seed: 7,
  days: 1,
  settleDays: 0.25,
  faultRate: 0.05,
  deliveriesPerDay: 12,
  incidentsPerDay: 8,
  inbox: { commentsPerDay: 60, slowTeamShare: 0, changesPerDay: 20, repliesPerDay: 10 },
}

const comparable = ({ wallMs: _wallMs, ...report }: SimReport): Omit<SimReport, 'wallMs'> => report

describe('a simulation replays from its seed', () => {
  it(
    'gives the same events and the same verdict when run twice',
    async () => {
      const first = await runMonth(OPTIONS)
      const second = await runMonth(OPTIONS)
      process.stdout.write(`seed ${OPTIONS.seed}: ${first.events.events} events, ${first.faults.requests} requests, ${first.incidents.length} incidents, ${first.refreshes} refreshes; ${first.wallMs} and ${second.wallMs} ms\n`)
      expect(first.events.events).toBeGreaterThan(1_000)
      expect(first.refreshes).toBeGreaterThan(0)
      expect(first.replies?.asked).toBeGreaterThan(0)
      expect(second.events).toEqual(first.events)
      expect(JSON.stringify(comparable(second))).toBe(JSON.stringify(comparable(first)))
    },
    10 * 60_000,
  )
})
