import type { InboxActionView } from '../../../../shared/domain/inbox'

const NOUN: Record<InboxActionView['kind'], string> = { reply: 'Reply', hide: 'Hide', unhide: 'Unhide', delete: 'Delete', like: 'Like' }

/** Where a reply or moderation action is, in a short tag and a full sentence. */
export function actionWords(action: InboxActionView): { short: string; long: string; tone: 'neutral' | 'warn' | 'danger' | 'ok' } {
  const noun = NOUN[action.kind]
  switch (action.state) {
    case 'queued':
      return { short: `${noun} queued`, long: `${noun} queued${action.detail ? `: ${action.detail}` : '. It goes out as soon as Relink can reach the network.'}`, tone: 'neutral' }
    case 'claimed':
    case 'in_flight':
      return { short: `${noun} sending`, long: `${noun} sending…`, tone: 'neutral' }
    case 'sent':
      return { short: `${noun} sent`, long: `${noun} sent.`, tone: 'ok' }
    case 'held':
      return { short: `${noun} waiting for sign-in`, long: `${noun} waits: ${action.detail}`, tone: 'warn' }
    case 'failed':
      return { short: `${noun} failed`, long: `${noun} failed: ${action.detail}`, tone: 'danger' }
    case 'needs_review':
      return { short: `${noun} needs you`, long: `${noun} may or may not have gone out: ${action.detail}`, tone: 'warn' }
  }
}
