import { useId, useState } from 'react'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import type { SandboxControl, SandboxState } from '../../../../shared/domain/sandbox'
import { useAdoptMainTime } from '../../app/now-context'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { formatDateTime } from '../../lib/time'
import { useQuery } from '../../lib/use-query'
import { CommentStorm } from './CommentStorm'
import { SettingsSection } from './SettingsSection'

type SandboxNetwork = 'facebook' | 'linkedin' | 'x' | 'mastodon'

const SANDBOX_NETWORKS: { id: SandboxNetwork; label: string }[] = [
  { id: 'facebook', label: 'Facebook and Instagram' },
  { id: 'linkedin', label: NETWORK_LABELS.linkedin },
  { id: 'x', label: NETWORK_LABELS.x },
  { id: 'mastodon', label: NETWORK_LABELS.mastodon },
]

type Need = 'user' | 'channel' | 'scope'

interface ControlSpec {
  id: SandboxControl
  label: string
  description: string
  needs: Need[]
}

const SIGN_IN_CONTROLS: ControlSpec[] = [
  { id: 'expire_token', label: 'Expire token', description: 'The user’s current access tokens reach the end of their lifetime now.', needs: ['user'] },
  { id: 'change_password', label: 'Change password', description: 'The network logs the user out everywhere; every token they gave Relink stops working.', needs: ['user'] },
  { id: 'remove_app', label: 'Remove app', description: 'The user removes Relink from the apps allowed on their account.', needs: ['user'] },
  { id: 'remove_role', label: 'Remove page role', description: 'The user loses their role on the chosen page. Their sign-in keeps working.', needs: ['user', 'channel'] },
  { id: 'lapse_data_access', label: 'Lapse data access', description: '90 days pass without the user opening the app (Facebook’s data-access rule).', needs: ['user'] },
  { id: 'revoke_scope', label: 'Revoke permission', description: 'The user withdraws one permission they had granted.', needs: ['user', 'scope'] },
  { id: 'require_account_action', label: 'Require account action', description: 'The network wants the user to sign in there and fix something first.', needs: ['user'] },
  { id: 'kill_refresh_token', label: 'Kill refresh token', description: 'The saved renewal token stops working; the next renewal fails.', needs: ['user'] },
]

const NETWORK_CONTROLS: ControlSpec[] = [
  { id: 'rate_limit', label: 'Rate limit', description: 'The network answers “too many requests” for 15 minutes.', needs: [] },
  { id: 'fail_5xx', label: 'Fail with 503', description: 'The next 3 requests fail with a server error.', needs: [] },
  { id: 'hang', label: 'Hang', description: 'The next request never gets an answer.', needs: [] },
  { id: 'slow', label: 'Slow down', description: 'Every answer takes 1.5 seconds longer.', needs: [] },
  { id: 'clear_faults', label: 'Clear faults', description: 'Ends rate limits, failures, hangs and slowness on this network.', needs: [] },
  { id: 'go_offline', label: 'Go offline', description: 'This computer cannot reach the network: nothing is sent, replies wait in the queue.', needs: [] },
  { id: 'go_online', label: 'Go online', description: 'The connection is back: what waited for it is sent now.', needs: [] },
]

const TIME_CONTROLS: ControlSpec[] = [
  { id: 'advance_clock_day', label: 'Advance a day', description: 'Moves the demo clock one day ahead, so renewals and expiry come sooner.', needs: [] },
]

const SCOPES: Record<SandboxNetwork, string[]> = {
  facebook: ['pages_manage_posts', 'pages_read_engagement', 'pages_show_list', 'read_insights', 'instagram_content_publish'],
  linkedin: ['w_organization_social', 'r_organization_social', 'rw_organization_admin', 'w_member_social'],
  x: ['tweet.write', 'tweet.read', 'users.read', 'offline.access'],
  mastodon: ['write:statuses', 'read:statuses', 'read:notifications'],
}

function ControlGroup({
  title,
  controls,
  busy,
  missing,
  onApply,
}: {
  title: string
  controls: ControlSpec[]
  busy: SandboxControl | undefined
  missing: (spec: ControlSpec) => string | undefined
  onApply: (spec: ControlSpec) => void
}) {
  const headingId = useId()
  return (
    <div className="sandbox-group" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className="sandbox-group__title">
        {title}
      </h3>
      <ul className="sandbox-controls">
        {controls.map((spec) => {
          const why = missing(spec)
          return (
            <li key={spec.id} className="sandbox-control">
              <span className="sandbox-control__text">
                <span className="sandbox-control__label">{spec.label}</span>
                <span className="sandbox-control__description">{why ?? spec.description}</span>
              </span>
              <Button size="sm" onClick={() => onApply(spec)} disabled={busy !== undefined || why !== undefined}>
                {busy === spec.id ? 'Applying…' : spec.label}
              </Button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

/**
 * Demo mode only: break the simulated networks the way real ones break tokens, and watch Relink
 * notice and repair it. Lists the sandbox users' passwords for its sign-in page.
 */
export function SandboxSection() {
  const sandbox = useQuery('sandbox:get-state', undefined, [])
  const toast = useToast()
  const adopt = useAdoptMainTime()
  const [network, setNetwork] = useState<SandboxNetwork>('facebook')
  const [userId, setUserId] = useState<string>()
  const [channelId, setChannelId] = useState<string>()
  const [scope, setScope] = useState(SCOPES.facebook[0] ?? '')
  const [busy, setBusy] = useState<SandboxControl>()
  const ids = { network: useId(), user: useId(), channel: useId(), scope: useId(), scopes: useId() }

  const state: SandboxState | undefined = sandbox.data
  if (!state?.enabled) return null

  const users = state.users.filter((u) => u.network === network)
  const user = users.find((u) => u.id === userId) ?? users[0]
  const channels = state.channels.filter((c) => c.network === network && (!user || c.roles.some((r) => r.userId === user.id)))
  const channel = channels.find((c) => c.id === channelId) ?? channels[0]

  const missing = (spec: ControlSpec): string | undefined => {
    if (spec.needs.includes('user') && !user) return 'Pick a user above first.'
    if (spec.needs.includes('channel') && !channel) return `${user?.name ?? 'This user'} has no role on any page to remove.`
    if (spec.needs.includes('scope') && !scope.trim()) return 'Enter the permission to revoke above.'
    return undefined
  }

  async function apply(spec: ControlSpec): Promise<void> {
    setBusy(spec.id)
    try {
      const next = await call('sandbox:apply-control', {
        control: spec.id,
        network,
        ...(spec.needs.includes('user') && user ? { userId: user.id } : {}),
        ...(spec.needs.includes('channel') && channel ? { channelId: channel.id } : {}),
        ...(spec.needs.includes('scope') ? { scope: scope.trim() } : {}),
      })
      sandbox.replace(next)
      adopt(next.now)
      const target = spec.needs.includes('user') && user ? ` for ${user.name}` : ''
      const place = SANDBOX_NETWORKS.find((n) => n.id === network)?.label ?? network
      toast.show({ message: `${spec.label}${target} on the ${place} sandbox. Relink has checked every connection.` })
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <SettingsSection
      title="Sandbox controls"
      description="Demo mode only. Break the simulated networks the way real ones break sign-ins, and watch Relink notice and repair it."
      status={<span className="sandbox-clock">Sandbox time {formatDateTime(state.now)}</span>}
    >
      <div className="sandbox-targets">
        <div className="form-field">
          <label htmlFor={ids.network} className="form-field__label">
            Network
          </label>
          <select
            id={ids.network}
            className="select"
            value={network}
            onChange={(e) => {
              const next = e.target.value as SandboxNetwork
              setNetwork(next)
              setUserId(undefined)
              setChannelId(undefined)
              setScope(SCOPES[next][0] ?? '')
            }}
          >
            {SANDBOX_NETWORKS.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={ids.user} className="form-field__label">
            User
          </label>
          <select
            id={ids.user}
            className="select"
            value={user?.id ?? ''}
            onChange={(e) => {
              setUserId(e.target.value)
              setChannelId(undefined)
            }}
          >
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.handle})
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={ids.channel} className="form-field__label">
            Page or channel
          </label>
          <select id={ids.channel} className="select" value={channel?.id ?? ''} disabled={channels.length === 0} onChange={(e) => setChannelId(e.target.value)}>
            {channels.length === 0 && <option value="">No page roles</option>}
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={ids.scope} className="form-field__label">
            Permission
          </label>
          <input id={ids.scope} className="input" list={ids.scopes} value={scope} autoComplete="off" spellCheck={false} onChange={(e) => setScope(e.target.value)} />
          <datalist id={ids.scopes}>
            {SCOPES[network].map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
      </div>

      <ControlGroup title="Break a sign-in" controls={SIGN_IN_CONTROLS} busy={busy} missing={missing} onApply={(s) => void apply(s)} />
      <ControlGroup title="Outages and slowness (these never disconnect)" controls={NETWORK_CONTROLS} busy={busy} missing={missing} onApply={(s) => void apply(s)} />
      <ControlGroup title="Time" controls={TIME_CONTROLS} busy={busy} missing={missing} onApply={(s) => void apply(s)} />
      <CommentStorm />

      <div className="sandbox-accounts">
        <h3 className="sandbox-group__title">
          <Icon name="key" size={14} /> Sign-ins for the sandbox page
        </h3>
        <p className="setting__description">
          When Relink opens the sandbox’s sign-in page (to connect or refresh a connection), sign in with one of these.
          {network === 'facebook' && ' Instagram business accounts sign in with the Facebook users.'}
        </p>
        <table className="sandbox-accounts__table" aria-label="Sandbox sign-ins">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Username</th>
              <th scope="col">Password</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>
                  <code>{u.handle}</code>
                </td>
                <td>
                  <code>{u.password}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </SettingsSection>
  )
}
