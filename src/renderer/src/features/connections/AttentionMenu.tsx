import { useEffect, useId, useRef } from 'react'
import type { Navigate } from '../../app/pages'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { ATTENTION_WORDS } from '../../../../shared/domain/health-voice'
import { PostAttentionItem } from '../attention/PostAttentionItem'
import { useAttention } from '../attention/use-attention'
import { AttentionItem } from './AttentionItem'
import { useConnections } from './connections-context'

type Tone = 'neutral' | 'ok' | 'attention' | 'danger'

/** The badge's words: how many connections and posts need a person, or that none do. */
export function attentionSummary(profileCount: number | undefined, attentionCount: number, anyBroken: boolean, error?: string): { tone: Tone; text: string } {
  if (profileCount === undefined) return { tone: 'neutral', text: error ? ATTENTION_WORDS.unknown : ATTENTION_WORDS.checking }
  if (profileCount === 0) return { tone: 'neutral', text: ATTENTION_WORDS.noChannels }
  if (attentionCount === 0) return { tone: 'ok', text: ATTENTION_WORDS.allClear }
  return { tone: anyBroken ? 'danger' : 'attention', text: ATTENTION_WORDS.count(attentionCount) }
}

/**
 * The header's badge and its Needs attention dropdown: in one list, most urgent first, every
 * connection that is broken, expiring or unfinished (with its Refresh connection or Pick channels)
 * and every post waiting for a decision (failed, needs review, missed, held; with Open post).
 * Enter or a click opens it, Escape closes it and returns focus to the badge.
 */
export function AttentionMenu({ onNavigate }: { onNavigate: Navigate }) {
  const { menuOpen, setMenuOpen } = useConnections()
  const { entries, urgent, profileCount, error: profilesError } = useAttention()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const popoverRef = useRef<HTMLDivElement>(null)
  const wrapperRef = useRef<HTMLDivElement>(null)
  const popoverId = useId()
  const titleId = useId()
  const summary = attentionSummary(profileCount, entries.length, urgent, profilesError)

  useEffect(() => {
    if (!menuOpen) return
    popoverRef.current?.focus()
    const onPointerDown = (event: MouseEvent): void => {
      if (event.target instanceof Node && wrapperRef.current?.contains(event.target)) return
      // A press inside a dialog the dropdown opened (details, picker) must not close it from under.
      if (event.target instanceof Element && event.target.closest('dialog')) return
      setMenuOpen(false)
    }
    // Escape closes the dropdown even after the focused control went away (a Refresh button turns
    // into its progress line); a dialog opened on top handles its own Escape first.
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return
      setMenuOpen(false)
      buttonRef.current?.focus()
    }
    document.addEventListener('mousedown', onPointerDown)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('mousedown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [menuOpen, setMenuOpen])

  // When the list changes under the focus (a repaired profile leaves it), keep focus in the dropdown.
  useEffect(() => {
    if (menuOpen && (document.activeElement === document.body || document.activeElement === null)) popoverRef.current?.focus()
  }, [menuOpen, entries])

  function close(): void {
    setMenuOpen(false)
    buttonRef.current?.focus()
  }

  return (
    <div className="attention-menu" ref={wrapperRef}>
      <button
        ref={buttonRef}
        type="button"
        className={`health-badge health-badge--${summary.tone}`}
        aria-haspopup="dialog"
        aria-expanded={menuOpen}
        aria-controls={menuOpen ? popoverId : undefined}
        aria-label={`${ATTENTION_WORDS.title}: ${summary.text}`}
        title={profilesError}
        onClick={() => setMenuOpen(!menuOpen)}
      >
        <span className="health-badge__dot" aria-hidden="true" />
        <span role="status">{summary.text}</span>
        <Icon name="chevronDown" size={14} className="health-badge__chevron" />
      </button>
      {menuOpen && (
        <div
          ref={popoverRef}
          id={popoverId}
          role="dialog"
          aria-labelledby={titleId}
          className="popover attention-popover"
          tabIndex={-1}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault()
              close()
            }
          }}
        >
          <div className="popover__header">
            <h2 id={titleId} className="popover__title">
              {ATTENTION_WORDS.title}
            </h2>
            {entries.length > 0 && <span className="popover__count">{summary.text}</span>}
          </div>
          {entries.length > 0 ? (
            <ul className="attention-list" aria-label={ATTENTION_WORDS.title}>
              {entries.map((entry) =>
                entry.kind === 'profile' ? (
                  <AttentionItem key={entry.id} profile={entry.profile} />
                ) : (
                  <PostAttentionItem key={entry.id} delivery={entry.delivery} onOpened={() => setMenuOpen(false)} />
                ),
              )}
            </ul>
          ) : (
            <div className="popover__empty">
              <span className="popover__empty-icon" aria-hidden="true">
                <Icon name="check" size={18} />
              </span>
              <p className="popover__empty-title">{ATTENTION_WORDS.emptyTitle}</p>
              <p className="popover__empty-text">{ATTENTION_WORDS.emptyText}</p>
            </div>
          )}
          <div className="popover__footer">
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setMenuOpen(false)
                onNavigate('health')
              }}
            >
              Open Connection health
              <Icon name="chevronRight" size={14} />
            </Button>
          </div>
        </div>
      )}
    </div>
  )
}
