import { useId, useState } from 'react'

export function ToggleSetting({
  label,
  description,
  checked,
  disabled,
  onChange,
}: {
  label: string
  description?: string
  checked: boolean
  disabled?: boolean
  onChange: (checked: boolean) => Promise<unknown>
}) {
  const id = useId()
  // Shown at once so the switch answers the click; the saved value takes over when main replies.
  const [pending, setPending] = useState<boolean>()
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
      </div>
      <div className="setting__control">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch"
          checked={pending ?? checked}
          disabled={disabled}
          aria-describedby={description ? `${id}-description` : undefined}
          onChange={(e) => {
            const next = e.target.checked
            setPending(next)
            void onChange(next).finally(() => setPending(undefined))
          }}
        />
      </div>
    </div>
  )
}
