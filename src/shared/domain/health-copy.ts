import type { GrantHealth, ProblemReason } from './health'

/** What each health state means to a person and what they should do, in plain words (PROVIDERS.md). */
export const HEALTH_COPY: Record<GrantHealth, { label: string; meaning: string; todo: string; severity: 'ok' | 'warn' | 'broken' | 'info' }> = {
  active: { label: 'Healthy', meaning: 'The connection works.', todo: 'Nothing to do.', severity: 'ok' },
  expiring: {
    label: 'Expiring soon',
    meaning: 'The network will end this sign-in soon and Relink cannot renew it on its own.',
    todo: 'Refresh the connection before it expires.',
    severity: 'warn',
  },
  refreshing: { label: 'Renewing', meaning: 'Relink is renewing the sign-in.', todo: 'Nothing to do.', severity: 'info' },
  expired: {
    label: 'Expired',
    meaning: 'The sign-in reached the end of its lifetime.',
    todo: 'Refresh the connection to sign in again.',
    severity: 'broken',
  },
  refresh_token_dead: {
    label: 'Sign-in ended',
    meaning: 'The network no longer accepts Relink’s saved sign-in.',
    todo: 'Refresh the connection to sign in again.',
    severity: 'broken',
  },
  revoked_by_user: {
    label: 'Access removed',
    meaning: 'Relink’s access was removed on the network (the app was removed or access revoked).',
    todo: 'Refresh the connection and allow Relink again.',
    severity: 'broken',
  },
  password_changed: {
    label: 'Password changed',
    meaning: 'The account’s password changed or the network logged out all sessions.',
    todo: 'Refresh the connection to sign in with the new password.',
    severity: 'broken',
  },
  account_action_required: {
    label: 'Action needed on the network',
    meaning: 'The network wants the account owner to sign in there and fix something first.',
    todo: 'Sign in on the network, resolve what it asks, then refresh the connection.',
    severity: 'broken',
  },
  role_lost: {
    label: 'Role lost',
    meaning: 'The sign-in works, but this person no longer manages the page or organisation.',
    todo: 'Ask a page admin to restore the role. A new sign-in alone will not help.',
    severity: 'broken',
  },
  data_access_expired: {
    label: 'Data access lapsed',
    meaning: 'Facebook ended data access after 90 days without the person using the app.',
    todo: 'Refresh the connection to grant access again.',
    severity: 'broken',
  },
  scope_missing: {
    label: 'Permission missing',
    meaning: 'A permission Relink needs was not granted or was removed.',
    todo: 'Refresh the connection and allow every permission asked for.',
    severity: 'broken',
  },
  rate_limited: {
    label: 'Slowed down',
    meaning: 'The network asked Relink to slow down. This never disconnects anything.',
    todo: 'Nothing to do: Relink waits and carries on.',
    severity: 'info',
  },
  unreachable: {
    label: 'Unreachable',
    meaning: 'Relink could not reach the network just now. This never disconnects anything.',
    todo: 'Nothing to do: Relink retries when the network is back.',
    severity: 'info',
  },
}

/** The grant health a confirmed problem reason leads to; undefined for reasons that never disconnect. */
export function healthForReason(reason: ProblemReason): GrantHealth | undefined {
  switch (reason) {
    case 'expired':
    case 'refresh_token_dead':
    case 'revoked_by_user':
    case 'password_changed':
    case 'account_action_required':
    case 'role_lost':
    case 'data_access_expired':
    case 'scope_missing':
      return reason
    case 'rate_limited':
    case 'transient':
    case 'unknown_auth':
    case 'other':
      return undefined
  }
}
