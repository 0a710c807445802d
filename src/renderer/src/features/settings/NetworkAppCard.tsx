import { useId, useState, type FormEvent } from 'react'
import type { NetworkAppView } from '../../../../shared/domain/connections'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Icon } from '../../components/Icon'
import { NetworkMark } from '../../components/NetworkMark'
import { SaveStatus, type SaveState } from '../../components/SaveStatus'
import { call, errorMessage, IpcError } from '../../lib/api'
import { CopyButton } from './CopyButton'

function statusOf(app: NetworkAppView): { text: string; tone: 'ok' | 'muted' } {
  if (app.network === 'mastodon') return { text: 'No app needed', tone: 'ok' }
  return app.configured ? { text: 'Set up', tone: 'ok' } : { text: 'Not set up', tone: 'muted' }
}

/**
 * The guided page for one network's developer app: what to create, exactly which redirect URIs to
 * register, and the client id and secret. The secret is write-only: Relink says one is saved but
 * never shows it back.
 */
export function NetworkAppCard({ app, onChanged }: { app: NetworkAppView; onChanged: (next?: NetworkAppView) => void }) {
  const id = useId()
  const label = NETWORK_LABELS[app.network]
  const [open, setOpen] = useState(false)
  const [clientId, setClientId] = useState(app.clientId)
  const [secret, setSecret] = useState('')
  const [errors, setErrors] = useState<{ clientId?: string; secret?: string; form?: string }>({})
  const [save, setSave] = useState<SaveState>({ kind: 'idle' })
  const [confirmRemove, setConfirmRemove] = useState(false)
  const [shownClientId, setShownClientId] = useState(app.clientId)
  const status = statusOf(app)
  const noApp = app.network === 'mastodon'

  // A save elsewhere (another window) brings a new client id; take it unless the field is being edited.
  if (app.clientId !== shownClientId) {
    setShownClientId(app.clientId)
    setClientId(app.clientId)
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    const next: typeof errors = {}
    if (!clientId.trim()) next.clientId = 'Enter the client id from the developer console.'
    if (app.secretRequired && !app.hasSecret && !secret.trim()) next.secret = `${label} requires the client secret as well.`
    setErrors(next)
    if (next.clientId || next.secret) return
    setSave({ kind: 'saving' })
    try {
      const saved = await call('networks:save-app', {
        network: app.network,
        clientId,
        ...(secret.trim() ? { clientSecret: secret } : {}),
      })
      setSecret('')
      setSave({ kind: 'saved' })
      onChanged(saved)
    } catch (err) {
      const message = errorMessage(err)
      if (err instanceof IpcError && err.code === 'validation') {
        setErrors({ clientId: err.issueFor('clientId'), secret: err.issueFor('clientSecret'), form: err.issueFor('clientId') || err.issueFor('clientSecret') ? undefined : message })
      } else {
        setErrors({ form: message })
      }
      setSave({ kind: 'error', message: 'Not saved.' })
    }
  }

  const bodyId = `${id}-body`
  return (
    <li className={`network-app${open ? ' network-app--open' : ''}`}>
      <button type="button" className="network-app__toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((v) => !v)}>
        <NetworkMark network={app.network} />
        <span className="network-app__name">{label}</span>
        <span className={`network-app__status network-app__status--${status.tone}`}>
          {status.tone === 'ok' && <Icon name="check" size={12} />}
          {status.text}
        </span>
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={16} className="network-app__chevron" />
      </button>
      {open && (
        <div id={bodyId} className="network-app__body">
          <div className="network-app__step">
            <h3 className="network-app__heading">{noApp ? 'No developer app needed' : 'What to create'}</h3>
            <ul className="network-app__notes">
              {app.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </div>

          {app.redirectUris.length > 0 && (
            <div className="network-app__step">
              <h3 className="network-app__heading">Redirect {app.redirectUris.length === 1 ? 'URI' : 'URIs'} to register</h3>
              <p className="network-app__hint">
                Add {app.redirectUris.length === 1 ? 'this address' : `all ${app.redirectUris.length} addresses`} exactly as shown. Relink
                listens on them only while someone signs in.
              </p>
              <ul className="redirect-uris" aria-label={`${label} redirect URIs`}>
                {app.redirectUris.map((uri) => (
                  <li key={uri} className="redirect-uris__item">
                    <code className="redirect-uris__value">{uri}</code>
                    <CopyButton value={uri} label={`Copy ${uri}`} />
                  </li>
                ))}
              </ul>
            </div>
          )}

          {!noApp && (
            <form className="network-app__form" onSubmit={(e) => void submit(e)} noValidate>
              <h3 className="network-app__heading">Your app’s credentials</h3>
              <div className="form-field">
                <label htmlFor={`${id}-client`} className="form-field__label">
                  Client id
                </label>
                <input
                  id={`${id}-client`}
                  className="input"
                  value={clientId}
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={errors.clientId ? true : undefined}
                  aria-describedby={errors.clientId ? `${id}-client-error` : undefined}
                  onChange={(e) => {
                    setClientId(e.target.value)
                    setErrors((v) => ({ ...v, clientId: undefined }))
                  }}
                />
                {errors.clientId && (
                  <p id={`${id}-client-error`} className="field-error" role="alert">
                    {errors.clientId}
                  </p>
                )}
              </div>
              {(app.secretRequired || app.hasSecret) && (
                <div className="form-field">
                  <label htmlFor={`${id}-secret`} className="form-field__label">
                    Client secret
                    {app.hasSecret && (
                      <span className="secret-saved">
                        <Icon name="check" size={12} /> Saved
                      </span>
                    )}
                  </label>
                  <input
                    id={`${id}-secret`}
                    className="input"
                    type="password"
                    value={secret}
                    autoComplete="new-password"
                    placeholder={app.hasSecret ? 'Saved and encrypted. Type a new secret to replace it.' : 'Paste the client secret'}
                    aria-invalid={errors.secret ? true : undefined}
                    aria-describedby={`${id}-secret-hint${errors.secret ? ` ${id}-secret-error` : ''}`}
                    onChange={(e) => {
                      setSecret(e.target.value)
                      setErrors((v) => ({ ...v, secret: undefined }))
                    }}
                  />
                  <p id={`${id}-secret-hint`} className="form-field__hint">
                    Encrypted with your computer’s key store. Relink never shows it again.
                  </p>
                  {errors.secret && (
                    <p id={`${id}-secret-error`} className="field-error" role="alert">
                      {errors.secret}
                    </p>
                  )}
                </div>
              )}
              {errors.form && (
                <p className="field-error" role="alert">
                  {errors.form}
                </p>
              )}
              <div className="network-app__actions">
                <SaveStatus state={save} />
                {app.configured && (
                  <Button variant="ghost" className="button--danger-text" onClick={() => setConfirmRemove(true)}>
                    Remove
                  </Button>
                )}
                <Button type="submit" variant="primary" disabled={save.kind === 'saving'}>
                  Save
                </Button>
              </div>
            </form>
          )}
        </div>
      )}
      {confirmRemove && (
        <ConfirmDialog
          title={`Remove the ${label} app?`}
          confirmLabel="Remove app"
          onClose={() => setConfirmRemove(false)}
          onConfirm={async () => {
            await call('networks:remove-app', { network: app.network })
            setClientId('')
            setSecret('')
            setSave({ kind: 'idle' })
            onChanged()
          }}
        >
          <p>
            Relink forgets the client id{app.hasSecret ? ' and the saved secret' : ''}. New sign-ins and renewals on {label} need an app
            again.
          </p>
        </ConfirmDialog>
      )}
    </li>
  )
}
