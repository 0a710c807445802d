import type { AppSettings } from '../../../../shared/domain/settings'
import { SaveStatus } from '../../components/SaveStatus'
import { NumberSetting } from './NumberSetting'
import { SETTING_LIMITS } from './setting-limits'
import { SettingsSection } from './SettingsSection'
import { useSaveSettings } from './use-save-settings'

export function SchedulerSection({ scheduler }: { scheduler: AppSettings['scheduler'] }) {
  const { state, save } = useSaveSettings()
  return (
    <SettingsSection
      title="Scheduler"
      description="What happens to posts that were due while Relink was closed or asleep."
      status={<SaveStatus state={state} />}
    >
      <NumberSetting
        label="Grace window"
        description="Missed posts younger than this publish on their own; older ones wait for you to decide."
        value={scheduler.graceWindowMinutes}
        bounds={SETTING_LIMITS.graceWindowMinutes}
        unit="minutes"
        onCommit={(graceWindowMinutes) => save({ scheduler: { graceWindowMinutes } })}
      />
    </SettingsSection>
  )
}
