import { useState } from 'react'
import { appLocale } from '../lib/locale'
import { datePattern, formatDateField, formatTimeField, parseDateField, parseTimeField, usesTwelveHours } from '../lib/locale-fields'

/** "dd/mm/yyyy", "h:mm am/pm": how the locale writes a date or a clock time, for the placeholder. */
function localeHint(kind: 'date' | 'time', locale: string | undefined = appLocale()): string {
  if (kind === 'date') return datePattern(locale).hint
  return usesTwelveHours(locale) ? 'h:mm am/pm' : 'hh:mm'
}

export interface LocaleInputProps {
  /** Also names the format note (`${id}-format`). */
  id: string
  kind: 'date' | 'time'
  value: string
  onChange(value: string): void
  /** An accessible name for a field without a visible label of its own. */
  label?: string
  invalid?: boolean
  required?: boolean
  readOnly?: boolean
  /** Further notes about the field (a summary, an error). */
  describedBy?: string
  className?: string
}

/**
 * A date or a clock time typed and shown in the system's regional format: a text field, because
 * Chromium draws `<input type="date">` in the browser's language instead. The value is ISO
 * (`YYYY-MM-DD`, `HH:MM`) and '' while the text is empty or does not read as one; the field then
 * says how to write it. A new value from outside (a slot picked, a filter cleared) replaces the text.
 */
export function LocaleInput({
  id,
  kind,
  value,
  onChange,
  label,
  invalid = false,
  required = false,
  readOnly = false,
  describedBy,
  className = 'input',
}: LocaleInputProps) {
  const locale = appLocale()
  const format = (v: string): string => (kind === 'date' ? formatDateField(v, locale) : formatTimeField(v, locale))
  const parse = (text: string): string | undefined => (kind === 'date' ? parseDateField(text, locale) : parseTimeField(text))
  const [draft, setDraft] = useState<{ text: string; value: string; base: string }>({ text: format(value), value, base: value })
  // The parent may keep its last good value while the text is being rewritten (a range needs both ends).
  const text = value === draft.value || (draft.value === '' && value === draft.base) ? draft.text : format(value)
  const unreadable = text.trim() !== '' && parse(text) === undefined
  const hint = localeHint(kind, locale)
  return (
    <>
      <input
        id={id}
        className={['locale-input', className].filter(Boolean).join(' ')}
        type="text"
        inputMode={kind === 'date' ? 'numeric' : 'text'}
        autoComplete="off"
        spellCheck={false}
        required={required}
        placeholder={hint}
        aria-label={label}
        value={text}
        readOnly={readOnly}
        aria-invalid={invalid || unreadable ? true : undefined}
        aria-describedby={[describedBy, `${id}-format`].filter(Boolean).join(' ')}
        onChange={(e) => {
          const next = e.target.value
          // Unreadable text clears the value, so nothing acts on a date or time nobody can see.
          const parsed = parse(next) ?? ''
          setDraft({ text: next, value: parsed, base: value })
          onChange(parsed)
        }}
        onBlur={() => {
          const parsed = parse(text)
          if (parsed !== undefined) setDraft({ text: format(parsed), value: parsed, base: parsed })
        }}
      />
      <span id={`${id}-format`} className={unreadable ? 'field-error' : 'visually-hidden'}>
        {unreadable ? `Not a ${kind}: write it as ${hint}.` : `Written as ${hint}.`}
      </span>
    </>
  )
}
