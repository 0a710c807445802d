import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp, DATABASE_FILE, type RelinkCore } from '../../src/main/app'
import { createIpcRouter, createSenderCheck } from '../../src/main/ipc/router'
import { createTestPorts, tempDir } from '../fakes/ports'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { startSandboxNetwork } from '../../src/main/sandbox/server'
import { HANDED_OVER_AUTOCHECKPOINT } from '../../src/main/db/checkpoint-handover'
import { createThreadCheckpoints } from '../../src/main/platform/wal-checkpoints'

const cores: RelinkCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose()
})

async function boot(dir = tempDir()) {
  const ports = createTestPorts(dir)
  const core = await createApp(ports, { dataDir: dir, version: '1.2.3', demoMode: false })
  cores.push(core)
  const router = createIpcRouter({ handlers: core.handlers, isTrustedSender: createSenderCheck(['file:///app/index.html']), logger: ports.logger })
  const call = (channel: string, input?: unknown) => router.dispatch({ url: 'file:///app/index.html', isMainFrame: true }, channel, input)
  return { core, ports, call, dir }
}

describe('createApp in plain Node', () => {
  it('boots on a fresh folder, reports itself and draws a healthy tray', async () => {
    const { call, ports, dir } = await boot()
    expect(await call('app:get-info')).toEqual({
      ok: true,
      data: { version: '1.2.3', dataDir: dir, schemaVersion: MIGRATIONS.at(-1)?.version, demoMode: false, secretStorage: 'os', now: ports.clock.now(), locale: expect.any(String) },
    })
    expect(ports.trayStates.at(-1)).toMatchObject({ level: 'healthy', brokenProfiles: [] })
  })

  it('keeps brands across a restart on the same folder', async () => {
    const first = await boot()
    expect(await first.call('brands:create', { name: 'Acme' })).toMatchObject({ ok: true, data: { name: 'Acme', channelCount: 0 } })
    await first.core.dispose()
    cores.splice(cores.indexOf(first.core), 1)
    const second = await boot(first.dir)
    expect(await second.call('brands:list')).toMatchObject({ ok: true, data: [{ name: 'Acme' }] })
  })

  it('emits events for changes the window should reflect', async () => {
    const { core, call } = await boot()
    const seen: string[] = []
    core.events.subscribe((event) => seen.push(event))
    await call('brands:create', { name: 'Acme' })
    await call('settings:update', { theme: 'dark' })
    expect(seen).toEqual(['brands:did-change', 'settings:did-change'])
  })

  it('checkpoints on its own thread while running, and nothing touches the database once it is closed', async () => {
    const dir = tempDir()
    const checkpoints = createThreadCheckpoints({ entry: new URL('../../src/main/platform/checkpoint-thread.ts', import.meta.url), execArgv: ['--import', 'tsx'], busyMs: 5, idleMs: 10 })
    const core = await createApp({ ...createTestPorts(dir), checkpoints }, { dataDir: dir, version: 'x', demoMode: false })
    const file = core.database.file
    expect(core.database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(HANDED_OVER_AUTOCHECKPOINT)
    // Two megabytes written: main leaves them in the log (its threshold is 16 MB); the thread copies them.
    const before = statSync(file).size
    core.database.sqlite.exec('CREATE TABLE scratch (body TEXT)')
    const insert = core.database.sqlite.prepare('INSERT INTO scratch (body) VALUES (?)')
    for (let i = 0; i < 2048; i++) insert.run('x'.repeat(1000))
    for (let waited = 0; statSync(file).size < before + 2_000_000; waited += 20) {
      if (waited > 15_000) throw new Error('the thread did not copy the log')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(existsSync(`${file}-wal`)).toBe(true)
    await core.dispose()
    // The thread has ended with the app: no checkpoint opens the log again.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(existsSync(`${file}-wal`)).toBe(false)
    expect(existsSync(`${file}-shm`)).toBe(false)
  })

  it('refuses to start on a damaged database and keeps the file', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, DATABASE_FILE), 'garbage'.repeat(1000))
    await expect(createApp(createTestPorts(dir), { dataDir: dir, version: 'x', demoMode: false })).rejects.toMatchObject({ code: 'database_corrupt' })
  })

  it('shows a broken profile in the tray at start', async () => {
    const first = await boot()
    first.core.database.sqlite.exec(
      "INSERT INTO profiles (id, network, network_user_id, display_name, health, created_at, updated_at) VALUES ('p', 'linkedin', 'u', 'Dana', 'revoked_by_user', 0, 0)",
    )
    await first.core.dispose()
    cores.splice(cores.indexOf(first.core), 1)
    const second = await boot(first.dir)
    expect(second.ports.trayStates.at(-1)).toEqual({
      level: 'broken',
      tooltip: 'Relink: 1 needs attention',
      brokenProfiles: [{ id: 'p', label: 'Dana (LinkedIn)' }],
      waitingPosts: 0,
    })
  })
})

describe('createApp in demo mode', () => {
  it('says when its background work has started, so waiting for sync to go idle then means every channel has been read', async () => {
    const dir = tempDir()
    const ports = createTestPorts(dir)
    const sandbox = await startSandboxNetwork({ clock: ports.clock, seed: 1 })
    const core = await createApp(ports, { dataDir: dir, version: '1', locale: 'en-GB', demoMode: true, sandbox, seedDemo: true, advanceSandboxClock: (ms) => ports.clock.advance(ms) })
    try {
      await core.started
      await core.sync.whenIdle()
      const metrics = await core.sync.health({ streams: ['channel_metrics'] })
      expect(metrics.length).toBeGreaterThan(0)
      expect(metrics.filter((s) => s.lastOkAt === null)).toEqual([])
    } finally {
      await core.dispose()
      await sandbox.close()
    }
  })
})
