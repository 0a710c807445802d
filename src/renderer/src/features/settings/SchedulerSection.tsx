import type { AppSettings } from '../../../../shared/domain/settings'
import { SaveStatus } from '../../components/SaveStatus'
import { DurationSetting } from './DurationSetting'
import { formatMinutes } from './format-minutes'
import { SETTING_LIMITS } from './setting-limits'
import { SettingsSection } from './SettingsSection'
import { useSaveSettings } from './use-save-settings'

export function SchedulerSection({ scheduler }: { scheduler: AppSettings['scheduler'] }) {
  const { state, save } = useSaveSettings()
  return (
    <SettingsSection
      title="Scheduler"
      description="What happens to posts that were due while Relink was closed or the computer was asleep."
      status={<SaveStatus state={state} />}
    >
      <DurationSetting
        label="Publish missed posts within"
        description="A post missed by less than this goes out as soon as Relink is back; a later one waits for you to decide."
        minutes={scheduler.graceWindowMinutes}
        bounds={SETTING_LIMITS.graceWindowMinutes}
        units={['minutes', 'hours']}
        hint={(minutes) => (minutes === 0 ? 'Every missed post waits for you' : `Posts missed by up to ${formatMinutes(minutes)} publish on their own`)}
        onCommit={(graceWindowMinutes) => save({ scheduler: { graceWindowMinutes } })}
      />
    </SettingsSection>
  )
}
