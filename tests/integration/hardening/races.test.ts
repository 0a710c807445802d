/**
 * Races and limits at the IPC boundary: double clicks, a Refresh connection racing a Remove, and
 * id lists larger than SQLite takes in one statement. Each answer is a typed error with a plain
 * sentence, never `internal`.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createApp, type RelinkCore } from '../../../src/main/app'
import { createIpcRouter, createSenderCheck } from '../../../src/main/ipc/router'
import type { Http } from '../../../src/main/ports'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import type { Result } from '../../../src/shared/errors'
import { createTestPorts, tempDir, type TestPorts } from '../../fakes/ports'
import { profileIdOf, startDemo, type DemoHarness } from '../connections/harness'

const APP = 'file:///app/index.html'
const cores: RelinkCore[] = []
let demo: DemoHarness | undefined
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose()
  await demo?.close()
  demo = undefined
})

function routerOf(core: RelinkCore, ports: TestPorts) {
  const router = createIpcRouter({ handlers: core.handlers, isTrustedSender: createSenderCheck([APP]), logger: ports.logger })
  return (channel: string, input?: unknown) => router.dispatch({ url: APP, isMainFrame: true }, channel, input)
}

async function boot() {
  const dir = tempDir()
  const ports = createTestPorts(dir)
  const core = await createApp(ports, { dataDir: dir, version: 'test', demoMode: false, watch: false })
  cores.push(core)
  return { core, ports, call: routerOf(core, ports) }
}

function codes(results: Result<unknown>[]): string[] {
  return results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()
}

function insertChannels(core: RelinkCore, count: number, prefix = 'c'): string[] {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${i}`)
  const insert = core.database.sqlite.prepare("INSERT INTO channels (id, network, instance, network_channel_id, kind, name, handle, created_at) VALUES (?, 'x', '', ?, 'account', ?, '', 0)")
  core.database.sqlite.transaction(() => {
    for (const id of ids) insert.run(id, id, id)
  })()
  return ids
}

describe('double clicks', () => {
  it('two simultaneous brands:create with one name: one brand, the other a conflict', async () => {
    const { call } = await boot()
    const results = await Promise.all([call('brands:create', { name: 'Acme' }), call('brands:create', { name: 'acme' })])
    expect(codes(results)).toEqual(['conflict', 'ok'])
    const refused = results.find((r) => !r.ok)
    expect(refused?.ok === false && refused.error.message).toMatch(/already exists/)
    expect(await call('brands:list')).toMatchObject({ ok: true, data: [{ name: expect.stringMatching(/^acme$/i) }] })
  })

  it('two brands:restore of one snapshot: the brand is back once, the other a conflict', async () => {
    const { core, call } = await boot()
    insertChannels(core, 3)
    const created = await call('brands:create', { name: 'Acme' })
    if (!created.ok) throw new Error('create failed')
    const brand = created.data as { id: string }
    await call('channels:set-brands', { channelId: 'c1', brandIds: [brand.id] })
    const deleted = await call('brands:delete', { id: brand.id })
    if (!deleted.ok) throw new Error('delete failed')
    const results = await Promise.all([call('brands:restore', { snapshot: deleted.data }), call('brands:restore', { snapshot: deleted.data })])
    expect(codes(results)).toEqual(['conflict', 'ok'])
    expect(await call('brands:list')).toMatchObject({ ok: true, data: [{ name: 'Acme', channelCount: 1 }] })
  })
})

describe('limits', () => {
  it('restores a brand of 33,000 channels (more ids than SQLite takes in one statement)', async () => {
    const { core, call } = await boot()
    const ids = insertChannels(core, 33_000)
    const created = await call('brands:create', { name: 'Big' })
    if (!created.ok) throw new Error('create failed')
    const brandId = (created.data as { id: string }).id
    const link = core.database.sqlite.prepare('INSERT INTO brand_channels (brand_id, channel_id) VALUES (?, ?)')
    core.database.sqlite.transaction(() => {
      for (const id of ids) link.run(brandId, id)
    })()
    const deleted = await call('brands:delete', { id: brandId })
    if (!deleted.ok) throw new Error('delete failed')
    expect((deleted.data as { channelIds: string[] }).channelIds).toHaveLength(33_000)
    // One of them removed meanwhile, and a few ids that never existed.
    core.database.sqlite.prepare("DELETE FROM channels WHERE id = 'c5'").run()
    const snapshot = { ...(deleted.data as { channelIds: string[] }), channelIds: [...(deleted.data as { channelIds: string[] }).channelIds, 'gone-1', 'gone-2'] }
    expect(await call('brands:restore', { snapshot })).toMatchObject({ ok: true, data: { name: 'Big', channelCount: 32_999 } })
  })

  it('finish-connect with 1,000 picks into 100 brands each takes a bounded number of statements', async () => {
    const { core, call } = await boot()
    const sqlite = core.database.sqlite
    sqlite.prepare("INSERT INTO profiles (id, network, network_user_id, display_name, setup_state, created_at, updated_at) VALUES ('p', 'x', 'u', 'Dana', 'picking', 0, 0)").run()
    const pending = sqlite.prepare("INSERT INTO pending_channels (profile_id, network_channel_id, network, kind, name, discovered_at) VALUES ('p', ?, 'x', 'account', ?, 0)")
    const brand = sqlite.prepare('INSERT INTO brands (id, name, color, created_at, updated_at) VALUES (?, ?, ?, 0, 0)')
    sqlite.transaction(() => {
      for (let i = 0; i < 1_000; i++) pending.run(`n${i}`, `Channel ${i}`)
      for (let b = 0; b < 100; b++) brand.run(`b${b}`, `Brand ${b}`, '#112233')
    })()
    const brandIds = Array.from({ length: 100 }, (_, b) => `b${b}`)
    const picks = Array.from({ length: 1_000 }, (_, i) => ({ networkChannelId: `n${i}`, brandIds }))

    let statements = 0
    const prepare = sqlite.prepare.bind(sqlite)
    sqlite.prepare = ((source: string) => {
      statements++
      return prepare(source)
    }) as typeof sqlite.prepare
    const result = await call('connections:finish-connect', { profileId: 'p', picks })
    sqlite.prepare = prepare
    expect(result).toMatchObject({ ok: true, data: { channelCount: 1_000 } })
    expect((sqlite.prepare('SELECT count(*) AS n FROM brand_channels').get() as { n: number }).n).toBe(100_000)
    // Per channel a few statements; never one per (channel, brand) pair.
    expect(statements).toBeLessThan(6_000)
  })

  it('finish-connect into a brand deleted meanwhile is refused and changes nothing', async () => {
    const { core, call } = await boot()
    const sqlite = core.database.sqlite
    sqlite.prepare("INSERT INTO profiles (id, network, network_user_id, display_name, setup_state, created_at, updated_at) VALUES ('p', 'x', 'u', 'Dana', 'picking', 0, 0)").run()
    sqlite.prepare("INSERT INTO pending_channels (profile_id, network_channel_id, network, kind, name, discovered_at) VALUES ('p', 'n1', 'x', 'account', 'One', 0)").run()
    const result = await call('connections:finish-connect', { profileId: 'p', picks: [{ networkChannelId: 'n1', brandIds: ['no-such-brand'] }] })
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect((sqlite.prepare('SELECT count(*) AS n FROM channels').get() as { n: number }).n).toBe(0)
  })
})

describe('Refresh connection racing Remove', () => {
  it('a profile removed while its refresh signs in is a conflict, and stays removed', async () => {
    let hold: Promise<void> | undefined
    let reachedExchange: () => void = () => undefined
    const atExchange = new Promise<void>((resolve) => (reachedExchange = resolve))
    const wrapHttp = (http: Http): Http => ({
      async request(req) {
        const response = await http.request(req)
        // Discovery has answered: the sign-in is done, only Relink's own writes remain.
        if (hold && req.url.includes('/me/accounts')) {
          reachedExchange()
          await hold
        }
        return response
      },
    })
    demo = await startDemo({ wrapHttp })
    const ports = demo.ports
    const call = routerOf(demo.core, ports)
    const maria = await profileIdOf(demo, 'facebook', FACEBOOK_SEED.users.maria.id)
    demo.signInAs(FACEBOOK_SEED.users.maria.handle)
    let release: () => void = () => undefined
    hold = new Promise<void>((resolve) => (release = resolve))
    const refreshing = call('connections:refresh-profile', { profileId: maria })
    await atExchange
    hold = undefined
    expect(await call('connections:remove-profile', { profileId: maria })).toMatchObject({ ok: true, data: { removed: true } })
    release()
    const refreshed = await refreshing
    expect(refreshed).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/removed/) } })
    expect(await call('connections:get-profile', { profileId: maria })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})
