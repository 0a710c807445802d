/** Deterministic pseudo-randomness so the demo world and tests are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A stable 32-bit hash of strings and numbers, for values derived from (seed, channel, day). */
export function hash32(...parts: (string | number)[]): number {
  let h = 2166136261
  for (const part of parts) {
    const s = String(part)
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i)
      h = Math.imul(h, 16777619)
    }
    h ^= 0x2c
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

/** A deterministic unit value in [0, 1) for the given parts. */
export const unit = (...parts: (string | number)[]): number => hash32(...parts) / 4294967296
