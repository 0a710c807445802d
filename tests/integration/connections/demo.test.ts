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
  // A Meta person is one profile: Facebook sign-ins bring the Instagram accounts of their pages.
  expect(new Set(profiles.map((p) => p.network))).toEqual(new Set(['facebook', 'linkedin', 'x', 'mastodon']))
  const sam = profiles.find((p) => p.network === 'facebook' && p.displayName === 'Sam Lee')
  if (!sam) throw new Error('Sam Lee missing')
  const samChannels = (await core.handlers['connections:get-profile']({ profileId: sam.id })).channels
  expect(new Set(samChannels.map((c) => c.network))).toEqual(new Set(['facebook', 'instagram']))
  expect(profiles.every((p) => p.setupState === 'ready' && p.health === 'active')).toBe(true)
  expect(new Set(channels.map((c) => c.network))).toEqual(new Set(['facebook', 'instagram', 'linkedin', 'x', 'mastodon']))
  expect(channels.every((c) => c.health === 'healthy' && c.brandIds.length > 0)).toBe(true)
  // A channel reached through two people is one channel with two links (a backup link).
  expect(channels.some((c) => c.linkCount >= 2)).toBe(true)
  // Every channel shows its picture, but Chloe's LinkedIn profile, which has none: the initials stay.
  await core.pictures.settle()
  const pictures = await core.handlers['channels:list-pictures'](undefined)
  const withPicture = new Set(pictures.map((p) => p.channelId))
  const without = channels.filter((c) => !withPicture.has(c.id))
  expect(without.map((c) => [c.network, c.kind, c.name])).toEqual([['linkedin', 'member', 'Chloé Martin']])
  expect(pictures.every((p) => p.dataUrl.startsWith('data:image/png;base64,iVBORw0KGgo'))).toBe(true)
  // Seeding happens once: a restart on the same folder adds nothing.
  await core.dispose()
  open[0] = { sandbox }
  const again = await createApp(createTestPorts(dir), { dataDir: dir, version: 'demo', demoMode: true, sandbox, watch: false })
  open[0].core = again
  expect((await again.handlers['channels:list'](undefined)).length).toBe(channels.length)
})

it('keeps an unfinished connection: its channels can be picked later without signing in again', async () => {
  const dir = tempDir()
  const ports = createTestPorts(dir)
  const sandbox = await startSandboxNetwork({ clock: ports.clock, seed: 1 })
  const { createAuthorize } = await import('../../../src/main/connections/authorize')
  const { createSandboxBrowser } = await import('../../../src/main/sandbox/sandbox-browser')
  const { ADAPTERS } = await import('../../../src/main/providers')
  const authorize = createAuthorize({
    browser: createSandboxBrowser(ports.http, () => ({ username: 'maria.ortega', password: 'demo' })),
    clock: ports.clock,
    timer: ports.timer,
    adapters: ADAPTERS,
    allowInsecure: true,
  })
  const core = await createApp(ports, { dataDir: dir, version: 'demo', demoMode: true, sandbox, watch: false, seedDemo: false, authorize })
  open.push({ core, sandbox })
  const started = await core.handlers['connections:start-connect']({ network: 'facebook' })
  expect(started.profile.setupState).toBe('picking')
  const detail = await core.handlers['connections:get-profile']({ profileId: started.profileId })
  expect(detail.pending.map((p) => p.name).sort()).toEqual(started.channels.map((c) => c.name).sort())
  expect(detail.warnings.join(' ')).toMatch(/no channels were picked/)
  const first = detail.pending[0]
  if (!first) throw new Error('nothing discovered')
  await core.handlers['connections:finish-connect']({ profileId: started.profileId, picks: [{ networkChannelId: first.networkChannelId, brandIds: [] }] })
  const after = await core.handlers['connections:get-profile']({ profileId: started.profileId })
  expect(after.setupState).toBe('ready')
  expect(after.pending.map((p) => p.networkChannelId)).not.toContain(first.networkChannelId)
})

it('turns a cancelled sign-in into a plain cancelled error', async () => {
  const dir = tempDir()
  let opened: () => void = () => undefined
  const browserOpened = new Promise<void>((resolve) => (opened = resolve))
  // The person sees the sign-in page and walks away; Relink's Cancel ends the attempt.
  const ports = createTestPorts(dir, { browser: { open: async () => opened() } })
  const sandbox = await startSandboxNetwork({ clock: ports.clock, seed: 1 })
  const core = await createApp(ports, { dataDir: dir, version: 'demo', demoMode: true, sandbox, watch: false, seedDemo: false })
  open.push({ core, sandbox })
  const pending = core.handlers['connections:start-connect']({ network: 'x' })
  await browserOpened
  expect(await core.handlers['connections:cancel-connect'](undefined)).toEqual({ cancelled: true })
  await expect(pending).rejects.toMatchObject({ code: 'cancelled', message: 'The sign-in was cancelled.' })
})

it('notices a changed picture when the hourly check reads an X or Mastodon account, and fetches only that one', async () => {
  const dir = tempDir()
  const ports = createTestPorts(dir)
  const sandbox = await startSandboxNetwork({ clock: ports.clock, seed: 1 })
  const core = await createApp(ports, { dataDir: dir, version: 'demo', demoMode: true, sandbox, watch: false })
  open.push({ core, sandbox })
  await core.pictures.settle()
  const before = new Map((await core.handlers['channels:list-pictures'](undefined)).map((p) => [p.channelId, p.dataUrl]))
  const profile = (await core.handlers['connections:list-profiles'](undefined)).find((p) => p.network === 'x')
  if (!profile) throw new Error('no X profile in the demo')
  const channel = (await core.handlers['connections:get-profile']({ profileId: profile.id })).channels[0]
  const account = [...sandbox.world.channels.values()].find((c) => c.network === 'x' && c.name === channel?.name)
  if (!channel || !account) throw new Error('no X channel in the demo')

  account.pictureVersion = 2
  await core.connections.lifecycle.probe(profile.id)
  await core.pictures.settle()
  const after = new Map((await core.handlers['channels:list-pictures'](undefined)).map((p) => [p.channelId, p.dataUrl]))
  expect(after.get(channel.id)).not.toBe(before.get(channel.id))
  expect([...after].filter(([id, url]) => before.get(id) !== url).map(([id]) => id)).toEqual([channel.id])
})
