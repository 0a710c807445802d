/**
 * Retry waits. Exponential with "equal jitter" (half the step fixed, half random): never less
 * than half the step, so a flapping network is not hammered, and spread out, so deliveries that
 * failed together do not retry together. The random source is seeded so tests can replay it.
 */

/** A seedable random source (mulberry32), shared with the sandbox's deterministic world. */
export { mulberry32 as seededRandom } from '../../shared/random'

/** The wait before retry number `attempt` (1-based): base·2^(attempt−1), capped, then jittered. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const step = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(step / 2 + random() * (step / 2))
}
