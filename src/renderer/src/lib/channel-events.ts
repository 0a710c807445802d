import type { EventName } from '../../../shared/ipc/channels'

/**
 * The events after which the channel list (`channels:list`) may read differently: channels come
 * and go or change brands, and their health follows their sign-ins. Every page reading the list
 * refreshes on all of them, so the window's cache (query-cache.ts) hears them all from the first
 * read and one answer serves every page; a page that refreshed on fewer left the next one asking
 * for the whole list again (90 KB at agency scale).
 */
export const CHANNEL_LIST_EVENTS: readonly EventName[] = ['channels:did-change', 'brands:did-change', 'connections:did-reconnect', 'connections:did-change-health']
