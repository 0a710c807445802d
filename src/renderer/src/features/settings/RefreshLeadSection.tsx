import type { AppSettings } from '../../../../shared/domain/settings'
import { NETWORKS, NETWORK_LABELS } from '../../../../shared/domain/network'
import { SaveStatus } from '../../components/SaveStatus'
import { formatMinutes } from './format-minutes'
import { NumberSetting } from './NumberSetting'
import { SETTING_LIMITS } from './setting-limits'
import { SettingsSection } from './SettingsSection'
import { useSaveSettings } from './use-save-settings'

export function RefreshLeadSection({ leadMinutes }: { leadMinutes: AppSettings['refreshLeadMinutes'] }) {
  const { state, save } = useSaveSettings()
  return (
    <SettingsSection
      title="Token refresh"
      description="How long before a token expires Relink renews it, per network."
      status={<SaveStatus state={state} />}
    >
      {NETWORKS.map((network) => (
        <NumberSetting
          key={network}
          label={NETWORK_LABELS[network]}
          value={leadMinutes[network]}
          bounds={SETTING_LIMITS.refreshLeadMinutes[network]}
          unit="minutes"
          hint={(minutes) => (minutes === 0 ? 'Renews only once a token has expired' : `Renews ${formatMinutes(minutes)} before expiry`)}
          onCommit={(minutes) => save({ refreshLeadMinutes: { [network]: minutes } })}
        />
      ))}
    </SettingsSection>
  )
}
