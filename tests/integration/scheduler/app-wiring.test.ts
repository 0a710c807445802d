import { afterEach, describe, expect, it, vi } from 'vitest'
import { createIpcRouter, type IpcRouter } from '../../../src/main/ipc/router'
import type { EventName } from '../../../src/shared/ipc/channels'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { MASTODON_SEED } from '../../../src/main/sandbox/dialects/mastodon'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { writePng } from '../../fakes/png'
import { channelIdOf, startDemo, type DemoHarness } from '../connections/harness'

const MIN = 60_000
const APP_FRAME = { url: 'file:///app/index.html', isMainFrame: true }

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

function routerOf(harness: DemoHarness): IpcRouter {
  return createIpcRouter({ handlers: harness.core.handlers, isTrustedSender: (s) => s.isMainFrame, logger: harness.ports.logger })
}

/** Every event the core emits, by name, in order. */
function recordEvents(harness: DemoHarness): { name: EventName; payload: unknown }[] {
  const seen: { name: EventName; payload: unknown }[] = []
  harness.core.events.subscribe((name, payload) => seen.push({ name, payload }))
  return seen
}

describe('the schedule commands over IPC', () => {
  it('refuses malformed payloads with a validation error and stores nothing', async () => {
    h = await startDemo()
    const router = routerOf(h)
    const x = await channelIdOf(h, 'x', X_SEED.channels.brand)
    const at = h.ports.clock.now() + 30 * MIN
    const bad: [string, unknown][] = [
      ['schedule:create-post', { text: 'x'.repeat(63_207), channelIds: [x], publishAt: at, timeZone: 'UTC' }],
      ['schedule:create-post', { text: 'Hi', link: 'javascript:alert(1)', channelIds: [x], publishAt: at, timeZone: 'UTC' }],
      ['schedule:create-post', { text: 'Hi', channelIds: x, publishAt: at, timeZone: 'UTC' }],
      ['schedule:create-post', { text: 'Hi', channelIds: [x], publishAt: at, timeZone: 'UTC', sneaky: true }],
      ['schedule:create-post', { text: 'Hi', channelIds: [x], publishAt: 1e20, timeZone: 'UTC' }],
      ['schedule:list-deliveries', { from: at, to: at - 1 }],
      ['schedule:resolve-delivery', { deliveryId: -1, action: { kind: 'skip' } }],
      ['schedule:resolve-delivery', { deliveryId: 1, action: { kind: 'mark_published', url: 'file:///etc/passwd' } }],
      ['schedule:release-held', { channelIds: [x], choices: { abc: 'skip' } }],
      ['schedule:release-held', { channelIds: [], choices: 'skip' }],
      ['schedule:pick-image', { path: '/etc/passwd' }],
    ]
    for (const [command, payload] of bad) {
      const result = await router.dispatch(APP_FRAME, command, payload)
      expect(result, command).toMatchObject({ ok: false, error: { code: 'validation' } })
    }
    expect(await h.core.handlers['schedule:list-drafts'](undefined)).toEqual([])
    const all = await h.core.handlers['schedule:list-deliveries']({ from: at - 400 * 86_400_000 + 1, to: at })
    expect(all).toEqual([])
  })

  it('an empty draft is refused in plain words instead of cluttering the drafts', async () => {
    h = await startDemo()
    const result = await routerOf(h).dispatch(APP_FRAME, 'schedule:create-post', { text: '   ', channelIds: [], timeZone: 'UTC', draft: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', message: 'Write something, add a link or add an image before saving a draft.' } })
    expect(await h.core.handlers['schedule:list-drafts'](undefined)).toEqual([])
  })

  it('a time zone the computer does not know is refused in plain words', async () => {
    h = await startDemo()
    const x = await channelIdOf(h, 'x', X_SEED.channels.brand)
    const result = await routerOf(h).dispatch(APP_FRAME, 'schedule:create-post', {
      text: 'Hi',
      channelIds: [x],
      publishAt: h.ports.clock.now() + 30 * MIN,
      timeZone: 'Mars/Olympus_Mons',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
  })

  it('reads only images picked in main’s own dialog', async () => {
    h = await startDemo()
    const router = routerOf(h)
    const x = await channelIdOf(h, 'x', X_SEED.channels.brand)
    const png = writePng(h.dir, 'roast.png', 6, 4)
    const input = { text: 'Roast day', channelIds: [x], publishAt: h.ports.clock.now() + 30 * MIN, timeZone: 'UTC', image: { path: png, altText: 'Beans' } }

    const refused = await router.dispatch(APP_FRAME, 'schedule:create-post', input)
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Add image') } })

    // The person cancels the dialog: nothing is attached.
    expect(await router.dispatch(APP_FRAME, 'schedule:pick-image', undefined)).toEqual({ ok: true, data: null })
    h.ports.pickedFiles.push(png)
    const picked = await router.dispatch(APP_FRAME, 'schedule:pick-image', undefined)
    expect(picked).toMatchObject({ ok: true, data: { path: png, name: 'roast.png', mimeType: 'image/png', width: 6, height: 4, previewUrl: expect.stringMatching(/^data:image\/png;base64,/) } })

    const created = await router.dispatch(APP_FRAME, 'schedule:create-post', input)
    expect(created).toMatchObject({ ok: true, data: { problems: [], post: { image: { path: png, width: 6, height: 4, altText: 'Beans' } } } })
    if (!created.ok) throw new Error('not created')
    const postId = (created.data as { post: { id: string } }).post.id
    const preview = await router.dispatch(APP_FRAME, 'schedule:get-image', { postId })
    expect(preview).toMatchObject({ ok: true, data: { previewUrl: expect.stringMatching(/^data:image\/png;base64,/) } })
  })

  it('a file that is not an image is refused at pick time', async () => {
    h = await startDemo()
    const { writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const fake = join(h.dir, 'notes.png')
    writeFileSync(fake, 'just some text')
    h.ports.pickedFiles.push(fake)
    const result = await routerOf(h).dispatch(APP_FRAME, 'schedule:pick-image', undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', message: 'notes.png is not a PNG, JPEG, GIF or WebP image.' } })
  })
})

describe('the scheduler inside the app', () => {
  it('publishes a due post on its own and tells the window', async () => {
    h = await startDemo({ watch: true })
    const events = recordEvents(h)
    const x = await channelIdOf(h, 'x', X_SEED.channels.brand)
    const mastodon = await channelIdOf(h, 'mastodon', MASTODON_SEED.channels.brand)
    const { post } = await h.core.handlers['schedule:create-post']({ text: 'Wired up', channelIds: [x, mastodon], publishAt: h.ports.clock.now() + 10 * MIN, timeZone: 'UTC' })
    if (!post) throw new Error('not scheduled')
    await h.core.scheduler.whenIdle()
    expect(events.some((e) => e.name === 'schedule:did-change')).toBe(true)

    h.ports.clock.advance(10 * MIN)
    await h.core.scheduler.whenIdle()
    const after = await h.core.handlers['schedule:get-post']({ postId: post.id })
    expect(after.deliveries.map((d) => d.state)).toEqual(['published', 'published'])
    expect(after.deliveries.every((d) => d.url?.startsWith('http'))).toBe(true)
    expect([...h.sandbox.world.posts.values()].filter((p) => p.text.includes('Wired up'))).toHaveLength(2)

    // One delivery by id (what a notification click opens), and a plain answer for one that is gone.
    const first = after.deliveries[0]
    if (!first) throw new Error('no delivery')
    expect(await h.core.handlers['schedule:get-delivery']({ deliveryId: first.id })).toEqual(first)
    const missing = await routerOf(h).dispatch(APP_FRAME, 'schedule:get-delivery', { deliveryId: 999_999 })
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', message: 'That delivery no longer exists.' } })
  })

  it('a post missed while Relink was closed raises one notification that opens it, unless Settings turn that off', async () => {
    h = await startDemo()
    const x = await channelIdOf(h, 'x', X_SEED.channels.brand)
    const create = (text: string) => h!.core.handlers['schedule:create-post']({ text, channelIds: [x], publishAt: h!.ports.clock.now() + 5 * MIN, timeZone: 'UTC' })
    const first = await create('Missed one')
    // Relink "was closed" for an hour: the scheduler only starts now, far past the 15-minute grace window.
    h.ports.clock.advance(60 * MIN)
    await h.core.scheduler.start()
    await h.core.scheduler.whenIdle()
    const missed = first.post?.deliveries[0]
    expect((await h.core.handlers['schedule:get-post']({ postId: first.post!.id })).deliveries[0]?.state).toBe('missed')
    const shown = h.ports.notifications.filter((n) => n.target.kind === 'delivery')
    expect(shown).toHaveLength(1)
    expect(shown[0]).toMatchObject({ target: { kind: 'delivery', id: String(missed?.id) }, actionLabel: 'Decide' })

    await h.core.scheduler.stop()
    const settings = h.ports.settings.read()
    h.ports.settings.write({ ...settings, notifications: { ...settings.notifications, onPublishFailed: false } })
    await create('Missed two')
    h.ports.clock.advance(60 * MIN)
    await h.core.scheduler.start()
    await h.core.scheduler.whenIdle()
    expect(h.ports.notifications.filter((n) => n.target.kind === 'delivery')).toHaveLength(1)
  })
})

describe('checking a saved post', () => {
  it('weighs the stored copy of its image, even when the file is gone or was picked before a restart', async () => {
    h = await startDemo()
    const router = routerOf(h)
    const instagram = await channelIdOf(h, 'instagram', FACEBOOK_SEED.instagram.coffee.id)
    const x = await channelIdOf(h, 'x', X_SEED.channels.brand)
    const png = writePng(h.dir, 'latte.png', 1080, 300)
    h.ports.pickedFiles.push(png)
    await router.dispatch(APP_FRAME, 'schedule:pick-image', undefined)
    const { post } = await h.core.handlers['schedule:create-post']({ text: 'Latte art', image: { path: png }, channelIds: [x], timeZone: 'UTC', draft: true })
    if (!post) throw new Error('not saved')
    const { rmSync } = await import('node:fs')
    rmSync(png)

    const checked = await router.dispatch(APP_FRAME, 'schedule:check-content', { postId: post.id, text: 'Latte art', image: { path: png }, channelIds: [x, instagram] })
    // The stored copy is weighed (as the JPEG Instagram is sent): its complaint is about the image's shape, not a missing image.
    expect(checked).toMatchObject({ ok: true, data: [{ channelId: instagram, problems: [{ field: 'image', message: expect.stringContaining('aspect ratio') }] }] })
    // Without the post, the path is just a path main did not pick (any more).
    const unknown = await router.dispatch(APP_FRAME, 'schedule:check-content', { text: 'Latte art', image: { path: png }, channelIds: [x] })
    expect(unknown).toMatchObject({ ok: false })
  })
})

describe('starting with a half-finished publish', () => {
  it('opens at once while the network is asked about it in the background', async () => {
    const { createApp } = await import('../../../src/main/app')
    const { startSandboxNetwork } = await import('../../../src/main/sandbox/server')
    const { createTestPorts, tempDir } = await import('../../fakes/ports')
    const dir = tempDir('relink-start-')
    const ports = createTestPorts(dir)
    const sandbox = await startSandboxNetwork({ clock: ports.clock, seed: 1 })
    const config = { dataDir: dir, version: 'test', demoMode: true, sandbox, providerTimeoutMs: 60_000 }
    const first = await createApp(ports, { ...config, watch: false })
    const x = (await first.handlers['channels:list'](undefined)).find((c) => c.network === 'x')
    if (!x) throw new Error('no X channel')
    const { post } = await first.handlers['schedule:create-post']({ text: 'Interrupted', channelIds: [x.id], publishAt: ports.clock.now() + MIN, timeZone: 'UTC' })
    // The previous run died with the request on the wire.
    first.database.sqlite.prepare("UPDATE deliveries SET state = 'publishing', intent_at = ?, attempt_count = 1 WHERE post_id = ?").run(ports.clock.now(), post?.id)
    await first.dispose()

    // The network does not answer the lookup until the test lets it.
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    let asked = 0
    const http = {
      request: async (req: Parameters<typeof ports.http.request>[0]) => {
        asked += 1
        await gate
        return ports.http.request(req)
      },
    }
    const opened = createApp({ ...ports, http }, { ...config, seedDemo: false })
    const outcome = await Promise.race([opened.then(() => 'opened'), new Promise((resolve) => setTimeout(() => resolve('waited'), 2_000))])
    release()
    const core = await opened
    expect(outcome).toBe('opened')
    // Once the network answers, the lookup by marker finds nothing: the post never reached X.
    // It stays publishing and looks once more after X's delay before publishing it again.
    await vi.waitFor(async () => {
      const [delivery] = (await core.handlers['schedule:get-post']({ postId: post?.id ?? '' })).deliveries
      expect(delivery).toMatchObject({ state: 'publishing', failureReason: 'checking' })
    })
    expect(asked).toBeGreaterThan(0)
    await core.dispose()
    await sandbox.close()
  })
})
