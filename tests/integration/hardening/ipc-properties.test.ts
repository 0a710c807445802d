/**
 * Property tests of the IPC boundary: for every command in the contract, fast-check inputs
 * (wrong types, huge strings, deep nesting, `__proto__` keys, NaN, other rows' ids) go through the
 * real router to a real core in demo mode on the sandbox network. Every answer is a `Result`; input
 * the schema accepts never ends in `internal`; a refusal writes nothing; no answer carries token
 * material. RELINK_IPC_RUNS sets the cases per command (100 by default, CI's short run).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type RelinkCore } from '../../../src/main/app'
import { createAuthorize } from '../../../src/main/connections/authorize'
import type { Authorize } from '../../../src/main/connections/connect-service'
import { createIpcRouter, createSenderCheck } from '../../../src/main/ipc/router'
import { OAuthFlowError } from '../../../src/main/oauth/errors'
import { ADAPTERS } from '../../../src/main/providers'
import { createSandboxBrowser } from '../../../src/main/sandbox/sandbox-browser'
import { startSandboxNetwork, type SandboxNetwork } from '../../../src/main/sandbox/server'
import { STREAM_KINDS } from '../../../src/shared/domain/sync'
import { INBOX_ACTION_KINDS, INBOX_ACTION_RESOLUTIONS, INBOX_STATES } from '../../../src/shared/domain/inbox'
import { POST_METRICS, REPORT_FORMATS } from '../../../src/shared/domain/analytics'
import { REPORT_CADENCES } from '../../../src/shared/domain/reports'
import { NETWORKS } from '../../../src/shared/domain/network'
import { SANDBOX_CONTROLS } from '../../../src/shared/domain/sandbox'
import { DELIVERY_STATES, RELEASE_CHOICES } from '../../../src/shared/domain/schedule'
import type { Result } from '../../../src/shared/errors'
import { COMMANDS, type CommandName } from '../../../src/shared/ipc/channels'
import { commandInputs } from '../../../src/shared/ipc/contract'
import { writePng } from '../../fakes/png'
import { createTestPorts, tempDir, type TestPorts } from '../../fakes/ports'

const RUNS = Number(process.env.RELINK_IPC_RUNS ?? 100)
const APP = 'file:///app/index.html'
const DAY = 86_400_000

let core: RelinkCore
let sandbox: SandboxNetwork
let ports: TestPorts
let call: (channel: string, input: unknown) => Promise<Result<unknown>>
/** Real rows' ids, mixed into every id field. */
const ids = { brands: [] as string[], channels: [] as string[], profiles: [] as string[], posts: [] as string[], deliveries: [] as number[], backups: [] as string[] }
let image = ''

beforeAll(async () => {
  const dir = tempDir('relink-ipc-')
  ports = createTestPorts(dir)
  sandbox = await startSandboxNetwork({ clock: ports.clock, seed: 1 })
  const http = sandbox.inProcessHttp(ports.http)
  ports = { ...ports, http }
  // The demo's users sign in once, at start; afterwards every sign-in the properties start is cancelled
  // at once, as if the person closed the browser tab, so no case waits for a browser.
  let seeding = true
  const real = createAuthorize({ browser: createSandboxBrowser(http, () => ({ username: '', password: 'demo' })), clock: ports.clock, timer: ports.timer, adapters: ADAPTERS, allowInsecure: true })
  const authorize: Authorize = (input) => (seeding ? real(input) : Promise.reject(new OAuthFlowError('cancelled')))
  core = await createApp(ports, { dataDir: dir, version: 'test', demoMode: true, sandbox, authorize, watch: false, providerTimeoutMs: 300, operator: 'tester' })
  seeding = false
  const router = createIpcRouter({ handlers: core.handlers, isTrustedSender: createSenderCheck([APP]), logger: ports.logger })
  // Waits on the fake clock (a network's request allowance spent, a retry's backoff) pass as they
  // would in real time: while an answer is pending, the clock moves a minute every few milliseconds.
  call = async (channel, input) => {
    const pending = router.dispatch({ url: APP, isMainFrame: true }, channel, input)
    let settled = false
    void pending.finally(() => (settled = true))
    for (let i = 0; i < 10_000 && !settled; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      if (!settled) ports.clock.advance(60_000)
    }
    return pending
  }

  const sqlite = core.database.sqlite
  const column = (sql: string) => (sqlite.prepare(sql).all() as { v: string }[]).map((r) => r.v)
  ids.brands = column('SELECT id AS v FROM brands')
  ids.channels = column('SELECT id AS v FROM channels')
  ids.profiles = column('SELECT id AS v FROM profiles')
  image = writePng(dir)
  for (const draft of [false, true]) {
    const made = await core.handlers['schedule:create-post']({ text: 'Hello from the properties', channelIds: ids.channels.slice(0, 3), timeZone: 'Europe/London', publishAt: ports.clock.now() + DAY, draft })
    if (made.post) ids.posts.push(made.post.id)
  }
  ids.deliveries = (sqlite.prepare('SELECT id AS v FROM deliveries').all() as { v: number }[]).map((r) => r.v)
  ids.backups = [(await core.handlers['data:back-up-now'](undefined)).name]
  expect(ids.channels.length).toBeGreaterThan(3)
}, 120_000)

afterAll(async () => {
  await core?.dispose()
  await sandbox?.close()
})

// ---- Arbitraries -------------------------------------------------------------------------------

/**
 * A client secret as the window may send one: blank, or any text after a marker. Without the
 * marker fast-check saves words such as `toString`, which then turn up in later answers (an
 * error naming a key) and read as leaked token material.
 */
const appSecret = fc.oneof(fc.constantFrom('', '   '), fc.string({ maxLength: 500 }).map((s) => `app-secret:${s}`))

const huge = fc.constantFrom('x'.repeat(100_001), 'é'.repeat(70_000), '\u0000'.repeat(5_000))
const protoKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty')
/** Objects and arrays nested hundreds deep. */
const deep = fc.integer({ min: 50, max: 400 }).map((depth) => {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value]
  return value
})
/** An own `__proto__` key, as JSON.parse and structured clone produce it. */
const protoObject = fc.jsonValue().map((v) => JSON.parse(`{"__proto__": ${JSON.stringify(v) ?? 'null'}, "constructor": {"prototype": {"polluted": true}}}`) as unknown)
const odd = fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 1e308, null, undefined, true, '', [], {})
/** Anything at all: the renderer could send any structured-clone value. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ key: fc.oneof(fc.string(), protoKeys), withNullPrototype: true, withSparseArray: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, maxDepth: 4 }),
  huge,
  deep,
  protoObject,
  odd,
)
/** Either hostile, or `shape` with each field now and then replaced by something hostile. */
const around = (shape: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: shape, weight: 4 }, { arbitrary: hostile, weight: 1 })
const field = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: arb, weight: 8 }, { arbitrary: odd, weight: 1 }, { arbitrary: huge, weight: 1 })
const record = (shape: Record<string, fc.Arbitrary<unknown>>, required: string[] = []) =>
  fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, field(v)])), { requiredKeys: required })

const idOf = (pool: () => readonly string[]) =>
  fc.oneof({ arbitrary: fc.constant(null).chain(() => (pool().length ? fc.constantFrom(...pool()) : fc.constant('none'))), weight: 5 }, { arbitrary: fc.string({ maxLength: 110 }), weight: 2 }, { arbitrary: protoKeys, weight: 1 })
const anyRowId = idOf(() => [...ids.brands, ...ids.channels, ...ids.profiles, ...ids.posts])
const brandId = fc.oneof(idOf(() => ids.brands), anyRowId)
const channelId = fc.oneof(idOf(() => ids.channels), anyRowId)
const profileId = fc.oneof(idOf(() => ids.profiles), anyRowId)
const postId = fc.oneof(idOf(() => ids.posts), anyRowId)
const deliveryId = fc.oneof(fc.constant(null).chain(() => (ids.deliveries.length ? fc.constantFrom(...ids.deliveries) : fc.constant(1))), fc.integer(), fc.double())
const channelIds = fc.array(channelId, { maxLength: 8 })
const inboxItemId = fc.oneof(fc.integer({ min: 1, max: 500 }), fc.integer(), fc.double())
const network = fc.constantFrom(...NETWORKS, 'myspace')
const instance = fc.constantFrom('https://mastodon.social', 'http://127.0.0.1:1', 'ftp://example.org', 'not an address', 'https://exa mple.org')
const text = fc.oneof(fc.string({ maxLength: 400 }), fc.constantFrom('x'.repeat(281), 'x'.repeat(63_207)))
const epoch = fc.oneof(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.integer(), fc.double())
const isoDay = fc.oneof(
  fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2026-13-01', 'yesterday', '2026-1-1'),
)
const streams = fc.array(fc.constantFrom(...STREAM_KINDS, 'comments_of_my_enemies'), { maxLength: 4 })
const imagePath = fc.constant(null).chain(() => fc.constantFrom(image, '/etc/passwd', '/nonexistent/picture.png', '../../../../etc/shadow'))
const imageInput = record({ path: imagePath, altText: fc.string({ maxLength: 40 }) }, ['path'])
const analyticsQuery = record({ brandId, channelIds, network, fromDay: isoDay, toDay: isoDay }, ['fromDay', 'toDay'])
const nothing = fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: hostile, weight: 1 })

/** Sandbox faults that make the next requests wait in real or fake time are left out: each case must be quick. */
const QUICK_CONTROLS = SANDBOX_CONTROLS.filter((c) => c !== 'slow' && c !== 'rate_limit')

const deliveryFilter = around(
  fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }).chain((from) =>
    record(
      {
        from: fc.constant(from),
        to: fc.integer({ min: from - DAY, max: from + 500 * DAY }),
        channelIds,
        states: fc.array(fc.constantFrom(...DELIVERY_STATES, 'lost'), { maxLength: 3 }),
        after: record({ dueAt: fc.integer({ min: from - DAY, max: from + DAY }), id: deliveryId }, ['dueAt', 'id']),
        limit: fc.integer({ min: -1, max: 600 }),
      },
      ['from', 'to'],
    ),
  ),
)

const INPUTS: Record<CommandName, fc.Arbitrary<unknown>> = {
  'app:get-info': nothing,
  'brands:list': nothing,
  'brands:create': around(record({ name: fc.oneof(fc.string({ maxLength: 90 }), fc.constantFrom('Acme', 'acme', ' ')), color: fc.constantFrom('#123456', '#zzzzzz', 'red') }, ['name'])),
  'brands:update': around(record({ id: brandId, name: fc.string({ maxLength: 90 }), color: fc.constantFrom('#abcdef', 'blue') }, ['id'])),
  'brands:delete': around(record({ id: brandId }, ['id'])),
  'brands:restore': around(
    record({ snapshot: record({ id: brandId, name: fc.string({ maxLength: 90 }), color: fc.constant('#112233'), createdAt: epoch, channelIds: fc.array(channelId, { maxLength: 50 }) }, ['id', 'name', 'color', 'createdAt', 'channelIds']) }, ['snapshot']),
  ),
  'channels:list': fc.oneof(nothing, record({ brandId })),
  'channels:list-links': nothing,
  'channels:list-pictures': nothing,
  'channels:set-brands': around(record({ channelId, brandIds: fc.array(brandId, { maxLength: 6 }) }, ['channelId', 'brandIds'])),
  'channels:remove': around(record({ channelId }, ['channelId'])),
  'slots:list': nothing,
  'slots:set-channel': around(
    record(
      {
        channelId,
        timeZone: fc.constantFrom('Europe/London', 'UTC', 'Mars/Olympus_Mons', ''),
        slots: fc.array(record({ weekday: fc.integer({ min: 0, max: 8 }), time: fc.constantFrom('09:00', '23:59', '24:00', '9:00', '12:30') }, ['weekday', 'time']), { maxLength: 12 }),
      },
      ['channelId', 'timeZone', 'slots'],
    ),
  ),
  'slots:copy-channel': around(record({ fromChannelId: channelId, toChannelIds: channelIds }, ['fromChannelId', 'toChannelIds'])),
  'slots:find-next-free': around(record({ channelIds }, ['channelIds'])),
  'settings:get': nothing,
  'settings:update': around(
    record({
      notifications: record({ enabled: fc.boolean(), warnDaysBeforeExpiry: fc.integer({ min: -5, max: 40 }), onExpired: fc.boolean(), onPublishFailed: fc.boolean() }),
      theme: fc.constantFrom('system', 'light', 'dark', 'neon'),
      allowInsecureSecretStorage: fc.boolean(),
      scheduler: record({ graceWindowMinutes: fc.integer({ min: -10, max: 10_000 }) }),
    }),
  ),
  'connections:list-profiles': nothing,
  'connections:get-profile': around(record({ profileId }, ['profileId'])),
  'connections:start-connect': around(record({ network, instance }, ['network'])),
  'connections:cancel-connect': nothing,
  'connections:finish-connect': around(record({ profileId, picks: fc.array(record({ networkChannelId: anyRowId, brandIds: fc.array(brandId, { maxLength: 3 }) }, ['networkChannelId', 'brandIds']), { maxLength: 5 }) }, ['profileId', 'picks'])),
  'connections:refresh-profile': around(record({ profileId }, ['profileId'])),
  'connections:refresh-all-expired': nothing,
  // Checking every connection (no input) probes them all; it is a rarer case so each run stays quick.
  'connections:check-now': fc.oneof({ arbitrary: record({ profileId }, ['profileId']), weight: 9 }, { arbitrary: nothing, weight: 1 }),
  'connections:remove-profile': around(record({ profileId }, ['profileId'])),
  'networks:list-apps': nothing,
  'networks:save-app': around(record({ network, instance, clientId: fc.string({ maxLength: 320 }), clientSecret: appSecret }, ['network', 'clientId'])),
  'networks:remove-app': around(record({ network, instance }, ['network'])),
  'sandbox:get-state': nothing,
  'sandbox:apply-control': around(
    record({ control: fc.constantFrom(...QUICK_CONTROLS, 'format_disk'), network: fc.constantFrom('facebook', 'linkedin', 'x', 'mastodon', 'instagram'), userId: anyRowId, channelId: anyRowId, scope: fc.string({ maxLength: 30 }) }, ['control', 'network']),
  ),
  'sandbox:get-storm': nothing,
  'sandbox:start-storm': around(record({ changes: fc.integer({ min: -5, max: 3_000 }) }, ['changes'])),
  'sandbox:stop-storm': nothing,
  'schedule:pick-image': nothing,
  'schedule:get-image': around(record({ postId }, ['postId'])),
  'schedule:check-content': around(record({ postId, text, networkTexts: fc.dictionary(network, text, { maxKeys: 3 }), link: fc.constantFrom('https://example.org', 'javascript:alert(1)', ''), image: imageInput, channelIds }, ['text', 'channelIds'])),
  'schedule:create-post': around(
    record({ text, networkTexts: fc.dictionary(network, text, { maxKeys: 3 }), link: fc.constantFrom('https://example.org/a', 'file:///etc/passwd'), image: imageInput, channelIds, publishAt: epoch, timeZone: fc.constantFrom('Europe/London', 'UTC', 'Mars/Olympus_Mons', ''), draft: fc.boolean() }, ['text', 'channelIds', 'timeZone']),
  ),
  'schedule:update-post': around(
    record({ postId, text, link: fc.constantFrom(null, 'https://example.org/b'), image: fc.constantFrom(null), channelIds, publishAt: epoch, timeZone: fc.constantFrom('Asia/Tokyo', 'Nowhere/Else'), status: fc.constantFrom('draft', 'scheduled', 'published') }, ['postId']),
  ),
  'schedule:duplicate-post': around(record({ postId }, ['postId'])),
  'schedule:cancel-post': around(record({ postId }, ['postId'])),
  'schedule:get-post': around(record({ postId }, ['postId'])),
  'schedule:get-delivery': around(record({ deliveryId }, ['deliveryId'])),
  'schedule:list-deliveries': deliveryFilter,
  'schedule:list-calendar': deliveryFilter,
  'schedule:list-days': around(
    fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }).chain((start) =>
      record(
        {
          channelIds,
          states: fc.array(fc.constantFrom(...DELIVERY_STATES, 'lost'), { maxLength: 3 }),
          dayStarts: fc.oneof(fc.integer({ min: 2, max: 42 }).map((n) => Array.from({ length: n }, (_, i) => start + i * DAY)), fc.array(epoch, { maxLength: 200 })),
          postsPerDay: fc.integer({ min: -1, max: 25 }),
        },
        ['dayStarts', 'postsPerDay'],
      ),
    ),
  ),
  'schedule:list-drafts': nothing,
  'schedule:list-held': fc.oneof(nothing, record({ channelIds })),
  'schedule:release-held': around(record({ channelIds, choices: fc.oneof(fc.constantFrom(...RELEASE_CHOICES, 'explode'), fc.dictionary(fc.oneof(deliveryId.map(String), protoKeys), fc.constantFrom(...RELEASE_CHOICES))) }, ['channelIds', 'choices'])),
  'schedule:resolve-delivery': around(
    record({ deliveryId, action: fc.oneof(fc.constant({ kind: 'publish_now' }), fc.constant({ kind: 'skip' }), epoch.map((at) => ({ kind: 'reschedule', at })), fc.constantFrom({ kind: 'mark_published', url: 'https://example.org/p/1' }, { kind: 'mark_published', url: 'javascript:x' }), fc.constant({ kind: 'delete_everything' })) }, ['deliveryId', 'action']),
  ),
  'schedule:list-at-risk': nothing,
  'sync:get-health': fc.oneof(nothing, record({ channelIds, streams })),
  // Reading every stream of every channel (no input) is the slow case: rare, so each run stays quick.
  'sync:sync-now': fc.oneof({ arbitrary: record({ channelIds: fc.array(channelId, { minLength: 1, maxLength: 2 }), streams }, ['channelIds']), weight: 19 }, { arbitrary: nothing, weight: 1 }),
  'sync:list-gaps': fc.oneof(nothing, record({ channelIds, streams, from: epoch, to: epoch })),
  'analytics:get-dashboard': around(analyticsQuery),
  'analytics:get-posts': around(
    record(
      {
        brandId,
        channelIds,
        network,
        fromDay: isoDay,
        toDay: isoDay,
        sortBy: fc.constantFrom(...POST_METRICS, 'followers'),
        direction: fc.constantFrom('desc', 'asc', 'up'),
        timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata', 'Mars/Olympus', ''),
        limit: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double()),
      },
      ['fromDay', 'toDay', 'sortBy', 'direction', 'timeZone'],
    ),
  ),
  'reports:export': around(record({ format: fc.constantFrom(...REPORT_FORMATS, 'docx'), query: analyticsQuery, jobId: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })) }, ['format', 'query'])),
  'reports:cancel-export': around(record({ jobId: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })) }, ['jobId'])),
  'reports:export-health': around(record({ format: fc.constantFrom('pdf', 'csv', 'docx'), query: analyticsQuery }, ['format', 'query'])),
  'reports:list-schedules': nothing,
  'reports:create-schedule': around(record({ brandId, cadence: fc.constantFrom(...REPORT_CADENCES, 'hourly'), format: fc.constantFrom(...REPORT_FORMATS, 'doc') }, ['cadence', 'format'])),
  'reports:update-schedule': around(record({ id: anyRowId, brandId: fc.oneof(brandId, fc.constant(null)), cadence: fc.constantFrom(...REPORT_CADENCES), format: fc.constantFrom(...REPORT_FORMATS), chooseFolder: fc.boolean() }, ['id'])),
  'reports:delete-schedule': around(record({ id: anyRowId }, ['id'])),
  'reports:restore-schedule': around(record({ id: anyRowId }, ['id'])),
  'reports:run-schedule': around(record({ id: anyRowId }, ['id'])),
  'inbox:list': around(
    record({ brandId, channelIds, network, states: fc.array(fc.constantFrom(...INBOX_STATES, 'spam'), { maxLength: 3 }), needsReply: fc.boolean(), assignee: fc.string({ maxLength: 70 }), label: fc.string({ maxLength: 50 }), fromMs: epoch, toMs: epoch, search: fc.string({ maxLength: 220 }), offset: fc.integer({ min: -1, max: 200_000 }), limit: fc.integer({ min: 0, max: 600 }) }),
  ),
  'inbox:get-thread': around(record({ itemId: inboxItemId }, ['itemId'])),
  'inbox:get-counts': nothing,
  'inbox:set-state': around(record({ itemIds: fc.array(inboxItemId, { maxLength: 5 }), state: fc.constantFrom(...INBOX_STATES, 'spam') }, ['itemIds', 'state'])),
  'inbox:assign': around(record({ itemIds: fc.array(inboxItemId, { maxLength: 5 }), assignee: fc.oneof(fc.string({ maxLength: 70 }), fc.constant(null)) }, ['itemIds', 'assignee'])),
  'inbox:label': around(record({ itemIds: fc.array(inboxItemId, { maxLength: 5 }), label: fc.string({ maxLength: 50 }), on: fc.boolean() }, ['itemIds', 'label', 'on'])),
  'inbox:add-note': around(record({ itemId: inboxItemId, text: fc.string({ maxLength: 2_100 }) }, ['itemId', 'text'])),
  'inbox:mark-read': around(record({ itemIds: fc.array(inboxItemId, { maxLength: 5 }) }, ['itemIds'])),
  'inbox:list-labels': nothing,
  'inbox:list-saved-replies': nothing,
  'inbox:save-reply': around(record({ id: fc.integer({ min: -1, max: 50 }), name: fc.string({ maxLength: 90 }), text: fc.string({ maxLength: 2_100 }) }, ['name', 'text'])),
  'inbox:delete-saved-reply': around(record({ id: fc.oneof(fc.integer({ min: -1, max: 50 }), fc.double()) }, ['id'])),
  'inbox:export-saved-replies': nothing,
  'inbox:preview-saved-replies-import': nothing,
  'inbox:import-saved-replies': around(record({ importId: fc.string({ maxLength: 50 }) }, ['importId'])),
  'inbox:undo-saved-replies-import': around(record({ importId: fc.string({ maxLength: 50 }) }, ['importId'])),
  'inbox:act': around(record({ itemId: inboxItemId, kind: fc.constantFrom(...INBOX_ACTION_KINDS, 'block'), text: fc.string({ maxLength: 60 }) }, ['itemId', 'kind'])),
  'inbox:resolve-action': around(record({ actionId: fc.integer({ min: -1, max: 50 }), resolution: fc.constantFrom(...INBOX_ACTION_RESOLUTIONS, 'retry') }, ['actionId', 'resolution'])),
  'data:list-backups': nothing,
  'data:back-up-now': nothing,
  'data:restore-backup': around(record({ name: fc.oneof(fc.constant(null).chain(() => fc.constantFrom(...ids.backups)), fc.constantFrom('../relink.db', 'relink-2026-01-01T00-00-00-000Z-manual-v1.db', '/etc/passwd')) }, ['name'])),
}

// ---- The properties ----------------------------------------------------------------------------

/** Destructive commands run last, so the others meet real rows. */
const LAST: CommandName[] = ['sandbox:apply-control', 'connections:remove-profile', 'channels:remove', 'brands:delete']
const ORDER = [...COMMANDS.filter((c) => !LAST.includes(c)), ...LAST]

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
}

async function fingerprint(): Promise<string> {
  const changes = (core.database.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n
  return `${changes} ${JSON.stringify(await core.handlers['settings:get'](undefined))}`
}

/** Every token and secret Relink holds, decrypted: none may appear in an answer. */
async function secrets(): Promise<string[]> {
  const blobs = core.database.sqlite
    .prepare(
      `SELECT access_token_enc AS b FROM profiles UNION ALL SELECT refresh_token_enc FROM profiles UNION ALL SELECT token_enc FROM channel_links
       UNION ALL SELECT token_enc FROM pending_channels UNION ALL SELECT client_secret_enc FROM app_credentials`,
    )
    .all() as { b: Uint8Array | null }[]
  const out: string[] = []
  for (const { b } of blobs) if (b) out.push(await ports.secretBox.decrypt(b))
  return out.filter((s) => s.length >= 8)
}

function assertResult(result: unknown): asserts result is Result<unknown> {
  expect(result).toBeTypeOf('object')
  const r = result as Record<string, unknown>
  if (r.ok === true) {
    expect(Object.keys(r).sort()).toEqual(['data', 'ok'])
    return
  }
  expect(r.ok).toBe(false)
  const error = r.error as Record<string, unknown>
  expect(error.code).toBeTypeOf('string')
  expect(error.message).toBeTypeOf('string')
  expect((error.message as string).length).toBeGreaterThan(0)
  expect(error.retryable).toBeTypeOf('boolean')
}

describe('the IPC boundary holds for every command', () => {
  it('has an input generator for every command in the contract', () => {
    expect(Object.keys(INPUTS).sort()).toEqual([...COMMANDS].sort())
  })

  for (const command of ORDER) {
    it(`${command}: always a Result, never internal for accepted input, nothing written on a refusal, no token material`, async () => {
      await fc.assert(
        fc.asyncProperty(INPUTS[command], async (input) => {
          await settle()
          const accepted = commandInputs[command].safeParse(input).success
          const before = await fingerprint()
          const result = await call(command, input)
          assertResult(result)
          if (accepted && !result.ok) expect(result.error.code, `${command} answered internal: ${result.error.message}`).not.toBe('internal')
          if (!accepted) expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
          if (!result.ok && ['validation', 'not_found', 'conflict', 'forbidden'].includes(result.error.code)) {
            await settle()
            expect(await fingerprint(), `${command} wrote while refusing (${result.error.code}: ${result.error.message})`).toBe(before)
          }
          const answer = JSON.stringify(result)
          for (const secret of await secrets()) expect(answer.includes(secret), `${command} answered with token material`).toBe(false)
          if (command === 'sandbox:apply-control') sandbox.controls.clearFaults()
        }),
        { numRuns: RUNS },
      )
    }, 600_000)
  }
})
