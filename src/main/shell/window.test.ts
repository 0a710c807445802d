import { beforeEach, describe, expect, it, vi } from 'vitest'
import { BrowserWindow as FakeBrowserWindow, fakeElectron } from '../../../tests/fakes/electron'
import { createMainWindow, isAppUrl } from './window'

const PRELOAD = '/opt/relink/out/preload/index.cjs'
const INDEX = '/opt/relink/out/renderer/index.html'

function open(options: { dev?: boolean } = {}): { win: FakeBrowserWindow; opened: string[] } {
  const opened: string[] = []
  createMainWindow({
    preloadPath: PRELOAD,
    entry: options.dev ? { url: 'http://localhost:5173/' } : { file: INDEX },
    ...(options.dev ? { devServerOrigin: 'http://localhost:5173' } : {}),
    openExternal: (url) => void opened.push(url),
  })
  const win = fakeElectron.lastWindow
  if (!win) throw new Error('no window was created')
  return { win, opened }
}

beforeEach(() => fakeElectron.reset())

describe('main window options', () => {
  it('creates the window with exactly the hardened web preferences', () => {
    open()
    const [options] = fakeElectron.callsTo('BrowserWindow.new')[0] ?? []
    expect(options).toMatchObject({ title: 'Relink', show: false })
    expect((options as { webPreferences: unknown }).webPreferences).toEqual({
      preload: PRELOAD,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: true,
    })
  })

  it('has a usable size and minimum size', () => {
    const { win } = open()
    const { width, height, minWidth, minHeight } = win.options as Record<string, number>
    expect(minWidth).toBeGreaterThanOrEqual(800)
    expect(minHeight).toBeGreaterThanOrEqual(500)
    expect(width).toBeGreaterThanOrEqual(minWidth ?? 0)
    expect(height).toBeGreaterThanOrEqual(minHeight ?? 0)
  })

  it('stays hidden until ready-to-show', () => {
    const { win } = open()
    expect(win.visible).toBe(false)
    win.emit('ready-to-show')
    expect(win.visible).toBe(true)
  })

  it('loads the built index.html in production and the dev server URL in development', () => {
    open()
    expect(fakeElectron.callsTo('BrowserWindow.loadFile')).toEqual([[INDEX]])
    fakeElectron.reset()
    open({ dev: true })
    expect(fakeElectron.callsTo('BrowserWindow.loadURL')).toEqual([['http://localhost:5173/']])
  })

  it('reports a failed load instead of leaving an unhandled rejection', async () => {
    const failure = new Error('ERR_CONNECTION_REFUSED')
    vi.spyOn(FakeBrowserWindow.prototype, 'loadURL').mockRejectedValueOnce(failure)
    const onLoadFailed = vi.fn()
    createMainWindow({ preloadPath: PRELOAD, entry: { url: 'http://localhost:5173/' }, openExternal: () => undefined, onLoadFailed })
    await vi.waitFor(() => expect(onLoadFailed).toHaveBeenCalledWith(failure))
  })
})

describe('new windows', () => {
  it('denies every window.open and hands https links to the system browser', () => {
    const { win, opened } = open()
    expect(win.webContents.openWindow('https://www.facebook.com/relink')).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://www.facebook.com/relink'])
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'http://example.com/', 'smb://host/share', 'ms-settings:privacy', 'not a url'])(
    'denies %s without opening it anywhere',
    (url) => {
      const { win, opened } = open()
      expect(win.webContents.openWindow(url)).toEqual({ action: 'deny' })
      expect(opened).toEqual([])
    },
  )
})

describe('navigation', () => {
  it('prevents navigation to a foreign page', () => {
    const { win } = open()
    expect(win.webContents.navigate('https://evil.example/')).toBe(true)
    expect(win.webContents.navigate('file:///etc/passwd')).toBe(true)
    expect(win.webContents.navigate('file:///opt/relink/out/renderer/other.html')).toBe(true)
  })

  it('lets the app document reload itself, hash routes included', () => {
    const { win } = open()
    expect(win.webContents.navigate('file:///opt/relink/out/renderer/index.html')).toBe(false)
    expect(win.webContents.navigate('file:///opt/relink/out/renderer/index.html#/channels')).toBe(false)
  })

  it('prevents server redirects to foreign pages', () => {
    const { win } = open({ dev: true })
    expect(win.webContents.navigate('https://evil.example/', 'will-redirect')).toBe(true)
    expect(win.webContents.navigate('http://localhost:5173/index.html', 'will-redirect')).toBe(false)
  })

  it('allows the dev server origin only in development', () => {
    const { win } = open({ dev: true })
    expect(win.webContents.navigate('http://localhost:5173/')).toBe(false)
    expect(win.webContents.navigate('http://localhost:5174/')).toBe(true)
    expect(win.webContents.navigate('http://localhost.evil.example:5173/')).toBe(true)
  })

  it('refuses to attach a webview', () => {
    const { win } = open()
    expect(win.webContents.attachWebview('https://www.facebook.com/login')).toBe(true)
  })
})

describe('isAppUrl', () => {
  it('compares parsed URLs, not string prefixes', () => {
    const entry = { url: 'http://localhost:5173/' }
    expect(isAppUrl('http://localhost:5173/', entry)).toBe(true)
    expect(isAppUrl('http://localhost:5173@evil.example/', entry)).toBe(false)
    expect(isAppUrl('http://localhost:51730/', entry)).toBe(false)
    expect(isAppUrl('::not a url', entry)).toBe(false)
  })
})
