import { useId, useState } from 'react'

/** Pretty-prints JSON answers; anything else is shown as it came. */
function readable(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2)
  } catch {
    return raw
  }
}

/** The network's own answer behind a plain-language message, one click away (STYLE.md rule 11). */
export function RawError({ raw, label = 'Show network error' }: { raw: string; label?: string }) {
  const [open, setOpen] = useState(false)
  const id = useId()
  return (
    <div className="raw-error">
      <button type="button" className="link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((v) => !v)}>
        {open ? label.replace(/^Show/, 'Hide') : label}
      </button>
      {open && (
        <pre id={id} className="raw-error__text" role="note" aria-label="Raw network error" tabIndex={0}>
          {readable(raw)}
        </pre>
      )}
    </div>
  )
}
