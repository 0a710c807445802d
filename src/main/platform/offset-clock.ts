import type { Clock } from '../ports'

/** A clock that runs with the wall clock plus an offset the demo can push forward ("advance a day"). */
export function createOffsetClock(base: Clock): Clock & { advance(ms: number): void } {
  let offset = 0
  return {
    now: () => base.now() + offset,
    advance(ms: number) {
      offset += ms
    },
  }
}
