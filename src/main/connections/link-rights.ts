import { appsMayRead, type Network } from '../../shared/domain/network'
import { TASK_CAPABILITIES } from '../providers/facebook/config'
import { LINKEDIN_ROLE_CAPABILITIES } from '../providers/linkedin/config'

/** What Relink does through a link: the three rights a page or organisation role grants. */
export type LinkAction = 'publish' | 'moderate' | 'analyze'

/**
 * Whether a link's roles allow an action, per network, from the same tables the adapters use
 * when they discover channels. An analyst's link keeps a channel readable, not publishable, so it
 * is never the way in for a post, and a refusal it would get says nothing about its sign-in.
 */
const RIGHTS: Record<Network, (kind: string, tasks: readonly string[], action: LinkAction) => boolean> = {
  // Page tasks (CREATE_CONTENT, MODERATE, ANALYZE): Instagram accounts are reached through their page.
  facebook: (_kind, tasks, action) => tasks.includes(TASK_CAPABILITIES[action]),
  instagram: (_kind, tasks, action) => tasks.includes(TASK_CAPABILITIES[action]),
  // Organisation roles; a member channel is the person's own feed.
  linkedin: (kind, roles, action) =>
    kind === 'member' ? kindAllows('linkedin', kind, action) : roles.some((role) => LINKEDIN_ROLE_CAPABILITIES[role]?.[action] === true),
  // One account, one person: the sign-in is the role.
  x: () => true,
  mastodon: () => true,
}

/** Whether a channel of this kind can ever allow an action, whatever role a link holds (see `appsMayRead`). */
export function kindAllows(network: Network, kind: string, action: LinkAction): boolean {
  return action === 'publish' || appsMayRead(network, kind)
}

export function linkCan(network: Network, kind: string, tasks: readonly string[], action: LinkAction): boolean {
  return RIGHTS[network](kind, tasks, action)
}

export const linkCanPublish = (network: Network, kind: string, tasks: readonly string[]): boolean => linkCan(network, kind, tasks, 'publish')

/** Tasks as stored on a link (comma-separated). */
export const tasksOf = (stored: string | null): string[] => (stored ?? '').split(',').filter(Boolean)

export const ACTION_WORDS: Record<LinkAction, string> = { publish: 'publish', moderate: 'moderate comments', analyze: 'read insights' }
