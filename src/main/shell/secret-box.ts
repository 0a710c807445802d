import { AppError } from '../../shared/errors'
import type { SecretBackend, SecretBox } from '../ports'

/** The async half of Electron's `safeStorage` (the sync API is slated for deprecation). */
export interface AsyncSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>
  getSelectedStorageBackend(): string
  encryptStringAsync(plainText: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
}

/**
 * `SecretBox` over `safeStorage`, so the key lives in the OS keychain (DPAPI, Keychain, libsecret
 * or KWallet). Call after `app.whenReady()`: before it, Linux reports no backend at all.
 */
export async function createSafeStorageSecretBox(safeStorage: AsyncSafeStorage, platform: NodeJS.Platform): Promise<SecretBox> {
  const backend = await detectBackend(safeStorage, platform)
  return {
    backend: () => backend,
    async encrypt(plain) {
      if (backend === 'unavailable') {
        throw new AppError(
          'insecure_storage',
          'Relink cannot encrypt secrets because this computer offers no keychain to keep the key in. Unlock or install a keyring, then try again.',
        )
      }
      const sealed = await safeStorage.encryptStringAsync(plain)
      // A plain Uint8Array copy: a Buffer may be a view into Node's shared pool.
      return new Uint8Array(sealed)
    },
    async decrypt(cipher) {
      // `shouldReEncrypt` (key rotation) is not surfaced: the port has no channel for it yet, and
      // the old ciphertext keeps decrypting.
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipher))
      return result
    },
  }
}

async function detectBackend(safeStorage: AsyncSafeStorage, platform: NodeJS.Platform): Promise<SecretBackend> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'unavailable'
  // On Linux without a recognised keyring Chromium "encrypts" with a hard-coded password, which
  // protects nothing; the rest of Relink refuses that backend unless the user opts in.
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return 'basic_text'
  return 'os'
}
