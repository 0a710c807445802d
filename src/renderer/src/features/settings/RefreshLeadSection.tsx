import type { AppSettings } from '../../../../shared/domain/settings'
import { NETWORKS, NETWORK_LABELS, type Network } from '../../../../shared/domain/network'
import { SaveStatus } from '../../components/SaveStatus'
import { DurationSetting } from './DurationSetting'
import type { DurationUnit } from './duration-units'
import { formatMinutes } from './format-minutes'
import { SETTING_LIMITS } from './setting-limits'
import { SettingsSection } from './SettingsSection'
import { useSaveSettings } from './use-save-settings'

// X tokens live two hours, so its lead is at most an hour: minutes are the only sensible unit.
const UNITS: Record<Network, readonly DurationUnit[]> = {
  facebook: ['days', 'hours', 'minutes'],
  instagram: ['days', 'hours', 'minutes'],
  linkedin: ['days', 'hours', 'minutes'],
  x: ['minutes'],
  mastodon: ['days', 'hours', 'minutes'],
}

export function RefreshLeadSection({ leadMinutes }: { leadMinutes: AppSettings['refreshLeadMinutes'] }) {
  const { state, save } = useSaveSettings()
  return (
    <SettingsSection
      title="Token refresh"
      description="How long before a sign-in expires Relink renews it, per network."
      status={<SaveStatus state={state} />}
    >
      {NETWORKS.map((network) => (
        <DurationSetting
          key={network}
          label={NETWORK_LABELS[network]}
          minutes={leadMinutes[network]}
          bounds={SETTING_LIMITS.refreshLeadMinutes[network]}
          units={UNITS[network]}
          hint={(minutes) => (minutes === 0 ? 'Renews only once a sign-in has expired' : `Renews ${formatMinutes(minutes)} before expiry`)}
          onCommit={(minutes) => save({ refreshLeadMinutes: { [network]: minutes } })}
        />
      ))}
    </SettingsSection>
  )
}
