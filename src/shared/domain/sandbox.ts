/** What the demo mode's "Sandbox controls" panel can do to the simulated networks. */
export const SANDBOX_CONTROLS = [
  'expire_token',
  'change_password',
  'remove_app',
  'remove_role',
  'lapse_data_access',
  'revoke_scope',
  'require_account_action',
  'kill_refresh_token',
  'rate_limit',
  'fail_5xx',
  'hang',
  'slow',
  'clear_faults',
  'go_offline',
  'go_online',
  'advance_clock_day',
] as const
export type SandboxControl = (typeof SANDBOX_CONTROLS)[number]

export interface SandboxState {
  enabled: boolean
  /** The sandbox's current time (it may run ahead of the wall clock in demo mode). */
  now: number
  users: { id: string; network: string; name: string; handle: string; password: string }[]
  /** Networks this computer cannot reach right now (demo switch). */
  offline?: string[]
  channels: { id: string; network: string; name: string; roles: { userId: string; tasks: string[] }[] }[]
}

/** What a comment storm writes: new comments, replies in threads, mentions, spam, edits and deletions. */
export const STORM_KINDS = ['comment', 'reply', 'mention', 'spam', 'edit', 'delete'] as const
export type StormKind = (typeof STORM_KINDS)[number]

/** A comment storm in the sandbox (demo mode): a burst of activity across every channel. */
export interface StormState {
  running: boolean
  /** Changes made so far, of `total`. */
  done: number
  total: number
  byKind: Record<StormKind, number>
  /** Why it ended early ("Stopped", "No posts to comment on"), or null. */
  ended: string | null
}
