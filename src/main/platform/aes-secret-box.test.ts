import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { createAesSecretBox } from './aes-secret-box'

it('round-trips, never stores plaintext and detects tampering', async () => {
  const box = createAesSecretBox(randomBytes(32))
  const sealed = await box.encrypt('EAAB-page-token')
  expect(Buffer.from(sealed).toString('utf8')).not.toContain('EAAB')
  expect(await box.decrypt(sealed)).toBe('EAAB-page-token')
  const tampered = Buffer.from(sealed)
  tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1
  await expect(box.decrypt(tampered)).rejects.toThrow()
  await expect(createAesSecretBox(randomBytes(32)).decrypt(sealed)).rejects.toThrow()
  await expect(box.decrypt(new Uint8Array(3))).rejects.toThrow(/truncated/)
})
