/** The demo mode's "Sandbox controls": break the simulated networks the way real ones break. */
import type { SandboxControl, SandboxState } from '../../shared/domain/sandbox'
import { AppError } from '../../shared/errors'
import type { SandboxNetwork } from './server'
import type { Connectivity } from './connectivity'
import type { SandboxNetworkId } from './world'

const DAY = 24 * 60 * 60 * 1000

export interface ControlInput {
  control: SandboxControl
  network: SandboxNetworkId
  userId?: string
  channelId?: string
  scope?: string
}

export function createSandboxControls(deps: {
  sandbox: SandboxNetwork | undefined
  advanceClock?: (ms: number) => void
  /** The demo's offline switch, and what to tell when a network is reachable again. */
  connectivity?: Connectivity
  onOnline?: () => void
}) {
  const { sandbox } = deps

  function state(): SandboxState {
    if (!sandbox) return { enabled: false, now: 0, users: [], channels: [] }
    const { world } = sandbox
    return {
      enabled: true,
      now: world.clock.now(),
      offline: deps.connectivity?.offline() ?? [],
      users: [...world.users.values()].map((u) => ({ id: u.id, network: u.network, name: u.name, handle: u.handle, password: u.password })),
      channels: [...world.channels.values()].map((c) => ({
        id: c.id,
        network: c.network,
        name: c.name,
        roles: [...c.roles.entries()].map(([userId, tasks]) => ({ userId, tasks })),
      })),
    }
  }

  function need<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new AppError('validation', `Pick ${what} first.`)
    return value
  }

  return {
    state: async () => state(),
    async apply(input: ControlInput): Promise<SandboxState> {
      if (!sandbox) throw new AppError('forbidden', 'Sandbox controls exist only in demo mode.')
      const c = sandbox.controls
      const user = () => need(input.userId, 'a user')
      try {
        switch (input.control) {
          case 'expire_token':
            c.expireAccessTokens(input.network, user())
            break
          case 'change_password':
            c.changePassword(input.network, user())
            break
          case 'remove_app':
            c.removeApp(input.network, user())
            break
          case 'remove_role':
            c.removeRole(input.network, user(), need(input.channelId, 'a channel'))
            break
          case 'lapse_data_access':
            c.lapseDataAccess(input.network, user())
            break
          case 'revoke_scope':
            c.revokeScope(input.network, user(), need(input.scope, 'a permission'))
            break
          case 'require_account_action':
            c.requireAccountAction(input.network, user())
            break
          case 'kill_refresh_token':
            c.killRefreshTokens(input.network, user())
            break
          case 'rate_limit':
            c.rateLimit(input.network, 15 * 60 * 1000)
            break
          case 'fail_5xx':
            c.failNext(input.network, 3, 503)
            break
          case 'hang':
            c.hangNext(input.network, 1)
            break
          case 'slow':
            c.slow(input.network, 1500)
            break
          case 'clear_faults':
            c.clearFaults(input.network)
            break
          case 'go_offline':
          case 'go_online':
            if (!deps.connectivity) throw new AppError('forbidden', 'This computer’s connection cannot be switched here.')
            deps.connectivity.set(input.network, input.control === 'go_offline')
            if (input.control === 'go_online') deps.onOnline?.()
            break
          case 'advance_clock_day':
            if (!deps.advanceClock) throw new AppError('forbidden', 'The sandbox clock follows the real clock here.')
            deps.advanceClock(DAY)
            break
        }
      } catch (err) {
        if (err instanceof AppError) throw err
        throw new AppError('validation', err instanceof Error ? err.message : String(err))
      }
      return state()
    },
  }
}
