/**
 * Tells people once per incident, in stages: an `expiring` warning, then the break itself. An
 * incident is a move from working to broken (a grant's, or one link's lost role): the same break
 * re-classified (refresh failed, then the probe agreed) or seen again is not news, a new break
 * after a Refresh connection is. Each (profile, stage, subject) is recorded in SQLite before the
 * notification is shown, so a restart never repeats it and a storm of failures never becomes a
 * storm of notifications.
 */
import { isBrokenHealth } from '../../shared/domain/health'
import { HEALTH_VOICE, grantVoice, voiceSentence } from '../../shared/domain/health-voice'
import { NETWORK_LABELS, SIGN_IN_LABELS, type Network } from '../../shared/domain/network'
import type { ConnectionRepository } from '../db/repositories/connection-repository'
import type { Clock, Logger, Notifier, SettingsStore } from '../ports'
import type { HealthChange } from './lifecycle'

/**
 * Every title and body reads the health-voice table: the title says who or what and the badge
 * ("Maria Ortega (Facebook and Instagram): Password changed"), the body the table's cause and its
 * one action. Notification stages are in the notification's id (`profile:stage:subject`).
 */
export function createHealthNotifier(deps: { repo: ConnectionRepository; notifier: Notifier; settings: SettingsStore; clock: Clock; logger: Logger }) {
  const { repo, notifier, settings, clock, logger } = deps

  return async function notifyHealthChange(change: HealthChange): Promise<void> {
    const prefs = settings.read().notifications
    if (!prefs.enabled) return
    const row = await repo.getProfile(change.profileId)
    if (!row) return
    const who = `${row.display_name} (${SIGN_IN_LABELS[row.network as Network] ?? row.network})`
    let stage: string
    let subject: string
    let title: string
    let body: string
    if (change.channelId !== undefined) {
      // The lifecycle reports a link's loss only when it happens (the link was working before).
      const channel = await repo.getChannel(change.channelId)
      const where = channel ? `${channel.name} (${NETWORK_LABELS[channel.network as Network] ?? channel.network})` : who
      stage = 'role_lost'
      subject = `${change.channelId}:${clock.now()}`
      title = `${where}: ${HEALTH_VOICE.role_lost.badge}`
      body = `${row.display_name}: ${voiceSentence(HEALTH_VOICE.role_lost)}`
    } else if (isBrokenHealth(change.after)) {
      if (!prefs.onExpired || isBrokenHealth(change.before)) return
      stage = 'broken'
      subject = String(clock.now())
      title = `${who}: ${grantVoice(change.after).badge}`
      body = voiceSentence(grantVoice(change.after))
    } else if (change.after === 'expiring') {
      stage = 'expiring'
      const deadlines = [row.access_expires_at, row.refresh_expires_at, row.data_access_expires_at].filter((t): t is number => t !== null)
      subject = String(deadlines.length ? Math.min(...deadlines) : 0)
      title = `${who}: ${HEALTH_VOICE.expiring.badge}`
      body = `${change.detail} ${HEALTH_VOICE.expiring.action.sentence}`.trim()
    } else {
      return
    }
    if (!(await repo.claimNotification(row.id, stage, subject, clock.now()))) return
    notifier.show({ id: `${row.id}:${stage}:${subject}`, title, body, target: { kind: 'profile', id: row.id } })
    await repo.logEvent({ profileId: row.id, at: clock.now(), kind: 'notified', detail: title })
    logger.log('info', 'connections: notified', { profileId: row.id, stage })
  }
}
