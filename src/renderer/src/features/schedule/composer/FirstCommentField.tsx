import { memo, useId } from 'react'
import { NETWORK_LABELS, type Network } from '../../../../../shared/domain/network'
import { FIRST_COMMENT_MAX, FIRST_COMMENT_NETWORKS } from '../../../../../shared/domain/schedule'

/**
 * The first comment, for the chosen networks that take one (Instagram, LinkedIn): posted by the
 * channel under the post right after it is published, where hashtags and links often go.
 * Drawn again only when its own props change, not for each key typed elsewhere.
 */
export const FirstCommentField = memo(function FirstCommentField({
  value,
  networks,
  readOnly,
  onChange,
}: {
  value: string
  networks: readonly Network[]
  readOnly: boolean
  onChange: (value: string) => void
}) {
  const id = useId()
  const taking = FIRST_COMMENT_NETWORKS.filter((n) => networks.includes(n))
  if (taking.length === 0) return null
  const names = taking.map((n) => NETWORK_LABELS[n]).join(' and ')
  const length = [...value.trim()].length
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-field__label">
        First comment <span className="composer__optional">optional</span>
      </label>
      <textarea
        id={id}
        className="input composer-textarea composer-textarea--short"
        value={value}
        readOnly={readOnly}
        placeholder="Hashtags, a link, a question to start the conversation…"
        aria-describedby={`${id}-hint ${id}-count`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-hint`} className="form-field__hint">
        {names} {taking.length === 1 ? 'gets' : 'get'} it as the channel’s own comment under the post, right after the post is published.
      </p>
      <p id={`${id}-count`} className="form-field__hint composer__count">
        {taking.map((network, index) => {
          const max = FIRST_COMMENT_MAX[network] ?? 0
          return (
            <span key={network} className={length > max ? 'composer__count-over' : undefined}>
              {index > 0 && ' · '}
              {NETWORK_LABELS[network]} {length.toLocaleString()} of {max.toLocaleString()}
              {length > max && ` (${(length - max).toLocaleString()} over)`}
            </span>
          )
        })}
      </p>
    </div>
  )
})
