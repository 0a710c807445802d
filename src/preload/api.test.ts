import { describe, expect, it } from 'vitest'
import { createRelinkApi, type RelinkTransport } from './api'

function transport(reply: (channel: string, input: unknown) => Promise<unknown>) {
  const listeners = new Map<string, (p: unknown) => void>()
  const t: RelinkTransport = {
    invoke: reply,
    on(event, listener) {
      listeners.set(event, listener)
      return () => listeners.delete(event)
    },
  }
  return { t, listeners }
}

describe('createRelinkApi', () => {
  it('forwards known commands and returns the result as is', async () => {
    const seen: unknown[] = []
    const { t } = transport(async (c, i) => (seen.push([c, i]), { ok: true, data: [] }))
    const api = createRelinkApi(t)
    expect(await api.invoke('brands:list')).toEqual({ ok: true, data: [] })
    expect(seen).toEqual([['brands:list', undefined]])
  })

  it('answers unknown commands with a validation error without touching the transport', async () => {
    const { t } = transport(async () => {
      throw new Error('must not be called')
    })
    const api = createRelinkApi(t)
    const reply = await (api.invoke as (n: string, i?: unknown) => Promise<unknown>)('fs:read', { path: '/etc/passwd' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'validation' } })
  })

  it('turns a broken transport or a malformed reply into an error value', async () => {
    const broken = createRelinkApi(transport(async () => Promise.reject(new Error('gone'))).t)
    expect(await broken.invoke('brands:list')).toMatchObject({ ok: false, error: { code: 'internal', retryable: true } })
    const odd = createRelinkApi(transport(async () => 'surprise').t)
    expect(await odd.invoke('brands:list')).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  it('subscribes to known events only and can unsubscribe', () => {
    const { t, listeners } = transport(async () => ({ ok: true, data: null }))
    const api = createRelinkApi(t)
    const got: unknown[] = []
    const off = api.on('brands:did-change', (p) => got.push(p))
    listeners.get('brands:did-change')?.({ brandIds: ['b'] })
    expect(got).toEqual([{ brandIds: ['b'] }])
    off()
    expect(listeners.has('brands:did-change')).toBe(false)
    expect(() => (api.on as (e: string, l: () => void) => void)('x:evil', () => undefined)).toThrow(/Unknown event/)
    expect(Object.isFrozen(api)).toBe(true)
  })
})
