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
