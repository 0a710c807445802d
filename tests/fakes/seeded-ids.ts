import type { IdSource } from '../../src/main/ports'
import { mulberry32 } from '../../src/shared/random'

/**
 * Identifiers drawn from a seeded stream: the same seed gives the same ids in the same order, so a
 * simulation's rows, markers and sandbox tokens replay with it. Never for anything that must be
 * unguessable.
 */
export function createSeededIds(seed: number): IdSource {
  const rng = mulberry32(seed)
  const bytes = (length: number): Uint8Array => Uint8Array.from({ length }, () => Math.floor(rng() * 256))
  return {
    bytes,
    uuid() {
      const b = bytes(16)
      // RFC 9562 §5.4: version 4 in the high nibble of byte 6, the variant 10xx in byte 8.
      b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
      b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
      const hex = Buffer.from(b).toString('hex')
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    },
  }
}
