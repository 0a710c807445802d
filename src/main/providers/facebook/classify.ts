import { classifyGeneric } from '../classify-common'
import type { ClassifiedFailure, ProviderFailure } from '../types'

/** The Graph API's error table (PROVIDERS.md), shared by Facebook pages and Instagram. */
export function classifyFacebook(failure: ProviderFailure, nowMs?: number, label = 'Facebook'): ClassifiedFailure {
  return classifyGeneric(label, failure, nowMs)
}
