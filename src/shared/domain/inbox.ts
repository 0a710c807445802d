/**
 * What the window may know about the inbox: comments and mentions read from every channel, their
 * triage, and the replies and moderation Relink sends for them. Times are unix ms UTC.
 */
import type { Network } from './network'

export const INBOX_STATES = ['new', 'assigned', 'done'] as const
export type InboxState = (typeof INBOX_STATES)[number]

export const INBOX_ACTION_KINDS = ['reply', 'hide', 'unhide', 'delete', 'like'] as const
export type InboxActionKind = (typeof INBOX_ACTION_KINDS)[number]

/** What a person decides for an action Relink could not settle: it is there (mark sent), send it again, or drop it. */
export const INBOX_ACTION_RESOLUTIONS = ['mark_sent', 'send_again', 'discard'] as const
export type InboxActionResolution = (typeof INBOX_ACTION_RESOLUTIONS)[number]

/** Where a reply or a moderation action is: queued → sending → sent, or held, failed, needs review. */
export type InboxActionState = 'queued' | 'claimed' | 'in_flight' | 'sent' | 'held' | 'failed' | 'needs_review'

/** A piece of text, marked where it matched a search. */
export interface TextPart {
  text: string
  match: boolean
}

export interface InboxActionView {
  id: number
  kind: InboxActionKind
  state: InboxActionState
  text: string
  /** Why it waits or failed, in plain words. */
  detail: string
  createdAt: number
  updatedAt: number
}

export interface InboxItem {
  id: number
  network: Network
  channelId: string
  channelName: string
  stream: 'comments' | 'mentions'
  networkCommentId: string
  networkPostId: string
  parentCommentId: string | null
  threadId: string
  authorName: string
  authorHandle: string
  text: string
  /** Set for search results: the text with the matched words marked. */
  highlight: TextPart[] | null
  /** Written by the channel itself. */
  own: boolean
  createdAt: number
  editedAt: number | null
  deletedAt: number | null
  hidden: boolean
  liked: boolean
  state: InboxState
  assignee: string | null
  read: boolean
  labels: string[]
  /** Whether anyone answered in this thread after this item (from the channel itself). */
  answered: boolean
  /** The latest reply or moderation action sent from Relink for this item. */
  lastAction: InboxActionView | null
}

export interface InboxQuery {
  brandId?: string | undefined
  channelIds?: string[] | undefined
  network?: Network | undefined
  states?: InboxState[] | undefined
  /** Only items nobody from the channel has answered yet. */
  needsReply?: boolean | undefined
  /** A team member's name, or '' for "nobody". */
  assignee?: string | undefined
  label?: string | undefined
  fromMs?: number | undefined
  toMs?: number | undefined
  /** Words to find (every word, each as a prefix, accents ignored). */
  search?: string | undefined
  /** Keyset paging: items older than this one. */
  before?: { createdAt: number; id: number } | undefined
  /** Search results come best first: they page by offset. */
  offset?: number | undefined
  limit?: number | undefined
}

export interface InboxPage {
  items: InboxItem[]
  /** More items match beyond this page. */
  hasMore: boolean
}

export interface InboxNote {
  id: number
  text: string
  author: string
  createdAt: number
}

/** The post a thread belongs to. */
export interface InboxPost {
  networkPostId: string
  /** Relink's own text when Relink published it. */
  text: string | null
  url: string | null
  publishedAt: number | null
  /** Relink published it. */
  fromRelink: boolean
}

export interface InboxThread {
  item: InboxItem
  /** Every item of the thread, oldest first (the item included). */
  items: InboxItem[]
  post: InboxPost
  notes: InboxNote[]
  actions: InboxActionView[]
}

export interface InboxCounts {
  /** Items in state `new` not yet opened. */
  unread: number
  byState: Record<InboxState, number>
  unreadByChannel: Record<string, number>
}

export interface SavedReply {
  id: number
  name: string
  text: string
}

/** What each network lets Relink do with a comment (wave2-anchors §2.0). */
export interface ActionRule {
  allowed: boolean
  /** Why not, for the tooltip where it is absent. */
  why: string
}

export const ACTION_MATRIX: Record<Network, Record<InboxActionKind, ActionRule>> = {
  facebook: {
    reply: { allowed: true, why: '' },
    hide: { allowed: true, why: '' },
    unhide: { allowed: true, why: '' },
    delete: { allowed: true, why: '' },
    like: { allowed: true, why: '' },
  },
  instagram: {
    reply: { allowed: true, why: '' },
    hide: { allowed: true, why: '' },
    unhide: { allowed: true, why: '' },
    delete: { allowed: true, why: '' },
    like: { allowed: false, why: 'Instagram does not let apps like comments.' },
  },
  linkedin: {
    reply: { allowed: true, why: '' },
    hide: { allowed: false, why: 'LinkedIn does not let apps hide comments.' },
    unhide: { allowed: false, why: 'LinkedIn does not let apps hide comments.' },
    delete: { allowed: true, why: '' },
    like: { allowed: true, why: '' },
  },
  x: {
    reply: { allowed: true, why: '' },
    hide: { allowed: true, why: '' },
    unhide: { allowed: true, why: '' },
    delete: { allowed: false, why: 'X lets an account delete only its own posts; hide the reply instead.' },
    like: { allowed: true, why: '' },
  },
  mastodon: {
    reply: { allowed: true, why: '' },
    hide: { allowed: false, why: 'Mastodon has no way to hide a reply; mute or block the account on Mastodon.' },
    unhide: { allowed: false, why: 'Mastodon has no way to hide a reply.' },
    delete: { allowed: false, why: 'Mastodon lets an account delete only its own posts.' },
    like: { allowed: true, why: '' },
  },
}

/** Fills `{first_name}` and `{name}` in a saved reply for the person it answers. */
export function fillSavedReply(text: string, authorName: string): string {
  const name = authorName.trim()
  const first = name.split(/\s+/)[0] ?? ''
  return text.replaceAll('{first_name}', first || 'there').replaceAll('{name}', name || 'there')
}
