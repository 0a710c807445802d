import { classifyGeneric } from '../classify-common'
import type { ClassifiedFailure, ProviderFailure } from '../types'

/** LinkedIn's error table (PROVIDERS.md). */
export function classifyLinkedIn(failure: ProviderFailure, nowMs?: number): ClassifiedFailure {
  return classifyGeneric('LinkedIn', failure, nowMs)
}
