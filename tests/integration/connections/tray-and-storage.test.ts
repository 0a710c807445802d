import { randomBytes } from 'node:crypto'
import { afterEach, expect, it } from 'vitest'
import { createApp, type RelinkCore } from '../../../src/main/app'
import { createAesSecretBox } from '../../../src/main/platform/aes-secret-box'
import { startSandboxNetwork, type SandboxNetwork } from '../../../src/main/sandbox/server'
import { createTestPorts, tempDir } from '../../fakes/ports'
import { DAY, startDemo, type DemoHarness } from './harness'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'

let h: DemoHarness | undefined
const extra: { core: RelinkCore; sandbox: SandboxNetwork }[] = []
afterEach(async () => {
  await h?.close()
  h = undefined
  for (const o of extra.splice(0)) {
    await o.core.dispose()
    await o.sandbox.close()
  }
})

it('the tray shows expiring, then broken with the profile to refresh', async () => {
  h = await startDemo()
  expect(h.ports.trayStates.at(-1)?.level).toBe('healthy')
  // Facebook's long-lived sign-in nears its 60 days: a warning, not a break.
  for (let d = 0; d < 54; d++) {
    h.ports.clock.advance(DAY)
    await h.core.connections.lifecycle.sweep()
  }
  expect(h.ports.trayStates.at(-1)).toMatchObject({ level: 'expiring', brokenProfiles: [] })
  h.sandbox.controls.changePassword('facebook', FACEBOOK_SEED.users.maria.id)
  await h.core.handlers['connections:check-now'](undefined)
  const broken = h.ports.trayStates.at(-1)
  expect(broken?.level).toBe('broken')
  expect(broken?.brokenProfiles.map((p) => p.label)).toContain('Maria Ortega (Facebook)')
  // 54 days of the whole demo (every day's sync reads against the sandbox): about 5 s on a quiet
  // machine, over 30 s on a loaded one.
}, 120_000)

it('refuses to store sign-ins on Linux without a keyring until the user opts in', async () => {
  const dir = tempDir()
  const ports = createTestPorts(dir, { secretBox: createAesSecretBox(randomBytes(32), 'basic_text') })
  const sandbox = await startSandboxNetwork({ clock: ports.clock, seed: 1 })
  const core = await createApp(ports, { dataDir: dir, version: 't', demoMode: true, sandbox, watch: false, seedDemo: false })
  extra.push({ core, sandbox })
  await expect(core.handlers['connections:start-connect']({ network: 'x' })).rejects.toMatchObject({ code: 'insecure_storage', message: expect.stringMatching(/no keyring/) })
  await expect(core.handlers['networks:save-app']({ network: 'x', clientId: 'id', clientSecret: 'secret' })).rejects.toMatchObject({ code: 'insecure_storage' })
  expect(ports.openedUrls).toEqual([])
  await core.handlers['settings:update']({ allowInsecureSecretStorage: true })
  await expect(core.handlers['networks:save-app']({ network: 'x', clientId: 'id', clientSecret: 'secret' })).resolves.toMatchObject({ hasSecret: true })
})
