import { useId, type ReactNode } from 'react'

/** A titled card on the Settings page with room for its save status. */
export function SettingsSection({
  title,
  description,
  status,
  children,
}: {
  title: string
  description?: string
  status?: ReactNode
  children: ReactNode
}) {
  const headingId = useId()
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <div className="settings-section__header">
        <div>
          <h2 id={headingId} className="settings-section__title">
            {title}
          </h2>
          {description && <p className="settings-section__description">{description}</p>}
        </div>
        {status}
      </div>
      <div className="settings-section__body">{children}</div>
    </section>
  )
}
