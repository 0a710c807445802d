import { useState, type RefObject } from 'react'
import type { InboxItem, InboxThread } from '../../../../shared/domain/inbox'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { NetworkMark } from '../../components/NetworkMark'
import { formatDateTime } from '../../lib/time'
import { Highlighted } from './ItemRow'
import { actionWords } from './inbox-words'

export interface ThreadHandlers {
  setState(ids: number[], state: InboxItem['state']): Promise<void>
  assign(ids: number[], assignee: string | null): Promise<void>
  label(ids: number[], label: string, on: boolean): Promise<void>
  addNote(id: number, text: string): Promise<void>
}

function Message({ item, current }: { item: InboxItem; current: boolean }) {
  return (
    <li className={['thread-message', current ? 'thread-message--current' : '', item.own ? 'thread-message--own' : ''].filter(Boolean).join(' ')}>
      <div className="thread-message__meta">
        <strong>{item.authorName || `@${item.authorHandle}`}</strong>
        {item.authorHandle && item.authorName && <span className="thread-message__handle">@{item.authorHandle}</span>}
        <time dateTime={new Date(item.createdAt).toISOString()}>{formatDateTime(item.createdAt)}</time>
        {item.editedAt !== null && <span className="thread-message__flag">edited</span>}
        {item.hidden && <span className="thread-message__flag">hidden</span>}
      </div>
      <p className="thread-message__text">
        {item.deletedAt !== null ? <em>Deleted on the network: </em> : null}
        <Highlighted parts={null} text={item.text} />
      </p>
      {item.lastAction && <p className={`thread-message__action thread-message__action--${actionWords(item.lastAction).tone}`}>{actionWords(item.lastAction).long}</p>}
    </li>
  )
}

/**
 * One thread: the post it belongs to, every message in order with the open one marked, and the
 * team's side (state, who has it, labels, notes). Replies and moderation come in `children`.
 */
export function ThreadView(props: {
  thread: InboxThread
  team: string[]
  knownLabels: string[]
  handlers: ThreadHandlers
  labelInput: RefObject<HTMLInputElement | null>
  assignSelect: RefObject<HTMLSelectElement | null>
  onClose(): void
  /** The thread has the page to itself (a small window): it leads with the way back to the list. */
  drillIn?: boolean
  children?: React.ReactNode
}) {
  const { thread, handlers } = props
  const { item } = thread
  const [label, setLabel] = useState('')
  const [note, setNote] = useState('')
  const ids = [item.id]
  const postTitle = thread.post.fromRelink ? 'Your post' : `A post on ${NETWORK_LABELS[item.network]}`

  return (
    <section className="compact-fields thread" aria-labelledby="thread-title">
      {props.drillIn && (
        <nav className="thread__back" aria-label="Thread">
          <Button variant="ghost" size="sm" onClick={props.onClose}>
            <Icon name="arrowLeft" size={14} /> All comments <kbd>Esc</kbd>
          </Button>
          <span className="thread__hint">
            <kbd>J</kbd> <kbd>K</kbd> next and previous
          </span>
        </nav>
      )}
      <header className="thread__header">
        <NetworkMark network={item.network} />
        <div>
          {/* Focused when the thread takes a small window's page, so its name is what is read out. */}
          <h2 id="thread-title" className="thread__title" tabIndex={-1}>
            {item.authorName || `@${item.authorHandle}`} on {item.channelName}
          </h2>
          <p className="thread__sub">
            {item.stream === 'mentions' ? 'Reply or mention' : 'Comment'} · {NETWORK_LABELS[item.network]}
          </p>
        </div>
        {!props.drillIn && (
          <Button variant="ghost" size="sm" onClick={props.onClose} aria-label="Close the thread (Esc)" title="Close the thread (Esc)">
            <Icon name="close" />
          </Button>
        )}
      </header>

      <div className="thread__post">
        <p className="thread__post-label">{postTitle}</p>
        {thread.post.text ? <p className="thread__post-text">{thread.post.text}</p> : <p className="thread__post-text thread__post-text--faint">Published outside Relink (post {thread.post.networkPostId}).</p>}
        {thread.post.url && (
          <a className="thread__post-link" href={thread.post.url} target="_blank" rel="noreferrer">
            Open on {NETWORK_LABELS[item.network]} <Icon name="external" size={12} />
          </a>
        )}
      </div>

      <ol className="thread__messages" aria-label="Messages in this thread">
        {thread.items.map((m) => (
          <Message key={m.id} item={m} current={m.id === item.id} />
        ))}
      </ol>

      {props.children}

      <div className="thread__triage">
        <div className="thread__row">
          {item.state === 'done' ? (
            <Button size="sm" onClick={() => void handlers.setState(ids, 'new')}>
              Reopen
            </Button>
          ) : (
            <Button size="sm" variant="primary" onClick={() => void handlers.setState(ids, 'done')} title="Mark done (E)">
              <Icon name="check" size={14} /> Mark done <kbd>E</kbd>
            </Button>
          )}
          <label className="thread__field">
            <span>Assigned to <kbd>A</kbd></span>
            <select
              ref={props.assignSelect}
              value={item.assignee ?? ''}
              onChange={(e) => void handlers.assign(ids, e.target.value === '' ? null : e.target.value)}
            >
              <option value="">Nobody</option>
              {[...new Set([...props.team, ...(item.assignee ? [item.assignee] : [])])].map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
        </div>
        {props.team.length === 0 && <p className="thread__hint">Add team members in Settings → Inbox to assign comments.</p>}

        <div className="thread__labels">
          <span className="thread__labels-title">Labels</span>
          {item.labels.map((l) => (
            <button key={l} type="button" className="inbox-tag inbox-tag--label inbox-tag--removable" onClick={() => void handlers.label(ids, l, false)} aria-label={`Remove the label ${l}`}>
              {l} <Icon name="close" size={10} />
            </button>
          ))}
          <form
            className="thread__label-form"
            onSubmit={(e) => {
              e.preventDefault()
              const name = label.trim()
              if (!name) return
              void handlers.label(ids, name, true).then(() => setLabel(''))
            }}
          >
            <input
              ref={props.labelInput}
              list="inbox-known-labels"
              value={label}
              maxLength={40}
              placeholder="Add a label (L)"
              aria-label="Add a label"
              onChange={(e) => setLabel(e.target.value)}
            />
            <datalist id="inbox-known-labels">
              {props.knownLabels.map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
          </form>
        </div>

        <div className="thread__notes">
          <h3 className="thread__notes-title">Internal notes</h3>
          {thread.notes.length === 0 && <p className="thread__hint">Notes stay in Relink; they are never sent to the network.</p>}
          <ul>
            {thread.notes.map((n) => (
              <li key={n.id}>
                <p>{n.text}</p>
                <p className="thread__note-meta">
                  {n.author} · {formatDateTime(n.createdAt)}
                </p>
              </li>
            ))}
          </ul>
          <form
            className="thread__note-form"
            onSubmit={(e) => {
              e.preventDefault()
              const text = note.trim()
              if (!text) return
              void handlers.addNote(item.id, text).then(() => setNote(''))
            }}
          >
            <textarea value={note} maxLength={2000} rows={2} placeholder="Add a note for the team" aria-label="Add a note for the team" onChange={(e) => setNote(e.target.value)} />
            <Button size="sm" type="submit" disabled={!note.trim()}>
              Add note
            </Button>
          </form>
        </div>
      </div>
    </section>
  )
}
