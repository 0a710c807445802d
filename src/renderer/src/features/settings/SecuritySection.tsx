import { Icon } from '../../components/Icon'
import { SaveStatus } from '../../components/SaveStatus'
import { useQuery } from '../../lib/use-query'
import { SettingsSection } from './SettingsSection'
import { ToggleSetting } from './ToggleSetting'
import { useSaveSettings } from './use-save-settings'

const BACKEND_TEXT = {
  os: 'Sign-ins are encrypted with your system keychain before they are stored.',
  basic_text:
    'This Linux desktop has no keyring (GNOME Keyring or KWallet), so sign-ins could only be obfuscated, not encrypted. Relink does not store them unless you allow it below.',
  unavailable: 'Relink cannot encrypt on this computer, so it will not store sign-ins. Check that the system keyring is running.',
} as const

/** Where tokens are kept, and the explicit opt-in Linux needs without a keyring. */
export function SecuritySection({ allowInsecure }: { allowInsecure: boolean }) {
  const { state, save } = useSaveSettings()
  const { data } = useQuery('app:get-info', undefined, [])
  const backend = data?.secretStorage
  return (
    <SettingsSection title="Security" description="How Relink protects the sign-ins it keeps." status={<SaveStatus state={state} />}>
      {backend && (
        <p className={backend === 'os' ? 'section-note' : 'inline-warning'} role={backend === 'os' ? undefined : 'alert'}>
          {backend !== 'os' && <Icon name="alert" size={14} />}
          {BACKEND_TEXT[backend]}
        </p>
      )}
      {backend === 'basic_text' && (
        <ToggleSetting
          label="Store sign-ins without a keyring"
          description="Anyone who can read your files could read these sign-ins. Install and unlock a keyring instead if you can."
          checked={allowInsecure}
          onChange={(checked) => save({ allowInsecureSecretStorage: checked })}
        />
      )}
    </SettingsSection>
  )
}
