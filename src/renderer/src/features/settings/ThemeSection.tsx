import { useId, useState } from 'react'
import type { ThemeSetting } from '../../lib/theme'
import { SaveStatus } from '../../components/SaveStatus'
import { SettingsSection } from './SettingsSection'
import { useSaveSettings } from './use-save-settings'

const OPTIONS: { value: ThemeSetting; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

export function ThemeSection({ theme }: { theme: ThemeSetting }) {
  const { state, save } = useSaveSettings()
  const name = useId()
  const [pending, setPending] = useState<ThemeSetting>()
  const shown = pending ?? theme

  function choose(next: ThemeSetting): void {
    setPending(next)
    void save({ theme: next }).finally(() => setPending(undefined))
  }
  return (
    <SettingsSection title="Appearance" status={<SaveStatus state={state} />}>
      <div className="setting">
        <div className="setting__text">
          <span id={`${name}-label`} className="setting__label">
            Theme
          </span>
          <p className="setting__description">System follows your computer's light or dark mode.</p>
        </div>
        <div className="segmented" role="radiogroup" aria-labelledby={`${name}-label`}>
          {OPTIONS.map((option) => (
            <label key={option.value} className="segmented__option">
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={shown === option.value}
                onChange={() => choose(option.value)}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
      </div>
    </SettingsSection>
  )
}
