import type { ConnectStep } from '../../../../shared/domain/connections'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import type { SignInSession } from './connections-context'

const STEPS: { step: ConnectStep; text: string }[] = [
  { step: 'opening_browser', text: 'Opening the sign-in page in your browser…' },
  { step: 'waiting_for_browser', text: 'Waiting for you to finish signing in…' },
  { step: 'exchanging', text: 'Finishing the sign-in…' },
  { step: 'discovering', text: 'Looking for the pages and accounts you manage…' },
]

const ORDER = STEPS.map((s) => s.step)

/** The sign-in's steps, the current one live, for the connect dialog. */
export function SignInSteps({ session }: { session: SignInSession }) {
  const current = Math.max(0, ORDER.indexOf(session.step === 'done' ? 'discovering' : session.step))
  return (
    <ol className="signin-steps" aria-label="Sign-in progress">
      {STEPS.map(({ step, text }, index) => {
        const state = session.step === 'done' || index < current ? 'done' : index === current ? 'current' : 'pending'
        return (
          <li key={step} className={`signin-steps__item signin-steps__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="signin-steps__marker" aria-hidden="true">
              {state === 'done' ? <Icon name="check" size={12} /> : state === 'current' ? <span className="spinner" /> : null}
            </span>
            <span>{state === 'current' && step === session.step ? session.message || text : text}</span>
          </li>
        )
      })}
    </ol>
  )
}

/** One line of progress with a way out, where a Refresh connection button was. */
export function SignInInline({ session, onCancel, focusCancel = false }: { session: SignInSession; onCancel: () => void; focusCancel?: boolean }) {
  return (
    <span className="signin-inline">
      <span className="signin-inline__message" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        {session.cancelling ? 'Cancelling…' : session.message}
      </span>
      <Button size="sm" variant="ghost" onClick={onCancel} disabled={session.cancelling} autoFocus={focusCancel}>
        Cancel sign-in
      </Button>
    </span>
  )
}
