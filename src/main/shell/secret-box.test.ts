import { beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { fakeElectron, safeStorage } from '../../../tests/fakes/electron'
import { createSafeStorageSecretBox } from './secret-box'

beforeEach(() => fakeElectron.reset())

describe('createSafeStorageSecretBox', () => {
  it('reports the OS keychain when async encryption is available', async () => {
    safeStorage.backend = 'gnome_libsecret'
    expect((await createSafeStorageSecretBox(safeStorage, 'linux')).backend()).toBe('os')
    expect((await createSafeStorageSecretBox(safeStorage, 'win32')).backend()).toBe('os')
  })

  it('reports basic_text on Linux without a keyring', async () => {
    safeStorage.backend = 'basic_text'
    expect((await createSafeStorageSecretBox(safeStorage, 'linux')).backend()).toBe('basic_text')
  })

  it('only trusts the Linux backend answer on Linux', async () => {
    safeStorage.backend = 'basic_text'
    expect((await createSafeStorageSecretBox(safeStorage, 'darwin')).backend()).toBe('os')
  })

  it('reports unavailable and refuses to encrypt when async encryption is not available', async () => {
    safeStorage.asyncAvailable = false
    const box = await createSafeStorageSecretBox(safeStorage, 'linux')
    expect(box.backend()).toBe('unavailable')
    const attempt = box.encrypt('secret')
    await expect(attempt).rejects.toBeInstanceOf(AppError)
    await expect(attempt).rejects.toMatchObject({ code: 'insecure_storage' })
    expect(fakeElectron.callsTo('safeStorage.encryptStringAsync')).toEqual([])
  })

  it('round-trips a secret through encryptStringAsync and decryptStringAsync', async () => {
    const box = await createSafeStorageSecretBox(safeStorage, 'linux')
    const sealed = await box.encrypt('refresh-token-ABC123')
    expect(Object.getPrototypeOf(sealed)).toBe(Uint8Array.prototype)
    expect(Buffer.from(sealed).toString('utf8')).not.toContain('refresh-token-ABC123')
    expect(await box.decrypt(sealed)).toBe('refresh-token-ABC123')
    expect(fakeElectron.callsTo('safeStorage.encryptStringAsync')).toEqual([['refresh-token-ABC123']])
    // Electron's decrypt accepts only a Buffer.
    const [decryptArgs] = fakeElectron.callsTo('safeStorage.decryptStringAsync')
    expect(Buffer.isBuffer(decryptArgs?.[0])).toBe(true)
  })

  it('decrypts ciphertext that was copied (as it is when read back from SQLite)', async () => {
    const box = await createSafeStorageSecretBox(safeStorage, 'linux')
    const sealed = await box.encrypt('ünïcödé ✓')
    expect(await box.decrypt(Uint8Array.from(sealed))).toBe('ünïcödé ✓')
  })
})
