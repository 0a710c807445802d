import type { Network } from '../../shared/domain/network'
import type { ClassifiedFailure, ProviderFailure } from './types'

/**
 * Thrown by adapters for every failed exchange. Carries the classification and the raw failure
 * (status, headers, body — never the request, so no token) for the token event log.
 */
export class ProviderError extends Error {
  constructor(
    readonly network: Network,
    readonly classified: ClassifiedFailure,
    readonly failure: ProviderFailure,
    options?: { cause?: unknown },
  ) {
    super(classified.detail, options)
    this.name = 'ProviderError'
  }

  get reason(): ClassifiedFailure['reason'] {
    return this.classified.reason
  }
}
