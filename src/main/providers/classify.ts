import type { ProblemReason } from '../../shared/domain/health'
import type { Network } from '../../shared/domain/network'
import { classifyFacebook } from './facebook/classify'
import { classifyLinkedIn } from './linkedin/classify'
import { classifyMastodon } from './mastodon/classify'
import type { ClassifiedFailure, ProviderFailure } from './types'
import { classifyX } from './x/classify'

const CLASSIFIERS: Record<Network, (failure: ProviderFailure, nowMs?: number) => ClassifiedFailure> = {
  facebook: (f, now) => classifyFacebook(f, now, 'Facebook'),
  // Instagram via Facebook Login speaks the Graph API's error dialect.
  instagram: (f, now) => classifyFacebook(f, now, 'Instagram'),
  linkedin: classifyLinkedIn,
  x: classifyX,
  mastodon: classifyMastodon,
}

/**
 * Maps any failed exchange with a network to one reason of the PROVIDERS.md taxonomy and a
 * plain sentence for the user. `body` may be an object, a JSON string, HTML or garbage. Never
 * throws: whatever goes wrong inside classification degrades to `transient`, which never
 * disconnects anything.
 *
 * `nowMs` is only needed for absolute reset headers when the response carried no `Date`.
 */
export function classifyProviderError(
  network: Network,
  failure: { source: 'api' | 'token_endpoint' | 'transport'; status?: number; headers?: Record<string, string>; body?: unknown },
  nowMs?: number,
): { reason: ProblemReason; retryAfterMs?: number; detail: string } {
  try {
    const classify = CLASSIFIERS[network]
    const result = classify(failure, nowMs)
    if (result.retryAfterMs !== undefined && !(Number.isFinite(result.retryAfterMs) && result.retryAfterMs >= 0)) {
      const { retryAfterMs: _dropped, ...rest } = result
      return rest
    }
    return result
  } catch {
    return { reason: 'transient', detail: 'Relink could not understand the network’s answer and will try again.' }
  }
}
