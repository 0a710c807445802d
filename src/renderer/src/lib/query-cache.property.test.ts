import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EventName } from '../../../shared/ipc/channels'
import { createQueryCache, MAX_AGE_MS } from './query-cache'

/**
 * The cache over a long run against a model of main: main changes its data and announces each
 * change by an event. Events arrive in order, answers too, but an answer and an event need not
 * arrive in the order main sent them (replies and events are different IPC messages). Whatever the interleaving, an answer the cache lets a page show without asking is never
 * older than a change whose event the window has heard, nor older than its age limit, and a reader
 * asking again after an event gets an answer at least as new as that event.
 */
type Op =
  | { kind: 'change' }
  | { kind: 'ask'; afterEvent: boolean }
  | { kind: 'answer' }
  | { kind: 'deliver'; answerFirst: boolean }
  | { kind: 'wait'; ms: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: 'change' }),
  fc.boolean().map<Op>((afterEvent) => ({ kind: 'ask', afterEvent })),
  fc.constant<Op>({ kind: 'answer' }),
  fc.boolean().map<Op>((answerFirst) => ({ kind: 'deliver', answerFirst })),
  fc.integer({ min: 1, max: MAX_AGE_MS / 2 }).map<Op>((ms) => ({ kind: 'wait', ms })),
)

const EVENT: EventName = 'channels:did-change'
/** Lets an answer that arrived run through the cache's and the reader's callbacks. */
async function flush(): Promise<void> {
  for (let i = 0; i < 4; i++) await Promise.resolve()
}

describe('the window query cache over a long run', () => {
  it('never shows or hands a reader who asked again an answer older than a change the window has heard of', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 20, maxLength: 200 }), async (ops) => {
        let now = 0
        const cache = createQueryCache(64, () => now)
        cache.listen(EVENT)
        let version = 0
        /** Requests main has not answered yet, and what main has sent but the window has not had. */
        const asked: ((version: number) => void)[] = []
        const pipe: ({ event: number } | { answer: () => void })[] = []
        let heardVersion = 0
        let notBefore = 0
        const stale: { got: number; needed: number }[] = []
        for (const step of ops) {
          if (step.kind === 'change') {
            version += 1
            pipe.push({ event: version })
          } else if (step.kind === 'ask') {
            // A reader asks as it opens, or again once it heard an event (with a ticket from then).
            // Asking again after an event must bring what that event announced, not join a request
            // main answered before it.
            const from = step.afterEvent ? notBefore : 0
            const needed = step.afterEvent ? heardVersion : 0
            const read = cache.read('channels:list', 'null', () => new Promise<unknown>((resolve) => asked.push((v) => resolve({ v }))), from)
            void read.then((data) => {
              if ((data as { v: number }).v < needed) stale.push({ got: (data as { v: number }).v, needed })
            })
          } else if (step.kind === 'answer') {
            const reply = asked.shift()
            const v = version
            if (reply) pipe.push({ answer: () => reply(v) })
          } else if (step.kind === 'deliver') {
            // The first waiting message of the kind chosen, or of the other kind if none is waiting.
            const first = pipe.findIndex((m) => ('answer' in m) === step.answerFirst)
            const [message] = pipe.splice(first < 0 ? 0 : first, 1)
            if (message && 'event' in message) {
              heardVersion = message.event
              cache.heard(EVENT)
              notBefore = cache.ticket()
            } else if (message) message.answer()
          } else now += step.ms
          await flush()
          const shown = cache.current('channels:list', 'null', [EVENT], 0, now) as { data: { v: number } } | undefined
          if (shown) expect(shown.data.v).toBeGreaterThanOrEqual(heardVersion)
        }
        expect(stale).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('lets an answer stand only within its age limit', async () => {
    let now = 0
    const cache = createQueryCache(64, () => now)
    cache.listen(EVENT)
    await cache.read('channels:list', 'null', async () => ['c1'])
    now += MAX_AGE_MS
    expect(cache.current('channels:list', 'null', [EVENT], 0, now)).toBeDefined()
    now += 1
    expect(cache.current('channels:list', 'null', [EVENT], 0, now)).toBeUndefined()
  })
})
