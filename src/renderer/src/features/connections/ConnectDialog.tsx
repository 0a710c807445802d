import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { ConnectResult } from '../../../../shared/domain/connections'
import { NETWORK_LABELS, SIGN_IN_LABELS, SIGN_IN_NETWORKS, type Network } from '../../../../shared/domain/network'
import type { Navigate } from '../../app/pages'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { NetworkMark } from '../../components/NetworkMark'
import { useToast } from '../../components/use-toast'
import { useQuery } from '../../lib/use-query'
import { ChannelPicker } from './ChannelPicker'
import { useConnections, type ConnectDialogState, type SignInSession } from './connections-context'
import { healSummary } from './heal-summary'
import { SignInSteps } from './SignInProgress'

const WHAT_YOU_GET: Record<Network, string> = {
  facebook: 'The Facebook pages you manage and the Instagram business accounts linked to them, with one sign-in.',
  instagram: 'Instagram business accounts come with the Facebook pages they are linked to.',
  linkedin: 'Your member profile and the organisation pages you administer.',
  x: 'Your X account.',
  mastodon: 'An account on any Mastodon instance.',
}

type Stage = { kind: 'choose'; error?: string; notice?: string } | { kind: 'signing-in' } | { kind: 'pick'; result: ConnectResult }

const WAITING: SignInSession = { kind: 'connect', label: '', step: 'opening_browser', message: '', cancelling: false }

/** "https://" is what people leave out; main still checks the address. */
function normaliseInstance(value: string): string {
  const trimmed = value.trim()
  if (!trimmed) return ''
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
}

/**
 * Connecting a profile: pick a network, sign in on the network's own page in the browser (with
 * live progress and a way to cancel), then pick the channels to use and their brands.
 */
export function ConnectDialog({ initial, onClose, onNavigate }: { initial: ConnectDialogState; onClose: () => void; onNavigate: Navigate }) {
  const { session, startConnect, cancelSignIn } = useConnections()
  const toast = useToast()
  const [stage, setStage] = useState<Stage>(initial.mode === 'pick' ? { kind: 'pick', result: initial.result } : { kind: 'choose' })
  const [network, setNetwork] = useState<Network>('facebook')
  const [instance, setInstance] = useState('')
  const [instanceError, setInstanceError] = useState<string>()
  const info = useQuery('app:get-info', undefined, [])
  const apps = useQuery('networks:list-apps', undefined, [])
  const instanceId = useId()
  const demo = info.data?.demoMode === true
  const app = apps.data?.find((a) => a.network === network)
  const missingApp = !demo && app !== undefined && !app.configured
  const stageRef = useRef<HTMLDivElement>(null)

  // Each stage replaces the controls of the last; put focus at the start of the new one.
  useEffect(() => {
    const container = stageRef.current
    if (!container) return
    const first = container.querySelector<HTMLElement>('input:checked, input:not([type="radio"]), button:not(:disabled)')
    ;(first ?? container).focus()
  }, [stage.kind])

  async function start(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    const address = normaliseInstance(instance)
    if (network === 'mastodon' && !demo && !address) {
      setInstanceError('Enter the instance address, like https://mastodon.social.')
      return
    }
    setStage({ kind: 'signing-in' })
    const outcome = await startConnect(network, network === 'mastodon' && address ? address : undefined)
    if (!outcome.ok) {
      setStage({ kind: 'choose', ...(outcome.cancelled ? { notice: outcome.message } : { error: outcome.message }) })
      return
    }
    const result = outcome.data
    if (result.reconnected) {
      toast.show({
        message: `${result.profile.displayName} was already connected on ${SIGN_IN_LABELS[result.profile.network]}: the sign-in is renewed. ${healSummary(result.heal)}`,
        ...(result.heal && result.heal.broken.length > 0 ? { tone: 'danger' as const } : {}),
      })
      onClose()
      return
    }
    setStage({ kind: 'pick', result })
  }

  function close(): void {
    // Closing while the browser page is open abandons that sign-in, like Cancel.
    if (stage.kind === 'signing-in') void cancelSignIn()
    onClose()
  }

  const label = SIGN_IN_LABELS[network]
  const title =
    stage.kind === 'pick' ? `Pick channels from ${stage.result.profile.displayName}` : stage.kind === 'signing-in' ? `Sign in to ${label}` : 'Connect a profile'
  const description =
    stage.kind === 'pick'
      ? `Signed in to ${SIGN_IN_LABELS[stage.result.profile.network]}. Choose the channels Relink should use and the brands they belong to.`
      : stage.kind === 'signing-in'
        ? 'Relink opened the network’s own sign-in page in your browser. Sign in there and allow Relink, then come back to this window.'
        : 'Sign in with a personal account; Relink then lists the pages and accounts it manages.'

  return (
    <Dialog title={title} description={description} onClose={close} size={stage.kind === 'pick' ? 'lg' : 'md'}>
      <div ref={stageRef} className="connect-stage" tabIndex={-1}>
        {stage.kind === 'pick' && <ChannelPicker result={stage.result} onClose={onClose} />}

        {stage.kind === 'signing-in' && (
          <>
            <div aria-live="polite">
              <SignInSteps session={session ?? WAITING} />
            </div>
            <p className="dialog-note">
              <Icon name="info" size={14} />
              {demo
                ? 'Demo mode: the page is the sandbox network’s. Its usernames and passwords are listed in Settings → Sandbox controls.'
                : 'Do not see the page? Look for a new tab or window in your default browser.'}
            </p>
            <div className="dialog__actions">
              <Button onClick={() => void cancelSignIn()} disabled={session?.cancelling}>
                {session?.cancelling ? 'Cancelling…' : 'Cancel sign-in'}
              </Button>
            </div>
          </>
        )}

        {stage.kind === 'choose' && (
          <form className="connect-form" onSubmit={(e) => void start(e)} noValidate>
            <fieldset className="network-choice">
              <legend className="network-choice__legend">Network</legend>
              {SIGN_IN_NETWORKS.map((n) => (
                <label key={n} className="network-choice__option">
                  <input
                    type="radio"
                    name="network"
                    value={n}
                    checked={network === n}
                    aria-labelledby={`${instanceId}-${n}-name`}
                    aria-describedby={`${instanceId}-${n}-hint`}
                    onChange={() => setNetwork(n)}
                  />
                  <NetworkMark network={n} />
                  <span className="network-choice__text">
                    <span id={`${instanceId}-${n}-name`} className="network-choice__name">
                      {SIGN_IN_LABELS[n]}
                    </span>
                    <span id={`${instanceId}-${n}-hint`} className="network-choice__hint">
                      {WHAT_YOU_GET[n]}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>

            {network === 'mastodon' && (
              <div className="form-field">
                <label htmlFor={instanceId} className="form-field__label">
                  Instance address
                </label>
                <input
                  id={instanceId}
                  className="input"
                  type="url"
                  inputMode="url"
                  placeholder="https://mastodon.social"
                  autoComplete="off"
                  value={instance}
                  aria-invalid={instanceError ? true : undefined}
                  aria-describedby={`${instanceId}-hint${instanceError ? ` ${instanceId}-error` : ''}`}
                  onChange={(e) => {
                    setInstance(e.target.value)
                    setInstanceError(undefined)
                  }}
                />
                <p id={`${instanceId}-hint`} className="form-field__hint">
                  {demo
                    ? 'Demo mode uses the sandbox’s Mastodon instance; you can leave this empty.'
                    : 'The server your Mastodon account lives on. Relink registers itself there; no developer app needed.'}
                </p>
                {instanceError && (
                  <p id={`${instanceId}-error`} className="field-error" role="alert">
                    {instanceError}
                  </p>
                )}
              </div>
            )}

            {missingApp && (
              <div className="inline-warning">
                <Icon name="alert" size={16} />
                <span>
                  Relink needs your team’s {NETWORK_LABELS[network]} developer app before anyone can sign in.{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      onClose()
                      onNavigate('settings')
                    }}
                  >
                    Set it up in Settings → Networks
                  </button>
                </span>
              </div>
            )}

            {stage.error && <ErrorNotice message={stage.error} />}
            {stage.notice && (
              <p className="dialog-note">
                <Icon name="info" size={14} />
                {stage.notice}
              </p>
            )}

            <div className="dialog__actions">
              <Button onClick={close}>Cancel</Button>
              <Button type="submit" variant="primary" disabled={missingApp}>
                <Icon name="external" size={14} />
                Continue in browser
              </Button>
            </div>
          </form>
        )}
      </div>
    </Dialog>
  )
}
