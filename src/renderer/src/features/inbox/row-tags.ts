import type { InboxItem } from '../../../../shared/domain/inbox'
import { actionWords } from './inbox-words'

/** One tag under a row's text: its words, its look, and whether a check mark leads it. */
export interface RowTag {
  key: string
  text: string
  tone: 'assigned' | 'done' | 'label' | 'neutral' | 'warn' | 'danger' | 'ok' | null
  check?: true
}

/**
 * The tags a row of the list shows, in order. The row draws them from here and the list's size
 * estimate asks whether there are any (a row without tags is a line shorter).
 */
export function rowTags(item: InboxItem): RowTag[] {
  const tags: RowTag[] = []
  if (item.state === 'assigned' && item.assignee) tags.push({ key: 'assignee', text: item.assignee, tone: 'assigned' })
  if (item.state === 'done') tags.push({ key: 'done', text: 'Done', tone: 'done', check: true })
  if (!item.own && !item.answered && item.deletedAt === null && item.state !== 'done') tags.push({ key: 'needs-reply', text: 'Needs reply', tone: null })
  if (item.own) tags.push({ key: 'own', text: `From ${item.channelName}`, tone: null })
  for (const label of item.labels) tags.push({ key: `label-${label}`, text: label, tone: 'label' })
  if (item.lastAction) {
    const action = actionWords(item.lastAction)
    tags.push({ key: 'action', text: action.short, tone: action.tone })
  }
  return tags
}
