import { Icon } from './Icon'

/**
 * A search box: a magnifier, the field, and Escape to clear it (a second Escape leaves the field).
 * Escape stops here, so it never also closes the dialog the field is in.
 */
export function SearchField({
  label,
  placeholder,
  value,
  onChange,
  className,
}: {
  /** What is searched, for assistive technology. */
  label: string
  placeholder: string
  value: string
  onChange(value: string): void
  className?: string
}) {
  return (
    <label className={['search-field', className].filter(Boolean).join(' ')}>
      <Icon name="search" size={14} />
      <span className="visually-hidden">{label}</span>
      <input
        type="search"
        value={value}
        placeholder={placeholder}
        maxLength={200}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return
          if (value) {
            e.preventDefault()
            e.stopPropagation()
            onChange('')
          }
        }}
      />
    </label>
  )
}
