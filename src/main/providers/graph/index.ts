/**
 * The Graph API helpers of the Facebook Pages and Instagram adapters: the client, token calls,
 * paging, insight parsing and cursors (`client.ts`), and the adapter parts both share (`parts.ts`).
 */
export * from './client'
export * from './parts'
export * from './sync'
