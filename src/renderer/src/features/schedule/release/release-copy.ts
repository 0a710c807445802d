import type { DeliveryView, ReleaseChoice, ReleaseResult } from '../../../../../shared/domain/schedule'
import { reasonLabel } from '../../connections/profile-status'
import { slotWords, type WhenOptions } from './when-words'

/** What each choice is called in the release dialog. */
export const RELEASE_CHOICE_LABELS: Record<ReleaseChoice, string> = {
  publish_now: 'Publish now',
  next_free_slot: 'Move to next free slot',
  keep_held: 'Keep held',
  skip: 'Skip',
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}

function movedWords(moved: ReleaseResult['moved'], now: number, opts: WhenOptions): string {
  const times = [...moved].sort((a, b) => a.dueAt - b.dueAt).map((m) => slotWords(m.dueAt, now, opts))
  if (times.length <= 3) return `${moved.length} moved to ${listWords(times)}`
  return `${moved.length} moved to free slots from ${times[0]} to ${times[times.length - 1]}`
}

/** The outcome of a release in plain words: "2 publishing now, 1 moved to Tue 10:15 and 1 kept held." */
export function releaseOutcome(result: ReleaseResult, now: number, opts: WhenOptions = {}): string {
  const parts: string[] = []
  if (result.publishNow.length > 0) parts.push(`${result.publishNow.length} publishing now`)
  if (result.moved.length > 0) parts.push(movedWords(result.moved, now, opts))
  if (result.skipped.length > 0) parts.push(`${result.skipped.length} skipped`)
  if (result.kept.length > 0) parts.push(`${result.kept.length} kept held`)
  if (parts.length === 0) return 'Nothing was held any more; nothing changed.'
  return `${listWords(parts)}.`
}

/** Said when the dialog is dismissed: nothing is lost, and where to find the posts again. */
export function keptAllWords(count: number): string {
  return count === 1
    ? 'The post stays held. Release it any time from Connection health.'
    : `All ${count} posts stay held. Release them any time from Connection health.`
}

/**
 * Why a post was held, in one sentence: the first of the scheduler's detail (what the network or
 * the connection said; the rest is the fix, done by now), or the reason's name.
 */
export function heldWhy(delivery: Pick<DeliveryView, 'heldReason' | 'heldDetail'>): string {
  const first = delivery.heldDetail?.trim().match(/^.+?(?:[.!?](?=\s|$)|$)/)?.[0]
  return first ?? reasonLabel(delivery.heldReason)
}
