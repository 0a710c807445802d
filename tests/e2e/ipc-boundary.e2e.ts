import type { Result } from '../../src/shared/errors'
import { expect, openApp, storedBrands, test } from './fixtures'
import { APP_ORIGIN } from './origin'

/** What page code can reach, typed by hand because the Node-side type check has no DOM library. */
interface PageScope {
  relink: { invoke(name: string, input?: unknown): Promise<Result<unknown>> }
  __relinkInvoke(channel: string, input: unknown): Promise<Result<unknown>>
  document: {
    createElement(tag: 'iframe'): { id: string }
    body: { append(node: unknown): void }
  }
}

test.beforeEach(async ({ page }) => {
  await openApp(page)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Channels')
})

test('malformed input comes back as a validation error value and changes nothing', async ({ page, relink }) => {
  const reply = await page.evaluate(() => (globalThis as unknown as PageScope).relink.invoke('brands:create', { name: 42 }))
  expect(reply).toMatchObject({ ok: false, error: { code: 'validation', retryable: false, issues: [{ path: 'name' }] } })

  const extraKey = await page.evaluate(() =>
    (globalThis as unknown as PageScope).relink.invoke('brands:create', { name: 'Fine', isAdmin: true }),
  )
  expect(extraKey).toMatchObject({ ok: false, error: { code: 'validation' } })
  expect(await storedBrands(relink)).toEqual([])
})

test('unknown commands are refused by the preload and again by main', async ({ page }) => {
  const viaApi = await page.evaluate(() => (globalThis as unknown as PageScope).relink.invoke('brands:drop-all'))
  expect(viaApi).toEqual({ ok: false, error: { code: 'validation', message: 'Unknown command "brands:drop-all".', retryable: false } })

  // Skipping the preload and calling the transport directly meets the router's own check.
  const viaTransport = await page.evaluate(() => (globalThis as unknown as PageScope).__relinkInvoke('shell:run', 'rm -rf /'))
  expect(viaTransport).toMatchObject({ ok: false, error: { code: 'validation', message: 'Unknown command "shell:run".' } })
})

test('a call from an iframe is forbidden', async ({ page, relink }) => {
  await page.evaluate(() => {
    const scope = globalThis as unknown as PageScope
    const frame = scope.document.createElement('iframe')
    frame.id = 'intruder'
    scope.document.body.append(frame)
  })
  const child = page.frameLocator('#intruder')
  await expect(child.locator('body')).toBeAttached()
  const frame = page.frames().find((f) => f !== page.mainFrame())
  if (!frame) throw new Error('the iframe did not attach')

  // The same bridge exists in the iframe; main refuses because the caller is not the top-level document.
  const reply = await frame.evaluate(() => (globalThis as unknown as PageScope).relink.invoke('brands:create', { name: 'From a frame' }))
  expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: 'This window is not allowed to talk to Relink.', retryable: false } })
  expect(await storedBrands(relink)).toEqual([])
  expect(relink.ports.logLines.some((line) => line.includes('rejected message from untrusted frame'))).toBe(true)

  // The frame above is about:blank; a subframe on the app's own origin is refused for being a subframe.
  const sameOrigin = await relink.router.dispatch({ url: `${APP_ORIGIN}/`, isMainFrame: false }, 'brands:list', undefined)
  expect(sameOrigin).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  const otherOrigin = await relink.router.dispatch({ url: 'http://127.0.0.1:9999/', isMainFrame: true }, 'brands:list', undefined)
  expect(otherOrigin).toMatchObject({ ok: false, error: { code: 'forbidden' } })
})

test('page code cannot replace window.relink', async ({ page }) => {
  const outcome = await page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown> & PageScope
    const original = scope.relink
    // Sloppy-mode assignment fails silently, strict mode throws; either way nothing may change.
    try {
      scope.relink = { invoke: () => Promise.resolve({ ok: true, data: 'forged' }) }
    } catch {
      /* expected in strict mode */
    }
    let redefined = true
    try {
      Object.defineProperty(scope, 'relink', { value: null })
    } catch {
      redefined = false
    }
    return { same: scope.relink === original, redefined, frozen: Object.isFrozen(original) }
  })
  expect(outcome).toEqual({ same: true, redefined: false, frozen: true })

  const reply = await page.evaluate(() => (globalThis as unknown as PageScope).relink.invoke('brands:list'))
  expect(reply).toEqual({ ok: true, data: [] })
})
