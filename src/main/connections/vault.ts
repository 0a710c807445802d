import { AppError } from '../../shared/errors'
import type { SecretBox, SettingsStore } from '../ports'

/**
 * Seals token material before it reaches SQLite and opens it only in main-process memory.
 * On Linux without a keyring Electron falls back to `basic_text`, which only obfuscates:
 * Relink refuses it unless the user opted in (STYLE.md rule 6).
 */
export function createVault(deps: { secretBox: SecretBox; settings: SettingsStore }) {
  const { secretBox, settings } = deps

  function assertSafe(): void {
    const backend = secretBox.backend()
    if (backend === 'unavailable') {
      throw new AppError('insecure_storage', 'Relink cannot encrypt sign-ins on this computer, so it will not store them. Check that the system keyring is running.')
    }
    if (backend === 'basic_text' && !settings.read().allowInsecureSecretStorage) {
      throw new AppError(
        'insecure_storage',
        'This Linux desktop has no keyring, so sign-ins could only be stored obfuscated, not encrypted. Install and unlock GNOME Keyring or KWallet, or allow unprotected storage in Settings → Security.',
      )
    }
  }

  return {
    assertSafe,
    async seal(plain: string): Promise<Uint8Array> {
      assertSafe()
      return secretBox.encrypt(plain)
    },
    async sealOptional(plain: string | undefined): Promise<Uint8Array | null> {
      return plain === undefined ? null : this.seal(plain)
    },
    async open(sealed: Uint8Array): Promise<string> {
      try {
        return await secretBox.decrypt(sealed)
      } catch (err) {
        throw new AppError('reauth_required', 'Relink could not unlock a saved sign-in (the keyring may have changed). Refresh the connection.', { cause: err })
      }
    },
  }
}

export type Vault = ReturnType<typeof createVault>
