import type { Clock } from '../ports'

/** The real wall clock. Only the composition roots use it; services get a `Clock`. */
export const systemClock: Clock = { now: () => Date.now() }
