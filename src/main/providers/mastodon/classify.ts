import { classifyGeneric } from '../classify-common'
import type { ClassifiedFailure, ProviderFailure } from '../types'

/** Mastodon's error table (PROVIDERS.md). */
export function classifyMastodon(failure: ProviderFailure, nowMs?: number): ClassifiedFailure {
  return classifyGeneric('Mastodon', failure, nowMs)
}
