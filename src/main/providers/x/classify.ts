import { classifyGeneric } from '../classify-common'
import type { ClassifiedFailure, ProviderFailure } from '../types'

/** X's error table (PROVIDERS.md). */
export function classifyX(failure: ProviderFailure, nowMs?: number): ClassifiedFailure {
  return classifyGeneric('X', failure, nowMs)
}
