import type { AppSettings } from '../../../../shared/domain/settings'
import { SaveStatus } from '../../components/SaveStatus'
import { NumberSetting } from './NumberSetting'
import { SETTING_LIMITS } from './setting-limits'
import { SettingsSection } from './SettingsSection'
import { ToggleSetting } from './ToggleSetting'
import { useSaveSettings } from './use-save-settings'

export function NotificationsSection({ notifications }: { notifications: AppSettings['notifications'] }) {
  const { state, save } = useSaveSettings()
  const off = !notifications.enabled
  return (
    <SettingsSection
      title="Notifications"
      description="Desktop notifications about connections that are about to stop working."
      status={<SaveStatus state={state} />}
    >
      <ToggleSetting
        label="Desktop notifications"
        description="Relink tells you once per profile and stage, never repeatedly."
        checked={notifications.enabled}
        onChange={(enabled) => save({ notifications: { enabled } })}
      />
      <NumberSetting
        label="Warn before expiry"
        description="How early to warn that a connection will expire."
        value={notifications.warnDaysBeforeExpiry}
        bounds={SETTING_LIMITS.warnDaysBeforeExpiry}
        unit="days"
        onCommit={(warnDaysBeforeExpiry) => save({ notifications: { warnDaysBeforeExpiry } })}
      />
      <ToggleSetting
        label="When a connection has expired"
        checked={notifications.onExpired}
        disabled={off}
        onChange={(onExpired) => save({ notifications: { onExpired } })}
      />
      <ToggleSetting
        label="When a scheduled post fails to publish"
        checked={notifications.onPublishFailed}
        disabled={off}
        onChange={(onPublishFailed) => save({ notifications: { onPublishFailed } })}
      />
    </SettingsSection>
  )
}
