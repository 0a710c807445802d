import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SecretBackend, SecretBox } from '../ports'

const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * AES-256-GCM with a key held by the caller. Used by tests and by the headless core; the desktop
 * app uses Electron's `safeStorage` so the key lives in the OS keychain.
 */
export function createAesSecretBox(key: Uint8Array, backend: SecretBackend = 'os'): SecretBox {
  if (key.length !== 32) throw new Error('AES secret box needs a 32-byte key')
  return {
    backend: () => backend,
    async encrypt(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    async decrypt(sealed) {
      const buf = Buffer.from(sealed)
      if (buf.length < IV_BYTES + TAG_BYTES) throw new Error('Sealed secret is truncated')
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES))
      decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    },
  }
}
