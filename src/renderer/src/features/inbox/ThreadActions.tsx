import { useEffect, useRef, useState } from 'react'
import { ACTION_MATRIX, fillSavedReply, type InboxActionKind, type InboxActionResolution, type InboxActionView, type InboxThread, type SavedReply } from '../../../../shared/domain/inbox'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Icon } from '../../components/Icon'
import { formatDateTime } from '../../lib/time'
import { actionWords } from './inbox-words'

export interface ThreadActionHandlers {
  act(itemId: number, kind: InboxActionKind, text?: string): Promise<void>
  resolve(actionId: number, resolution: InboxActionResolution): Promise<void>
}

const LABELS: Record<Exclude<InboxActionKind, 'reply'>, string> = { hide: 'Hide', unhide: 'Unhide', delete: 'Delete', like: 'Like' }

/** What a person can decide for an action Relink could not settle on its own. */
function Resolve({ action, onResolve }: { action: InboxActionView; onResolve: ThreadActionHandlers['resolve'] }) {
  if (!['needs_review', 'failed', 'held'].includes(action.state)) return null
  const discarded = action.state === 'failed' && action.detail === 'Discarded.'
  if (discarded) return null
  return (
    <span className="thread-actions__resolve">
      {action.state === 'needs_review' && (
        <Button size="sm" onClick={() => void onResolve(action.id, 'mark_sent')}>
          It went out
        </Button>
      )}
      <Button size="sm" onClick={() => void onResolve(action.id, 'send_again')}>
        Send again
      </Button>
      <Button size="sm" variant="ghost" onClick={() => void onResolve(action.id, 'discard')}>
        Discard
      </Button>
    </span>
  )
}

/**
 * Replying and moderating from a thread: the reply box (R) with saved replies, hide or unhide,
 * like and delete where the network allows them (absent ones say why), and where each action is:
 * queued, sending, sent, waiting for a sign-in, failed with the reason, or waiting for a person.
 */
export function ThreadActions(props: {
  thread: InboxThread
  savedReplies: SavedReply[]
  handlers: ThreadActionHandlers
  onManageSaved(): void
  /** A saved reply picked in the saved-replies screen, to add to the reply box. */
  insert?: { reply: SavedReply; seq: number } | undefined
}) {
  const { item } = props.thread
  const rules = ACTION_MATRIX[item.network]
  const [text, setText] = useState('')
  const [sending, setSending] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const gone = item.deletedAt !== null
  const add = (saved: SavedReply): void => {
    const filled = fillSavedReply(saved.text, item.authorName)
    setText((t) => (t.trim() ? `${t.trimEnd()} ${filled}` : filled))
    document.getElementById('inbox-reply')?.focus()
  }
  const inserted = props.insert
  // A pick made before this thread was opened belongs to the thread it was made in.
  const seenPick = useRef(inserted?.seq)
  useEffect(() => {
    if (!inserted || inserted.seq === seenPick.current) return
    seenPick.current = inserted.seq
    add(inserted.reply)
    // Only a new pick inserts; `add` reads the author of the thread on screen.
  }, [inserted?.seq])
  const network = NETWORK_LABELS[item.network]

  async function send(): Promise<void> {
    const body = text.trim()
    if (!body || sending) return
    setSending(true)
    try {
      await props.handlers.act(item.id, 'reply', body)
      setText('')
    } catch {
      // The toast says why; the text stays so nothing is lost.
    } finally {
      setSending(false)
    }
  }

  const moderation: Exclude<InboxActionKind, 'reply'>[] = [item.hidden ? 'unhide' : 'hide', 'like', 'delete']
  const recent = [...props.thread.actions].reverse().slice(0, 6)

  return (
    <div className="thread-actions">
      {gone ? (
        <p className="thread__hint">This comment was deleted on {network}; there is nothing left to answer.</p>
      ) : (
        <form
          className="thread-reply"
          onSubmit={(e) => {
            e.preventDefault()
            void send()
          }}
        >
          <label htmlFor="inbox-reply" className="thread-reply__label">
            Reply as {item.channelName} <kbd>R</kbd>
          </label>
          <textarea
            id="inbox-reply"
            value={text}
            rows={3}
            maxLength={10_000}
            placeholder={`Write a public reply on ${network}`}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault()
                void send()
              }
            }}
          />
          <div className="thread-reply__bar">
            <select
              aria-label="Insert a saved reply"
              value=""
              onChange={(e) => {
                const saved = props.savedReplies.find((r) => String(r.id) === e.target.value)
                if (saved) add(saved)
              }}
            >
              <option value="">{props.savedReplies.length === 0 ? 'No saved replies yet' : 'Insert a saved reply…'}</option>
              {props.savedReplies.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            <Button size="sm" variant="ghost" onClick={props.onManageSaved}>
              Saved replies
            </Button>
            <Button size="sm" variant="primary" type="submit" disabled={!text.trim() || sending} title="Send (Ctrl+Enter)">
              Send reply <kbd>Ctrl+Enter</kbd>
            </Button>
          </div>
        </form>
      )}

      {!gone && (
        <div className="thread-moderation" role="group" aria-label={`Moderate on ${network}`}>
          {moderation.map((kind) => {
            const rule = rules[kind]
            const done = kind === 'like' && item.liked
            if (!rule.allowed) {
              return (
                <span key={kind} className="thread-moderation__absent" tabIndex={0} title={rule.why} aria-label={`${LABELS[kind]} is not available: ${rule.why}`}>
                  {LABELS[kind]} <Icon name="info" size={12} />
                </span>
              )
            }
            return (
              <Button
                key={kind}
                size="sm"
                variant={kind === 'delete' ? 'danger' : 'secondary'}
                disabled={done}
                onClick={() => (kind === 'delete' ? setConfirmDelete(true) : void props.handlers.act(item.id, kind).catch(() => undefined))}
              >
                {done ? 'Liked' : LABELS[kind]}
              </Button>
            )
          })}
        </div>
      )}

      {recent.length > 0 && (
        <ul className="thread-actions__list" aria-label="Replies and moderation from Relink">
          {recent.map((a) => {
            const words = actionWords(a)
            return (
              <li key={a.id} className={`thread-actions__item thread-actions__item--${words.tone}`}>
                <span className="thread-actions__state">{words.short}</span>
                {a.kind === 'reply' && <span className="thread-actions__text">“{a.text}”</span>}
                <time dateTime={new Date(a.updatedAt).toISOString()}>{formatDateTime(a.updatedAt)}</time>
                {a.state !== 'sent' && a.detail && <p className="thread-actions__detail">{a.detail}</p>}
                <Resolve action={a} onResolve={props.handlers.resolve} />
              </li>
            )
          })}
        </ul>
      )}

      {confirmDelete && (
        <ConfirmDialog
          title="Delete this comment?"
          confirmLabel="Delete on the network"
          onConfirm={() => props.handlers.act(item.id, 'delete')}
          onClose={() => setConfirmDelete(false)}
        >
          <p>
            {item.authorName || 'This person'}’s comment is removed from {network} for everyone. This cannot be undone
            {rules.hide.allowed ? '; hiding it instead keeps it visible only to its author and their friends.' : '.'}
          </p>
        </ConfirmDialog>
      )}
    </div>
  )
}
