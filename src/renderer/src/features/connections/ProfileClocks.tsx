import type { ProfileView } from '../../../../shared/domain/connections'
import { isBrokenHealth } from '../../../../shared/domain/health'
import { HEALTH_VOICE } from '../../../../shared/domain/health-voice'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { useNow } from '../../app/now-context'
import { formatDate, formatRelative } from '../../lib/time'

/**
 * The three clocks of a grant, as the network reported them: when the access token expires, when
 * the refresh token (the right to renew without a new sign-in) ends, and when data access ends.
 */
export function ProfileClocks({ profile }: { profile: ProfileView }) {
  const now = useNow()
  const network = NETWORK_LABELS[profile.network]
  const rows = [
    {
      label: 'Access expires',
      at: profile.accessExpiresAt,
      // A short-lived token Relink renews by itself (X's two hours) is routine, not a deadline.
      routine: profile.renewsAutomatically && !isBrokenHealth(profile.health),
      none: HEALTH_VOICE.never_expires.badge,
      help: `When the current access token stops working. Relink renews it before then where ${network} allows.`,
    },
    {
      label: 'Refresh token ends',
      at: profile.refreshExpiresAt,
      routine: false,
      none: 'No end date',
      help: 'After this, renewing is impossible and someone must sign in again.',
    },
    {
      label: 'Data access ends',
      at: profile.dataAccessExpiresAt,
      routine: false,
      none: 'No end date',
      help: 'Facebook ends data access 90 days after the person last used the app.',
    },
  ]
  const broken = isBrokenHealth(profile.health)
  const soonestFuture = Math.min(...rows.filter((r) => !r.routine).map((r) => r.at).filter((t): t is number => t !== null && t > now))
  return (
    <dl className="clocks">
      {rows.map((row) => {
        let tone = ''
        if (row.at !== null && row.at <= now && broken) tone = ' clocks__item--past'
        else if (row.at === soonestFuture && profile.health === 'expiring') tone = ' clocks__item--soon'
        return (
          <div key={row.label} className={`clocks__item${tone}`}>
            <dt className="clocks__label" title={row.help}>
              {row.label}
            </dt>
            <dd className="clocks__value">
              {row.routine ? (
                <span className="clocks__none" title={HEALTH_VOICE.renews_automatically.cause}>
                  {HEALTH_VOICE.renews_automatically.badge}
                </span>
              ) : row.at === null ? (
                <span className="clocks__none">{row.none}</span>
              ) : (
                <>
                  <span className="clocks__date">{formatDate(row.at)}</span>
                  <span className="clocks__relative">{formatRelative(row.at, now)}</span>
                </>
              )}
            </dd>
          </div>
        )
      })}
    </dl>
  )
}
