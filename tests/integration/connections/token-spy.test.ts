import { afterAll, expect, it } from 'vitest'
import { createIpcRouter, createSenderCheck } from '../../../src/main/ipc/router'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { profileIdOf, startDemo, DAY, type DemoHarness } from './harness'

let h: DemoHarness | undefined
afterAll(() => h?.close())

it('no IPC reply, event or log line carries token material through a whole connect, break and reconnect', async () => {
  h = await startDemo()
  const harness = h
  const replies: string[] = []
  const events: string[] = []
  harness.core.events.subscribe((event, payload) => events.push(JSON.stringify({ event, payload })))
  const router = createIpcRouter({ handlers: harness.core.handlers, isTrustedSender: createSenderCheck(['file:///app/index.html']), logger: harness.ports.logger })
  const call = async (channel: string, input?: unknown) => {
    const reply = await router.dispatch({ url: 'file:///app/index.html', isMainFrame: true }, channel, input)
    replies.push(JSON.stringify(reply))
    return reply
  }
  const maria = await profileIdOf(harness, 'facebook', FACEBOOK_SEED.users.maria.id)
  const profiles = await call('connections:list-profiles')
  expect(profiles.ok).toBe(true)
  if (profiles.ok) for (const p of profiles.data as { id: string }[]) await call('connections:get-profile', { profileId: p.id })
  await call('channels:list')
  await call('networks:list-apps')
  await call('sandbox:get-state')
  await call('sandbox:apply-control', { control: 'change_password', network: 'facebook', userId: FACEBOOK_SEED.users.maria.id })
  await call('sandbox:apply-control', { control: 'kill_refresh_token', network: 'x', userId: '1610000000000000001' })
  harness.ports.clock.advance(DAY)
  await call('connections:check-now')
  await call('connections:get-profile', { profileId: maria })
  harness.signInAs(FACEBOOK_SEED.users.maria.handle)
  await call('connections:refresh-profile', { profileId: maria })
  await call('networks:save-app', { network: 'x', clientId: 'my-client', clientSecret: 'super-secret-value-123' })
  await call('networks:list-apps')

  // Every token the sandbox ever issued (codes, access, refresh, page tokens) and the app secrets.
  const secrets = [...harness.sandbox.world.tokens.keys(), ...[...harness.sandbox.world.apps.values()].map((a) => a.clientSecret), 'super-secret-value-123']
  expect(secrets.length).toBeGreaterThan(50)
  const haystacks = { replies: replies.join('\n'), events: events.join('\n'), logs: harness.ports.logLines.join('\n') }
  expect(haystacks.replies.length).toBeGreaterThan(1000)
  expect(haystacks.logs.length).toBeGreaterThan(100)
  for (const [where, text] of Object.entries(haystacks)) {
    const leaked = secrets.filter((s) => text.includes(s))
    expect({ where, leaked }).toEqual({ where, leaked: [] })
  }
  // The event log in SQLite keeps raw network errors, redacted the same way.
  const stored = await harness.core.database.db.selectFrom('token_events').select(['raw', 'detail']).execute()
  const storedText = stored.map((r) => `${r.raw ?? ''} ${r.detail}`).join('\n')
  expect(secrets.filter((s) => storedText.includes(s))).toEqual([])
}, 60_000)
