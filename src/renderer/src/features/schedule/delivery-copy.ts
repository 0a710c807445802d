import { NETWORK_LABELS } from '../../../../shared/domain/network'
import type { AtRiskDelivery, CalendarDelivery, DeliveryState, DeliveryView } from '../../../../shared/domain/schedule'
import { reasonLabel } from '../connections/profile-status'
import { DELIVERY_STATE_LABELS } from './delivery-labels'
import { causeWords } from './release/at-risk-copy'
import type { WhenOptions } from './release/when-words'

/** The scheduler's own reasons; sign-in reasons are named by the connections copy. */
const SCHEDULER_REASONS: Record<string, string> = {
  reauth_required: 'Sign-in needed',
  no_developer_app: 'No developer app for this network',
  channel_removed: 'Channel removed',
  transient: 'The network kept failing',
  other: 'Refused by the network',
  unexpected: 'Unexpected error',
  not_found: 'Not found on the network',
  unverifiable: 'Could not be checked',
  ambiguous: 'More than one post could be it',
  duplicate: 'Refused as a copy of a post already there',
  missed: 'Missed its time',
  offline: 'Offline',
  retrying: 'Retrying',
  checking: 'Checking the network',
  cancelled: 'Post cancelled',
}

export const deliveryReasonLabel = (reason: string): string => SCHEDULER_REASONS[reason] ?? reasonLabel(reason)

/** Why a delivery is where it is, or undefined when there is nothing to explain. */
export function deliveryProblem(d: DeliveryView): { label: string; detail: string } | undefined {
  const reason = d.state === 'held' ? d.heldReason : d.failureReason
  const detail = (d.state === 'held' ? d.heldDetail : d.failureDetail) ?? ''
  if (!reason && !detail) return undefined
  // A published post keeps no reason worth showing; a scheduled one shows why it is waiting.
  if (d.state === 'published') return undefined
  return { label: reason ? deliveryReasonLabel(reason) : '', detail }
}

/** The badge text: the state, and for held and failed posts the reason in a word or two. */
export function badgeText(d: Pick<CalendarDelivery, 'state' | 'reason'>): string {
  const { label } = DELIVERY_STATE_LABELS[d.state]
  if ((d.state !== 'held' && d.state !== 'failed') || !d.reason) return label
  return `${label}: ${deliveryReasonLabel(d.reason)}`
}

/** "At risk: LinkedIn sign-in expires Tuesday": the same words Connection health uses. */
export function atRiskText(risk: AtRiskDelivery, now: number, opts: WhenOptions = {}): string {
  return `At risk: ${NETWORK_LABELS[risk.network]} ${causeWords(risk, now, opts)}`
}

export interface StateOption {
  label: string
  states: DeliveryState[]
}

/** The state filter's choices: states shown under one name ("Publishing") are one choice. */
export const STATE_OPTIONS: readonly StateOption[] = Object.entries(DELIVERY_STATE_LABELS).reduce<StateOption[]>((options, [state, copy]) => {
  const existing = options.find((o) => o.label === copy.label)
  if (existing) existing.states.push(state as DeliveryState)
  else options.push({ label: copy.label, states: [state as DeliveryState] })
  return options
}, [])

/** A network's answer that only a developer can read: one that names an HTTP status, or a JSON body. */
export const looksRaw = (detail: string): boolean => /^\s*[{[]/.test(detail) || /\bHTTP\s*\d{3}\b/i.test(detail)

/**
 * A failed post's one sentence: who refused it and, when the network said something a person can
 * read, what it said. A raw answer ("HTTP 400 …") is returned apart, to sit behind a disclosure.
 */
export function failureWords(d: DeliveryView): { sentence: string; raw: string | undefined } {
  const network = NETWORK_LABELS[d.network]
  const detail = (d.failureDetail ?? '').trim()
  const reason = d.failureReason && d.failureReason !== 'other' ? deliveryReasonLabel(d.failureReason) : undefined
  const lead = reason ? `${network} refused this post: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}.` : `${network} refused this post.`
  if (!detail) return { sentence: lead, raw: undefined }
  if (looksRaw(detail)) return { sentence: lead, raw: detail }
  return { sentence: `${lead} It said: “${detail.replace(/[.\s]+$/, '')}.”`, raw: undefined }
}
