import { useId } from 'react'
import { Button } from './Button'
import { Icon, type IconName } from './Icon'

export interface EmptyStateProps {
  icon: IconName
  title: string
  description: string
  action?: { label: string; onClick: () => void }
}

/** What a page shows before there is anything to show: what will appear, and what to do next. */
export function EmptyState({ icon, title, description, action }: EmptyStateProps) {
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
      {action && (
        <Button variant="primary" onClick={action.onClick}>
          {action.label}
        </Button>
      )}
    </section>
  )
}
