import { describe, expect, it } from 'vitest'
import { createFakeClock } from '../../../tests/fakes/clock'
import type { GrantHealth } from '../../shared/domain/health'
import { AppError } from '../../shared/errors'
import { HttpTransportError } from '../ports'
import { ProviderError } from '../providers/provider-error'
import { createIntentRunner } from './run'
import type { AttemptClose, Disposition, IntentOptions, IntentPhase, IntentRow, IntentStore, IntentWords, LookupResult, OpenedWrite } from './types'

/** A reply, as an inbox would keep it: the module knows nothing about posts. */
interface Row extends IntentRow {
  phase: IntentPhase | 'queued' | 'done' | 'held' | 'failed' | 'needs_review'
  result?: string
  reason?: string
  detail?: string
  candidates?: readonly string[]
  nextAt?: number
}

const OPTIONS: IntentOptions = {
  retryBaseMs: 1_000,
  retryMaxMs: 8_000,
  offlineMaxMs: 4_000,
  maxServerErrors: 3,
  rateLimitDefaultMs: 60_000,
  maxLookups: 2,
  lookupMarginMs: 5_000,
}

const CONFIRM_MS = 90_000

const WORDS: IntentWords = {
  notFound: 'not found',
  confirmingAbsence: 'confirming',
  publishingAgain: 'again',
  offline: 'offline',
  heldSuffix: 'held.',
  channelRemoved: 'gone',
  lostTrack: 'lost',
  couldNotCheck: (detail, passing) => `could not check (${passing ? 'later' : 'never'}): ${detail}`,
  ambiguous: (detail) => `ambiguous: ${detail}`,
  duplicateUnseen: (detail) => `duplicate, unseen: ${detail}`,
}

const api = (status: number, reason: ProviderError['reason'], extra: { retryAfterMs?: number } = {}) =>
  new ProviderError('mastodon', { reason, detail: `${status} ${reason}`, ...extra }, { source: 'api', status })
const timeout = () => new ProviderError('mastodon', { reason: 'transient', detail: 'no answer' }, { source: 'transport' }, { cause: new HttpTransportError('timeout', 'No answer') })
const refused = () =>
  new ProviderError('mastodon', { reason: 'transient', detail: 'offline' }, { source: 'transport' }, {
    cause: new HttpTransportError('network', 'Could not reach', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }),
  })

/**
 * A network in memory that replies to comments. `acts` decides what each call does: create the
 * reply and answer, create it and lose the answer, or fail before anything is created.
 */
function fakeNetwork() {
  const replies: { id: string; at: number }[] = []
  const script: (() => 'ok' | Error | { landed: Error })[] = []
  let lookupFails: Error | undefined
  let lookupAnswer: LookupResult<string> | undefined
  return {
    replies,
    /** Queues what the next calls do (default: ok). */
    then(...steps: ('ok' | Error | { landed: Error })[]) {
      script.push(...steps.map((s) => () => s))
    },
    lookupFails(err: Error | undefined) {
      lookupFails = err
    },
    lookupAnswers(answer: LookupResult<string> | undefined) {
      lookupAnswer = answer
    },
    write(clock: { now(): number }, onCall?: () => void): OpenedWrite<string> {
      return {
        profileId: 'p1',
        network: 'mastodon',
        confirmAbsentAfterMs: CONFIRM_MS,
        async call() {
          onCall?.()
          const step = script.shift()?.() ?? 'ok'
          if (step instanceof Error) throw step
          const id = `r${replies.length + 1}`
          replies.push({ id, at: clock.now() })
          if (step !== 'ok') throw step.landed
          return id
        },
        async lookup(since) {
          if (lookupFails) throw lookupFails
          if (lookupAnswer) return lookupAnswer
          const hit = replies.find((r) => r.at >= since)
          return hit ? { kind: 'found', result: hit.id } : { kind: 'absent' }
        },
      }
    },
  }
}

/** The store in memory, with the attempt log and every move. */
function memoryStore(clock: { now(): number }) {
  const rows = new Map<number, Row>()
  const attempts: { id: number; row: number; kind: 'call' | 'lookup'; at: number; outcome?: string }[] = []
  const close = (a: AttemptClose | undefined) => {
    const found = a && attempts.find((x) => x.id === a.id)
    if (found && a) found.outcome = a.outcome
  }
  const store: IntentStore<Row, string> = {
    async commitIntent(row) {
      const stored = rows.get(row.id)
      if (stored?.phase !== 'claimed') return undefined
      stored.phase = 'in_flight'
      stored.intent_at = clock.now()
      attempts.push({ id: attempts.length + 1, row: row.id, kind: 'call', at: clock.now() })
      return { attemptId: attempts.length, row: { ...stored } }
    },
    async startLookup(row) {
      attempts.push({ id: attempts.length + 1, row: row.id, kind: 'lookup', at: clock.now() })
      return attempts.length
    },
    async finishAttempt(a) {
      close(a)
    },
    async countAttempts(row, kind, outcomes, sinceMs = Number.NEGATIVE_INFINITY) {
      return attempts.filter((a) => a.row === row.id && a.kind === kind && a.at >= sinceMs && a.outcome !== undefined && outcomes.includes(a.outcome)).length
    },
    async clearIntent(row, a) {
      const stored = rows.get(row.id)
      if (stored) stored.intent_at = null
      close(a)
    },
    async settle(row, from, d: Disposition<string>, a) {
      const stored = rows.get(row.id)
      if (!stored || stored.phase !== from) return false
      close(a)
      switch (d.kind) {
        case 'done':
          Object.assign(stored, { phase: 'done', result: d.result })
          break
        case 'retry':
          Object.assign(stored, { phase: 'queued', nextAt: d.at, reason: d.reason, detail: d.detail, claimed_at: null })
          if (d.clearIntent) stored.intent_at = null
          break
        case 'recheck':
          Object.assign(stored, { nextAt: d.at, reason: 'checking', detail: d.detail })
          break
        default:
          Object.assign(stored, { phase: d.kind, reason: d.reason, detail: d.detail, candidates: d.kind === 'needs_review' ? d.candidates : undefined })
      }
      return true
    },
  }
  return {
    store,
    attempts,
    add(id: number): Row {
      const row: Row = { id, channel_id: 'c1', due_at: clock.now(), claimed_at: null, intent_at: null, phase: 'queued' }
      rows.set(id, row)
      return row
    },
    /** Claims a queued row (the owner's queue does this in a transaction). */
    claim(id: number): Row {
      const row = rows.get(id)
      if (!row || row.phase !== 'queued') throw new Error(`row ${id} is not queued`)
      Object.assign(row, { phase: 'claimed', claimed_at: clock.now() })
      return { ...row }
    },
    get: (id: number): Row => ({ ...(rows.get(id) as Row) }),
    log: (id: number) => attempts.filter((a) => a.row === id).map((a) => `${a.kind}:${a.outcome ?? 'open'}`),
  }
}

function rig(options: { anotherLink?: boolean; health?: GrantHealth } = {}) {
  const clock = createFakeClock()
  const net = fakeNetwork()
  const mem = memoryStore(clock)
  const reported: string[] = []
  const phaseAtCall: (string | undefined)[] = []
  let current = 0
  const runner = createIntentRunner<Row, string>({
    store: mem.store,
    connections: {
      async channelTarget() {
        if (!options.anotherLink) throw new AppError('reauth_required', 'No working link.')
        return {}
      },
      async reportFailure(profileId, err) {
        reported.push(`${profileId}:${err.reason}`)
        return options.health ?? 'active'
      },
    },
    clock,
    logger: { log: () => undefined },
    random: () => 0.5,
    options: OPTIONS,
    words: WORDS,
    describe: (id) => id,
    log: { label: 'inbox', verb: 'reply', idKey: 'replyId' },
  })
  const open = () => async () => net.write(clock, () => phaseAtCall.push(`${mem.get(current).phase}@${mem.get(current).intent_at}`))
  return {
    clock,
    net,
    mem,
    reported,
    phaseAtCall,
    async run(id: number) {
      current = id
      await runner.run(mem.claim(id), open())
      return mem.get(id)
    },
    async settleUnknown(id: number) {
      current = id
      return runner.settleUnknown(mem.get(id), open())
    },
    runner,
  }
}

describe('intents: one write from claim to outcome', () => {
  it('commits the intent before the call leaves, and records the effect', async () => {
    const r = rig()
    r.mem.add(1)
    const row = await r.run(1)
    expect(r.phaseAtCall).toEqual([`in_flight@${r.clock.now()}`])
    expect(row).toMatchObject({ phase: 'done', result: 'r1' })
    expect(r.mem.log(1)).toEqual(['call:done'])
  })

  it('retries a call that never connected, with backoff, forgetting the intent', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then(refused(), refused())
    const first = await r.run(1)
    expect(first).toMatchObject({ phase: 'queued', reason: 'offline', intent_at: null })
    const wait1 = (first.nextAt ?? 0) - r.clock.now()
    const second = await r.run(1)
    expect((second.nextAt ?? 0) - r.clock.now()).toBeGreaterThan(wait1)
    expect(await r.run(1)).toMatchObject({ phase: 'done' })
    expect(r.net.replies).toHaveLength(1)
  })

  it('waits out a rate limit exactly as long as told (plus jitter under a second)', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then(api(429, 'rate_limited', { retryAfterMs: 30_000 }))
    const row = await r.run(1)
    expect(row).toMatchObject({ phase: 'queued', reason: 'rate_limited', intent_at: null })
    expect((row.nextAt ?? 0) - r.clock.now()).toBe(30_500)
  })

  it('keeps the intent after a 5xx and looks first next time: a post the 5xx created is not sent twice', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then({ landed: api(503, 'transient') })
    const first = await r.run(1)
    expect(first).toMatchObject({ phase: 'queued', reason: 'transient' })
    expect(first.intent_at).not.toBeNull()
    expect(await r.run(1)).toMatchObject({ phase: 'done', result: 'r1' })
    expect(r.net.replies).toHaveLength(1)
    expect(r.mem.log(1)).toEqual(['call:transient', 'lookup:found'])
  })

  it('fails after the 5xx budget, never more calls than allowed', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then(api(502, 'transient'), api(502, 'transient'), api(502, 'transient'))
    await r.run(1)
    await r.run(1)
    const last = await r.run(1)
    expect(last).toMatchObject({ phase: 'failed', reason: 'transient' })
    expect(last.detail).toContain('tried 3 times')
    expect(r.mem.log(1).filter((l) => l.startsWith('call:'))).toHaveLength(3)
  })

  it('reconciles a timeout through the lookup: found is done, never sent again', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then({ landed: timeout() })
    expect(await r.run(1)).toMatchObject({ phase: 'done', result: 'r1' })
    expect(r.mem.log(1)).toEqual(['call:unknown', 'lookup:found'])
  })

  it('publishes again through the same intent once the network confirmed twice, spaced apart, that it has nothing', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then(timeout())
    const first = await r.run(1)
    // One look may come too early for the network's own listing: look again after its delay.
    expect(first).toMatchObject({ phase: 'in_flight', reason: 'checking', detail: 'confirming', nextAt: r.clock.now() + CONFIRM_MS })
    expect(r.mem.log(1)).toEqual(['call:unknown', 'lookup:absent'])
    r.clock.advance(CONFIRM_MS)
    expect(await r.settleUnknown(1)).toBe('pending')
    const queued = r.mem.get(1)
    expect(queued).toMatchObject({ phase: 'queued', reason: 'not_found', detail: 'again' })
    expect(queued.intent_at).not.toBeNull()
    expect(await r.run(1)).toMatchObject({ phase: 'done', result: 'r1' })
    expect(r.net.replies).toHaveLength(1)
    expect(r.mem.log(1)).toEqual(['call:unknown', 'lookup:absent', 'lookup:absent', 'lookup:absent', 'call:done'])
  })

  it('finds a post that showed up late on the second look, and never sends it again', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then({ landed: timeout() })
    r.net.lookupAnswers({ kind: 'absent' })
    expect(await r.run(1)).toMatchObject({ phase: 'in_flight', detail: 'confirming' })
    r.net.lookupAnswers(undefined)
    r.clock.advance(CONFIRM_MS)
    expect(await r.settleUnknown(1)).toBe('done')
    expect(r.net.replies).toHaveLength(1)
  })

  it('rechecks while the network cannot be asked, then asks a person when the budget is spent', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then({ landed: timeout() })
    r.net.lookupFails(timeout())
    const row = await r.run(1)
    expect(row).toMatchObject({ phase: 'in_flight', reason: 'checking' })
    expect(row.detail).toContain('could not check (later)')
    // A budget of two lookups: the re-check is the last one.
    expect(await r.settleUnknown(1)).toBe('needs_review')
    expect(r.mem.get(1)).toMatchObject({ phase: 'needs_review', reason: 'unverifiable' })
    expect(r.mem.log(1)).toEqual(['call:unknown', 'lookup:unreachable', 'lookup:unreachable'])
    expect(r.net.replies).toHaveLength(1)
  })

  it('shows both candidates when two effects match, and never retries', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then(timeout())
    r.net.lookupAnswers({ kind: 'ambiguous', candidates: ['r7', 'r8'], detail: 'two replies with this text' })
    const row = await r.run(1)
    expect(row).toMatchObject({ phase: 'needs_review', reason: 'ambiguous', candidates: ['r7', 'r8'] })
    expect(row.detail).toBe('ambiguous: two replies with this text')
  })

  it('asks a person when the network offers no way to tell', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then(timeout())
    r.net.lookupAnswers({ kind: 'unanswerable', detail: 'this network cannot list replies' })
    expect(await r.run(1)).toMatchObject({ phase: 'needs_review', reason: 'unverifiable', detail: 'could not check (never): this network cannot list replies' })
  })

  it('holds on a token refusal and tells the lifecycle; retries soon when another link works', async () => {
    const held = rig({ health: 'revoked_by_user' })
    held.mem.add(1)
    held.net.then(api(401, 'unknown_auth'))
    const row = await held.run(1)
    expect(row).toMatchObject({ phase: 'held', reason: 'revoked_by_user', intent_at: null })
    expect(held.reported).toEqual(['p1:unknown_auth'])

    const backup = rig({ anotherLink: true })
    backup.mem.add(1)
    backup.net.then(api(403, 'role_lost'))
    const again = await backup.run(1)
    expect(again).toMatchObject({ phase: 'queued', reason: 'role_lost', nextAt: backup.clock.now() + 5_000 })
    expect(await backup.run(1)).toMatchObject({ phase: 'done' })
  })

  it('holds a write whose lookup after a 5xx meets a refused sign-in, tells the lifecycle and keeps the intent', async () => {
    const r = rig({ health: 'password_changed' })
    r.mem.add(1)
    r.net.then({ landed: api(503, 'transient') })
    await r.run(1)
    r.net.lookupFails(api(401, 'unknown_auth'))
    const row = await r.run(1)
    expect(row).toMatchObject({ phase: 'held', reason: 'password_changed' })
    expect(row.intent_at).not.toBeNull()
    expect(r.reported).toEqual(['p1:unknown_auth'])
    expect(r.mem.log(1)).toEqual(['call:transient', 'lookup:token'])

    // An unknown outcome whose lookup is refused is held too, not handed to a person.
    const unknown = rig({ health: 'revoked_by_user' })
    unknown.mem.add(1)
    unknown.net.then({ landed: timeout() })
    unknown.net.lookupFails(api(401, 'unknown_auth'))
    expect(await unknown.run(1)).toMatchObject({ phase: 'held', reason: 'revoked_by_user' })

    // With another working link, it looks again soon through that one.
    const backup = rig({ anotherLink: true })
    backup.mem.add(1)
    backup.net.then({ landed: timeout() })
    backup.net.lookupFails(api(403, 'role_lost'))
    expect(await backup.run(1)).toMatchObject({ phase: 'in_flight', reason: 'checking', nextAt: backup.clock.now() + 5_000 })
    backup.net.lookupFails(undefined)
    expect(await backup.settleUnknown(1)).toBe('done')
    expect(backup.net.replies).toHaveLength(1)
  })

  it('holds an unknown outcome when no link to the channel works any more, instead of asking a person', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then({ landed: timeout() })
    r.net.lookupFails(timeout())
    await r.run(1)
    const settled = await r.runner.settleUnknown(r.mem.get(1), async () => {
      throw new AppError('reauth_required', 'Reconnect Coffee.')
    })
    expect(settled).toBe('pending')
    expect(r.mem.get(1)).toMatchObject({ phase: 'held', reason: 'reauth_required' })
  })

  it('fails a clean refusal, unless the lookup shows an earlier attempt already landed', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then(api(422, 'other'))
    expect(await r.run(1)).toMatchObject({ phase: 'failed', reason: 'other' })

    const dup = rig()
    dup.mem.add(1)
    dup.net.then({ landed: api(403, 'other') })
    expect(await dup.run(1)).toMatchObject({ phase: 'done', result: 'r1' })
    expect(dup.mem.log(1)).toEqual(['call:rejected', 'lookup:found'])
  })

  it('takes a refusal as a duplicate after an earlier unanswered attempt as evidence it landed: a person decides, nothing is failed or sent again', async () => {
    const duplicate = () => new ProviderError('x', { reason: 'other', detail: 'X rejected the post as a copy.', duplicate: true }, { source: 'api', status: 403 })
    const r = rig()
    r.mem.add(1)
    // The first call lands but its answer is lost; the network's listing does not show it yet.
    r.net.then({ landed: timeout() }, duplicate())
    r.net.lookupAnswers({ kind: 'absent' })
    expect(await r.run(1)).toMatchObject({ phase: 'in_flight', reason: 'checking' })
    r.clock.advance(CONFIRM_MS)
    await r.settleUnknown(1)
    expect(r.mem.get(1)).toMatchObject({ phase: 'queued', reason: 'not_found' })
    expect(await r.run(1)).toMatchObject({ phase: 'needs_review', reason: 'duplicate', detail: 'duplicate, unseen: X rejected the post as a copy.' })
    expect(r.net.replies).toHaveLength(1)

    // The same refusal on a first attempt says the text repeats an older post: failed as before.
    const first = rig()
    first.mem.add(1)
    first.net.then(duplicate())
    first.net.lookupAnswers({ kind: 'absent' })
    expect(await first.run(1)).toMatchObject({ phase: 'failed', reason: 'other' })
  })

  it('passes the candidates of an ambiguous lookup to the store', async () => {
    const r = rig()
    r.mem.add(1)
    r.net.then({ landed: timeout() })
    r.net.lookupAnswers({ kind: 'ambiguous', candidates: ['r1', 'r9'], detail: 'two posts match.' })
    expect(await r.run(1)).toMatchObject({ phase: 'needs_review', reason: 'ambiguous', candidates: ['r1', 'r9'] })
  })

  it('holds when no link works, fails when the channel is gone, retries a passing problem', async () => {
    const r = rig()
    let next = 100
    const attempt = async (err: Error) => {
      const id = ++next
      r.mem.add(id)
      await r.runner.run(r.mem.claim(id), async () => {
        throw err
      })
      return r.mem.get(id)
    }
    expect(await attempt(new AppError('reauth_required', 'Reconnect Coffee.'))).toMatchObject({ phase: 'held', reason: 'reauth_required', detail: 'Reconnect Coffee.' })
    expect(await attempt(new AppError('not_connected', 'Add the app.'))).toMatchObject({ phase: 'held', reason: 'no_developer_app' })
    expect(await attempt(new AppError('not_found', 'Gone.'))).toMatchObject({ phase: 'failed', reason: 'channel_removed', detail: 'gone' })
    expect(await attempt(refused())).toMatchObject({ phase: 'queued', reason: 'offline' })
    expect(r.net.replies).toHaveLength(0)
  })

  it('does not call when the claim was lost before the intent', async () => {
    const r = rig()
    r.mem.add(1)
    const row = r.mem.claim(1)
    await r.mem.store.settle(row, 'claimed', { kind: 'failed', reason: 'cancelled', detail: 'cancelled elsewhere' })
    await r.runner.run(row, async () => r.net.write(r.clock))
    expect(r.net.replies).toHaveLength(0)
    expect(r.mem.get(1).phase).toBe('failed')
  })
})
