import { afterEach, expect, it } from 'vitest'
import { createApp, type RelinkCore } from '../../../src/main/app'
import { startSandboxNetwork, type SandboxNetwork } from '../../../src/main/sandbox/server'
import { createTestPorts, tempDir } from '../../fakes/ports'

const open: { core?: RelinkCore; sandbox?: SandboxNetwork }[] = []
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.core?.dispose()
    await o.sandbox?.close()
  }
})

it('demo mode connects every seeded sandbox user and shows their channels in two brands', async () => {
  const dir = tempDir()
  const ports = createTestPorts(dir)
  const sandbox = await startSandboxNetwork({ clock: ports.clock, seed: 1 })
  const core = await createApp(ports, { dataDir: dir, version: 'demo', demoMode: true, sandbox, watch: false })
  open.push({ core, sandbox })
  const profiles = await core.handlers['connections:list-profiles'](undefined)
  const channels = await core.handlers['channels:list'](undefined)
  const brands = await core.handlers['brands:list'](undefined)
  expect(brands.map((b) => b.name)).toEqual(['Lumen Studio', 'Northwind Coffee'])
  expect(new Set(profiles.map((p) => p.network))).toEqual(new Set(['facebook', 'instagram', 'linkedin', 'x', 'mastodon']))
  expect(profiles.every((p) => p.setupState === 'ready' && p.health === 'active')).toBe(true)
  expect(new Set(channels.map((c) => c.network))).toEqual(new Set(['facebook', 'instagram', 'linkedin', 'x', 'mastodon']))
  expect(channels.every((c) => c.health === 'healthy' && c.brandIds.length > 0)).toBe(true)
  // A channel reached through two people is one channel with two links (a backup link).
  expect(channels.some((c) => c.linkCount >= 2)).toBe(true)
  // Seeding happens once: a restart on the same folder adds nothing.
  await core.dispose()
  open[0] = { sandbox }
  const again = await createApp(createTestPorts(dir), { dataDir: dir, version: 'demo', demoMode: true, sandbox, watch: false })
  open[0].core = again
  expect((await again.handlers['channels:list'](undefined)).length).toBe(channels.length)
})
