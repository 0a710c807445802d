import { describe, expect, it, vi } from 'vitest'
import { AppError } from '../../shared/errors'
import { COMMANDS } from '../../shared/ipc/channels'
import type { Logger } from '../ports'
import { createIpcRouter, createSenderCheck, type CommandHandlers } from './router'

const APP = { url: 'file:///opt/relink/out/renderer/index.html', isMainFrame: true }

function setup(overrides: Partial<CommandHandlers> = {}) {
  const calls: { name: string; args: unknown }[] = []
  const handlers = Object.fromEntries(
    COMMANDS.map((name) => [name, vi.fn(async (args: unknown) => (calls.push({ name, args }), { echoed: args }))]),
  ) as unknown as CommandHandlers
  Object.assign(handlers, overrides)
  const lines: unknown[] = []
  const logger: Logger = { log: (...a) => void lines.push(a) }
  const router = createIpcRouter({ handlers, isTrustedSender: createSenderCheck([APP.url]), logger })
  return { router, calls, lines }
}

describe('ipc router', () => {
  it('passes parsed input to the handler and wraps the result', async () => {
    const { router, calls } = setup()
    const reply = await router.dispatch(APP, 'brands:create', { name: '  Acme  ' })
    expect(reply).toEqual({ ok: true, data: { echoed: { name: 'Acme' } } })
    expect(calls).toEqual([{ name: 'brands:create', args: { name: 'Acme' } }])
  })

  it('returns a validation error value for malformed input and never calls the service', async () => {
    const { router, calls } = setup()
    for (const bad of [{ name: 42 }, { name: '' }, { name: 'ok', extra: true }, 'Acme', null, [1, 2]]) {
      const reply = await router.dispatch(APP, 'brands:create', bad)
      expect(reply.ok).toBe(false)
      if (!reply.ok) {
        expect(reply.error.code).toBe('validation')
        expect(reply.error.message).toMatch(/could not accept/)
      }
    }
    expect(calls).toEqual([])
  })

  it('names the failing field in validation issues', async () => {
    const { router } = setup()
    const reply = await router.dispatch(APP, 'settings:update', { scheduler: { graceWindowMinutes: -5 } })
    expect(reply.ok).toBe(false)
    if (!reply.ok) expect(reply.error.issues?.[0]?.path).toBe('scheduler.graceWindowMinutes')
  })

  it('answers a database failure a service did not translate with a typed error, never internal', async () => {
    const sqliteError = (code: string) => Object.assign(new Error('constraint failed'), { code })
    const cases: [string, string][] = [
      ['SQLITE_CONSTRAINT_UNIQUE', 'conflict'],
      ['SQLITE_CONSTRAINT_PRIMARYKEY', 'conflict'],
      ['SQLITE_CONSTRAINT_FOREIGNKEY', 'conflict'],
      ['SQLITE_CONSTRAINT_CHECK', 'conflict'],
      ['SQLITE_BUSY', 'database_locked'],
      ['SQLITE_READONLY', 'database_unreadable'],
      ['SQLITE_FULL', 'database_unreadable'],
    ]
    for (const [code, expected] of cases) {
      const { router } = setup({ 'brands:list': async () => Promise.reject(sqliteError(code)) })
      const reply = await router.dispatch(APP, 'brands:list', undefined)
      expect(reply).toMatchObject({ ok: false, error: { code: expected, message: expect.stringMatching(/\.$/) } })
    }
  })

  it('rejects unknown commands as validation errors', async () => {
    const { router } = setup()
    const reply = await router.dispatch(APP, 'shell:exec', { cmd: 'rm -rf /' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'validation' } })
  })

  it('rejects iframes and foreign origins as forbidden and logs them', async () => {
    const { router, calls, lines } = setup()
    expect(await router.dispatch({ ...APP, isMainFrame: false }, 'brands:list', undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await router.dispatch({ url: 'https://evil.example/', isMainFrame: true }, 'brands:list', undefined)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await router.dispatch({ url: 'not a url', isMainFrame: true }, 'brands:list', undefined)).toMatchObject({ ok: false })
    expect(calls).toEqual([])
    expect(lines).toHaveLength(3)
  })

  it('turns an AppError into its own code and anything else into a generic internal error', async () => {
    const { router } = setup({
      'brands:delete': async () => {
        throw new AppError('not_found', 'That brand no longer exists.')
      },
      'brands:list': async () => {
        throw new TypeError('secret internals at /home/me')
      },
    })
    expect(await router.dispatch(APP, 'brands:delete', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That brand no longer exists.', retryable: false },
    })
    const reply = await router.dispatch(APP, 'brands:list', undefined)
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } })
    if (!reply.ok) expect(reply.error.message).not.toMatch(/home\/me/)
  })
})

describe('sender check', () => {
  it('trusts the dev server origin only when listed', () => {
    const check = createSenderCheck([APP.url, 'http://localhost:5173'])
    expect(check({ url: 'http://localhost:5173/', isMainFrame: true })).toBe(true)
    expect(check({ url: 'http://localhost:5174/', isMainFrame: true })).toBe(false)
    expect(createSenderCheck(['http://localhost:5173'])({ url: 'file:///x/index.html', isMainFrame: true })).toBe(false)
  })

  it("trusts only the app's own file, not any file: page", () => {
    const check = createSenderCheck([APP.url])
    expect(check(APP)).toBe(true)
    expect(check({ url: `${APP.url}#/settings`, isMainFrame: true })).toBe(true)
    expect(check({ url: `${APP.url}?page=channels`, isMainFrame: true })).toBe(true)
    for (const url of [
      'file://attacker.example/opt/relink/out/renderer/index.html',
      'file:///home/me/Downloads/index.html',
      'file:///opt/relink/out/renderer/other.html',
      'file:///opt/relink/out/renderer/index.html/../../../../tmp/x.html',
      'file:///opt/relink/out/renderer/',
      'file:///',
    ]) {
      expect(check({ url, isMainFrame: true }), url).toBe(false)
    }
  })

  it('does not trust file: pages when only the dev server is listed, nor the dev server on another path scheme', () => {
    const check = createSenderCheck(['http://localhost:5173'])
    expect(check({ url: 'http://localhost:5173/index.html', isMainFrame: true })).toBe(true)
    expect(check({ url: 'https://localhost:5173/', isMainFrame: true })).toBe(false)
    expect(check({ url: 'http://localhost.evil.example:5173/', isMainFrame: true })).toBe(false)
  })
})
