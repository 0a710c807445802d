/**
 * Health in one voice. Every health state and reason Relink can show has exactly one entry here:
 * the word on its badge, the one sentence that says why, the one thing to do, and whether Relink
 * is already handling it. The header's Needs attention list, the Connection health cards, the
 * drawers, the channel rows, the tray, the application menu and the desktop notifications all read
 * these entries; no screen writes its own health sentence (a test under `tests/` enforces it for
 * `src/renderer`).
 */
import type { ChannelHealth, GrantHealth, ProblemReason } from './health'
import { PROBLEM_REASONS, GRANT_HEALTH } from './health'

/** How loudly a state is shown. */
export type VoiceTone = 'ok' | 'info' | 'warn' | 'broken'

/**
 * The one action a state asks for:
 * - `refresh`: Refresh connection (a new sign-in that heals every channel of the profile);
 * - `check`: Check again (after something was fixed elsewhere, e.g. a page admin restored a role);
 * - `pick`: pick the channels of a finished sign-in;
 * - `connect`: connect a profile that manages the channel;
 * - `none`: nothing; Relink handles it or nothing is wrong.
 */
export type VoiceActionKind = 'refresh' | 'check' | 'pick' | 'connect' | 'none'

export interface VoiceAction {
  kind: VoiceActionKind
  /** The button's words ("Refresh connection"); '' for `none`. */
  label: string
  /** The same action as a sentence, where no button can be shown (notifications, tray). */
  sentence: string
}

export interface HealthVoice {
  /** The word on the badge: "Password changed". */
  badge: string
  /** One sentence saying what happened, in plain words. */
  cause: string
  action: VoiceAction
  /** True when Relink is already dealing with it (or nothing is wrong): no person needs to act. */
  handled: boolean
  tone: VoiceTone
}

/** States of a profile's setup and of a token's clock that are not grant healths but are shown like them. */
export const SETUP_STATES = ['unfinished'] as const
export const CLOCK_STATES = ['renews_automatically', 'never_expires'] as const

/** Channel health with the `channel_` prefix, so it cannot collide with a grant health. */
export type ChannelVoiceKey = `channel_${ChannelHealth}`
export const CHANNEL_VOICE_KEYS: readonly ChannelVoiceKey[] = ['channel_healthy', 'channel_degraded', 'channel_disconnected', 'channel_unlinked']

/** Problem reasons that are not also grant healths (transient failures, unknown 401s, non-token refusals). */
type ReasonOnly = Exclude<ProblemReason, GrantHealth>

/** Every key of the table: grant healths, the reasons that are not healths, channel healths, setup and clock states. */
export type VoiceKey = GrantHealth | ReasonOnly | ChannelVoiceKey | (typeof SETUP_STATES)[number] | (typeof CLOCK_STATES)[number]

const REFRESH: VoiceAction = { kind: 'refresh', label: 'Refresh connection', sentence: 'Use Refresh connection to sign in again.' }
const NONE: VoiceAction = { kind: 'none', label: '', sentence: 'Nothing to do.' }
const CHECK: VoiceAction = { kind: 'check', label: 'Check again', sentence: 'Once a page admin has restored the role, use Check again.' }

const broken = (badge: string, cause: string, action: VoiceAction = REFRESH): HealthVoice => ({ badge, cause, action, handled: false, tone: 'broken' })
const handled = (badge: string, cause: string, tone: VoiceTone = 'info'): HealthVoice => ({ badge, cause, action: NONE, handled: true, tone })

/** The table. Sentences end with a full stop; badges are short and capitalised. */
export const HEALTH_VOICE: Readonly<Record<VoiceKey, HealthVoice>> = {
  // Grant healths
  active: handled('Healthy', 'The connection works.', 'ok'),
  expiring: {
    badge: 'Expires soon',
    cause: 'The network ends this sign-in soon, and only a new sign-in can extend it.',
    action: { kind: 'refresh', label: 'Refresh connection', sentence: 'Use Refresh connection before it ends.' },
    handled: false,
    tone: 'warn',
  },
  refreshing: handled('Renewing', 'Relink is renewing the sign-in.'),
  expired: broken('Expired', 'The sign-in reached the end of its lifetime.'),
  refresh_token_dead: broken('Sign-in ended', 'The network no longer accepts Relink’s saved sign-in.'),
  revoked_by_user: broken('Access removed', 'Relink’s access was removed on the network.'),
  password_changed: broken('Password changed', 'The account’s password changed, which ended every sign-in made with the old one.'),
  account_action_required: broken(
    'Action needed on the network',
    'The network wants the account owner to sign in there and do what it asks before Relink can continue.',
  ),
  role_lost: broken('Role lost', 'The sign-in works, but this person no longer manages the page; a new sign-in alone does not help.', CHECK),
  data_access_expired: broken('Data access lapsed', 'Facebook ended data access after 90 days without the person using Relink.'),
  scope_missing: broken('Permission missing', 'A permission Relink needs was not granted or was removed.'),
  rate_limited: handled('Slowed down', 'The network asked Relink to slow down; Relink waits and carries on, and nothing is disconnected.'),
  unreachable: handled('Unreachable', 'Relink could not reach the network just now and retries when it is back; nothing is disconnected.'),

  // Reasons that never become a grant health
  transient: handled('Temporary failure', 'The network failed for a moment; Relink retries, and nothing is disconnected.'),
  unknown_auth: handled('Checking', 'The network refused a request without saying why; Relink is checking the sign-in.'),
  other: { badge: 'Refused', cause: 'The network refused this request; it is not a sign-in problem.', action: NONE, handled: true, tone: 'warn' },

  // Channel healths
  channel_healthy: handled('Healthy', 'Every sign-in behind this channel works.', 'ok'),
  channel_degraded: {
    badge: 'Backup in use',
    cause: 'One sign-in behind this channel is broken; Relink publishes through another that works.',
    action: REFRESH,
    handled: false,
    tone: 'warn',
  },
  channel_disconnected: broken('Disconnected', 'No working sign-in reaches this channel, so its posts are held.'),
  channel_unlinked: {
    badge: 'Not linked',
    cause: 'No profile gives Relink access to this channel, so its posts are held.',
    action: { kind: 'connect', label: 'Connect a profile', sentence: 'Connect a profile that manages it.' },
    handled: false,
    tone: 'broken',
  },

  // Setup and clocks
  unfinished: {
    badge: 'Unfinished',
    cause: 'The sign-in worked, but no channels were picked yet, so Relink uses none of them.',
    action: { kind: 'pick', label: 'Pick channels', sentence: 'Pick the channels to use; the ones found at sign-in are waiting.' },
    handled: false,
    tone: 'warn',
  },
  renews_automatically: handled('Renewed automatically', 'This access token is short-lived by design; Relink renews it before it runs out.', 'ok'),
  never_expires: handled('Does not expire', 'The network sets no end date for this token.', 'ok'),
}

/** Every key of the table, in a stable order (for tests and exhaustive lists). */
export const VOICE_KEYS: readonly VoiceKey[] = [
  ...GRANT_HEALTH,
  ...PROBLEM_REASONS.filter((r): r is ReasonOnly => !(GRANT_HEALTH as readonly string[]).includes(r)),
  ...CHANNEL_VOICE_KEYS,
  ...SETUP_STATES,
  ...CLOCK_STATES,
]

const isKey = (value: string): value is VoiceKey => Object.prototype.hasOwnProperty.call(HEALTH_VOICE, value)

/** The voice of a grant health or reason as stored in the database; undefined for unknown strings. */
export function voiceOf(key: string | null | undefined): HealthVoice | undefined {
  return key && isKey(key) ? HEALTH_VOICE[key] : undefined
}

export const grantVoice = (health: GrantHealth): HealthVoice => HEALTH_VOICE[health]
export const channelVoice = (health: ChannelHealth): HealthVoice => HEALTH_VOICE[`channel_${health}`]

/** Cause and action as one notification body: "The account’s password changed… Use Refresh connection…". */
export const voiceSentence = (voice: HealthVoice): string => (voice.action.kind === 'none' ? voice.cause : `${voice.cause} ${voice.action.sentence}`)

/** The verbs beside a profile's key moment: "Expired 2 days ago", "Expires in 5 days". */
export const MOMENT_VERBS = {
  expired: 'Expired',
  expires: 'Expires',
  dataAccessEnded: 'Data access ended',
  stopped: 'Stopped working',
} as const

/** The words of the one list of what needs a person (header dropdown, tray, application menu). */
export const ATTENTION_WORDS = {
  title: 'Needs attention',
  allClear: 'All channels healthy',
  emptyTitle: 'Nothing needs attention',
  emptyText: 'Every connection works and no post waits for a decision. Relink lists a sign-in here before it expires.',
  noChannels: 'No channels yet',
  checking: 'Checking connections…',
  unknown: 'Health unknown',
  /** "3 need attention". */
  count: (n: number): string => `${n} ${n === 1 ? 'needs' : 'need'} attention`,
} as const
