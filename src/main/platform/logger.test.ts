import { expect, it } from 'vitest'
import { createFakeClock } from '../../../tests/fakes/clock'
import { createLogger, redact } from './logger'

it('redacts token-bearing fields, bearer headers and token query parameters', () => {
  const out = JSON.stringify(
    redact({
      accessToken: 'EAAB-secret',
      nested: { refresh_token: 'r1', headers: { Authorization: 'Bearer abc.def' } },
      url: 'https://graph.example/oauth/access_token?client_id=1&client_secret=s3&fb_exchange_token=EAAC-secret&code=xyz',
      message: 'sent Bearer eyJhbGciOi.payload.sig to the API',
      bytes: new Uint8Array(12),
      error: new Error('token refresh failed: access_token=leak'),
    }),
  )
  for (const secret of ['EAAB-secret', 'r1', 'abc.def', 's3', 'EAAC-secret', 'xyz', 'eyJhbGciOi', 'leak']) expect(out).not.toContain(secret)
  expect(out).toContain('client_id=1')
  expect(out).toContain('[12 bytes]')
})

it('writes JSON lines above the minimum level', () => {
  const lines: string[] = []
  const logger = createLogger({ clock: createFakeClock(Date.UTC(2026, 0, 1)), sink: (l) => void lines.push(l), minLevel: 'info' })
  logger.log('debug', 'hidden')
  logger.log('warn', 'shown', { token: 'x' })
  expect(lines).toHaveLength(1)
  expect(JSON.parse(lines[0] ?? '')).toEqual({ t: '2026-01-01T00:00:00.000Z', level: 'warn', msg: 'shown', token: '[redacted]' })
})
