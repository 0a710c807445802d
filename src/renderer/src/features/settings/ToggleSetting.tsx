import { useId, useState } from 'react'
import { SettingRow } from './SettingRow'

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
    <SettingRow id={id} label={label} description={description}>
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
    </SettingRow>
  )
}
