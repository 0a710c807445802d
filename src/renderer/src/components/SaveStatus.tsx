import { Icon } from './Icon'

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string }

/** The quiet "Saved" next to a preference, or the reason it was not saved. */
export function SaveStatus({ state }: { state: SaveState }) {
  return (
    <span className={`save-status save-status--${state.kind}`} role="status" aria-live="polite">
      {state.kind === 'saving' && 'Saving…'}
      {state.kind === 'saved' && (
        <>
          <Icon name="check" size={14} /> Saved
        </>
      )}
      {state.kind === 'error' && state.message}
    </span>
  )
}
