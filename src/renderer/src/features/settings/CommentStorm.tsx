import { useId, useState } from 'react'
import { STORM_KINDS, type StormKind, type StormState } from '../../../../shared/domain/sandbox'
import { Button } from '../../components/Button'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { useQuery } from '../../lib/use-query'

const SIZES = [100, 300, 1_000] as const

const KIND_WORDS: Record<StormKind, [string, string]> = {
  comment: ['comment', 'comments'],
  reply: ['reply', 'replies'],
  mention: ['mention', 'mentions'],
  spam: ['spam', 'spam'],
  edit: ['edit', 'edits'],
  delete: ['deletion', 'deletions'],
}

/** "300 of 300 changes: 186 comments, 60 replies, 30 mentions, …" */
export function stormSummary(state: StormState): string {
  const parts = STORM_KINDS.filter((k) => state.byKind[k] > 0).map((k) => `${state.byKind[k]} ${KIND_WORDS[k][state.byKind[k] === 1 ? 0 : 1]}`)
  const head = `${state.done.toLocaleString()} of ${state.total.toLocaleString()} changes`
  const tail = state.running ? '' : state.ended ? `. ${state.ended}.` : '. Done.'
  return `${head}${parts.length ? `: ${parts.join(', ')}` : ''}${tail}`
}

/**
 * Demo mode: a comment storm on the sandbox, a burst of comments on every channel's posts the
 * way a post going viral looks from the Inbox, with its progress and a way to stop it.
 */
export function CommentStorm() {
  const storm = useQuery('sandbox:get-storm', undefined, ['sandbox:storm-progress'])
  const toast = useToast()
  const [size, setSize] = useState<number>(300)
  const [busy, setBusy] = useState(false)
  const ids = { heading: useId(), size: useId() }
  const state = storm.data

  async function run(command: 'start' | 'stop'): Promise<void> {
    setBusy(true)
    try {
      storm.replace(command === 'start' ? await call('sandbox:start-storm', { changes: size }) : await call('sandbox:stop-storm', undefined))
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="sandbox-group" role="group" aria-labelledby={ids.heading}>
      <h3 id={ids.heading} className="sandbox-group__title">
        Comment storm
      </h3>
      <div className="sandbox-control">
        <span className="sandbox-control__text">
          <span className="sandbox-control__label">Start a comment storm</span>
          <span className="sandbox-control__description">
            A burst of activity on every channel’s posts: comments, replies, mentions, spam, edits and deletions, with emoji and text in many scripts. Relink
            reads each wave at once, so the Inbox fills as it goes.
          </span>
        </span>
        <div className="sandbox-storm__actions">
          <label htmlFor={ids.size} className="visually-hidden">
            Changes in the storm
          </label>
          <select id={ids.size} className="select" value={size} disabled={state?.running} onChange={(e) => setSize(Number(e.target.value))}>
            {SIZES.map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString()} changes
              </option>
            ))}
          </select>
          {state?.running ? (
            <Button size="sm" variant="danger" onClick={() => void run('stop')} disabled={busy}>
              Stop storm
            </Button>
          ) : (
            <Button size="sm" onClick={() => void run('start')} disabled={busy || !state}>
              Start storm
            </Button>
          )}
        </div>
      </div>
      {state && (state.running || state.done > 0 || state.ended) && (
        <div className="sandbox-storm__progress">
          <progress value={state.done} max={Math.max(1, state.total)} aria-label="Comment storm progress" />
          <p role="status" className="sandbox-control__description">
            {stormSummary(state)}
          </p>
        </div>
      )}
    </div>
  )
}
