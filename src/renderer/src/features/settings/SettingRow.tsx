import type { ReactNode } from 'react'

/** Ids a row's input points at with aria-describedby. */
export const describedBy = (id: string, description: string | undefined, error: string | undefined): string | undefined =>
  [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined

/** One preference: its label, description and reading aid on the left, the control and its error on the right. */
export function SettingRow({
  id,
  label,
  description,
  hint,
  error,
  children,
}: {
  id: string
  label: string
  description?: string | undefined
  hint?: string | undefined
  error?: string | undefined
  children: ReactNode
}) {
  return (
    <div className="setting">
      <div className="setting__text">
        <label htmlFor={id} className="setting__label">
          {label}
        </label>
        {description && (
          <p id={`${id}-description`} className="setting__description">
            {description}
          </p>
        )}
        {hint !== undefined && (
          <p className="setting__description" aria-live="polite">
            {hint}
          </p>
        )}
      </div>
      <div className="setting__control">
        {children}
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  )
}
