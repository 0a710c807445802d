import { Button } from './Button'
import { Icon } from './Icon'

/** A failure in one plain sentence, with a way to try again where that makes sense. */
export function ErrorNotice({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="error-notice" role="alert">
      <Icon name="alert" className="error-notice__icon" />
      <p className="error-notice__message">{message}</p>
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  )
}
