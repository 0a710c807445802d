import { afterEach, describe, expect, it } from 'vitest'
import type { StormState } from '../../shared/domain/sandbox'
import { createFakeClock } from '../../../tests/fakes/clock'
import { createCommentStorm } from './comment-storm'
import { startSandboxNetwork, type SandboxNetwork } from './server'

let sandbox: SandboxNetwork | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

/** A seeded generator so a storm writes the same things every run. */
function seeded(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31
    return s / 2 ** 31
  }
}

const visible = (s: SandboxNetwork, at: number) => [...s.world.comments.values()].filter((c) => c.createdAt <= at)

describe('comment storm', () => {
  it('writes its changes in waves across every network, in many scripts, with progress, then ends by itself', async () => {
    const clock = createFakeClock()
    sandbox = await startSandboxNetwork({ clock, seed: 1 })
    const before = new Map(visible(sandbox, clock.now()).map((c) => [c.id, c.text]))
    const progress: StormState[] = []
    let waves = 0
    const storm = createCommentStorm({ sandbox, clock, timer: clock, rng: seeded(7), onWave: () => waves++, onProgress: (p) => progress.push(p), options: { perWave: 40, waveMs: 500 } })

    expect(storm.start(200)).toMatchObject({ running: true, done: 40, total: 200 })
    expect(waves).toBe(1)
    clock.advance(500)
    expect(storm.state().done).toBe(80)
    for (let i = 0; i < 4; i++) clock.advance(500)
    expect(storm.state()).toMatchObject({ running: false, done: 200, ended: null })
    expect(waves).toBe(5)
    expect(progress.map((p) => p.done)).toEqual([40, 80, 120, 160, 200])
    expect(clock.pending()).toBe(0)

    const { byKind } = storm.state()
    expect(Object.values(byKind).reduce((a, b) => a + b, 0)).toBe(200)
    for (const kind of ['comment', 'reply', 'mention', 'spam', 'edit', 'delete'] as const) expect(byKind[kind]).toBeGreaterThan(0)

    const added = visible(sandbox, clock.now()).filter((c) => !before.has(c.id))
    expect(new Set(added.map((c) => c.network))).toEqual(new Set(['facebook', 'linkedin', 'x', 'mastodon']))
    expect(added.some((c) => c.parentId !== null)).toBe(true)
    expect(added.some((c) => /[\u3040-\u30ff\u0400-\u04ff\u0600-\u06ff]/.test(c.text))).toBe(true)
    expect(added.some((c) => /\p{Extended_Pictographic}/u.test(c.text))).toBe(true)
    expect(added.some((c) => c.text.includes('(edit: found it, thanks!)'))).toBe(true)
    // Ids in each network's own form: time-ordered numbers on X and Mastodon.
    for (const c of added.filter((c) => c.network === 'x' || c.network === 'mastodon')) expect(c.id).toMatch(/^\d+$/)
    // Only what the storm wrote is edited or deleted: the seed's comments are all still there as they were.
    for (const [id, text] of before) expect(sandbox.world.comments.get(id)?.text).toBe(text)
  })

  it('stops when asked and says so; a new storm starts afresh', async () => {
    const clock = createFakeClock()
    sandbox = await startSandboxNetwork({ clock, seed: 1 })
    const storm = createCommentStorm({ sandbox, clock, timer: clock, rng: seeded(3), options: { perWave: 10, waveMs: 1_000 } })
    storm.start(100)
    clock.advance(1_000)
    expect(storm.stop()).toMatchObject({ running: false, done: 20, ended: 'Stopped' })
    expect(clock.pending()).toBe(0)
    clock.advance(10_000)
    expect(storm.state().done).toBe(20)
    expect(storm.start(5_000)).toMatchObject({ running: true, done: 10, total: 2_000, ended: null })
  })

  it('ends with a reason when there is nothing to comment on', async () => {
    const clock = createFakeClock()
    sandbox = await startSandboxNetwork({ clock, seed: 1, empty: true })
    const storm = createCommentStorm({ sandbox, clock, timer: clock })
    expect(storm.start(50)).toMatchObject({ running: false, done: 0, ended: 'No posts to comment on' })
  })
})
