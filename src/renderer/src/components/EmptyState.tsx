import { useId } from 'react'
import { Button } from './Button'
import { Icon, type IconName } from './Icon'

interface EmptyStateAction {
  label: string
  onClick: () => void
}

export interface EmptyStateProps {
  icon: IconName
  title: string
  description: string
  action?: EmptyStateAction
  /** A quieter second way forward, e.g. where the first action's prerequisites live. */
  secondary?: EmptyStateAction
}

/** What a page shows before there is anything to show: what will appear, and what to do next. */
export function EmptyState({ icon, title, description, action, secondary }: EmptyStateProps) {
  const titleId = useId()
  return (
    <section className="empty-state" aria-labelledby={titleId}>
      <div className="empty-state__glyph">
        <Icon name={icon} size={24} />
      </div>
      <h2 id={titleId} className="empty-state__title">
        {title}
      </h2>
      <p className="empty-state__description">{description}</p>
      {(action || secondary) && (
        <div className="empty-state__actions">
          {action && (
            <Button variant="primary" onClick={action.onClick}>
              {action.label}
            </Button>
          )}
          {secondary && (
            <Button variant="ghost" onClick={secondary.onClick}>
              {secondary.label}
            </Button>
          )}
        </div>
      )}
    </section>
  )
}
