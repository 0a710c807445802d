import { Button } from '../../components/Button'
import type { ThreadHandlers } from './ThreadView'

/** What can be done to every selected comment at once: mark done, assign, label. */
export function InboxBulkBar(props: {
  selected: ReadonlySet<number>
  team: string[]
  handlers: Pick<ThreadHandlers, 'assign' | 'label'>
  onDone(): void
  onClear(): void
}) {
  return (
    <div className="compact-fields inbox-bulk" role="region" aria-label="Selected comments">
      <span>{props.selected.size} selected</span>
      <Button size="sm" variant="primary" onClick={props.onDone}>
        Mark done
      </Button>
      <select
        aria-label="Assign the selected comments"
        value=""
        onChange={(e) => {
          const who = e.target.value
          if (!who) return
          void props.handlers.assign([...props.selected], who === '-' ? null : who).then(props.onClear)
        }}
      >
        <option value="">Assign to…</option>
        <option value="-">Nobody</option>
        {props.team.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          const input = e.currentTarget.elements.namedItem('bulk-label') as HTMLInputElement
          const name = input.value.trim()
          if (name) void props.handlers.label([...props.selected], name, true).then(() => (input.value = ''))
        }}
      >
        <input name="bulk-label" aria-label="Label the selected comments" placeholder="Label…" maxLength={40} list="inbox-known-labels" />
      </form>
      <Button size="sm" variant="ghost" onClick={props.onClear}>
        Clear (Esc)
      </Button>
    </div>
  )
}
