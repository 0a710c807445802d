/**
 * Plumbing every LinkedIn call shares: the classifying HTTP client, the versioned API headers,
 * failures Relink detects itself, and the URN a channel acts as.
 */
import type { ProblemReason } from '../../../shared/domain/health'
import { createProviderClient, type ProviderClient } from '../http-client'
import { ProviderError } from '../provider-error'
import type { ChannelTarget, ProviderContext } from '../types'
import { classifyLinkedIn } from './classify'
import { LINKEDIN_API_VERSION, RESTLI_PROTOCOL_VERSION } from './config'
import { organizationUrn, personUrn } from './restli'

export const clientFor = (ctx: ProviderContext): ProviderClient =>
  createProviderClient('linkedin', ctx, (failure) => classifyLinkedIn(failure, ctx.clock.now()))

export const restHeaders = (): Record<string, string> => ({
  'LinkedIn-Version': LINKEDIN_API_VERSION,
  'X-Restli-Protocol-Version': RESTLI_PROTOCOL_VERSION,
})

/** A failure Relink itself detected before calling LinkedIn (never carries token material). */
export function localFailure(reason: ProblemReason, detail: string): ProviderError {
  return new ProviderError('linkedin', { reason, detail }, { source: 'api' })
}

export function authorUrn(target: ChannelTarget): string {
  if (target.kind === 'organization') return organizationUrn(target.networkChannelId)
  if (target.kind === 'member') return personUrn(target.networkChannelId)
  throw localFailure('other', 'This LinkedIn channel is neither an organisation page nor a member profile.')
}
