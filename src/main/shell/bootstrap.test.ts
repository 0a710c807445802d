import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../shared/csp'
import { COMMANDS } from '../../shared/ipc/channels'
import { DATABASE_FILE } from '../app'
import { MIGRATIONS } from '../db/migrations'
import { migrate } from '../db/migrate'
import * as electron from '../../../tests/fakes/electron'
import { APP_USER_MODEL_ID, startRelink, type RunningRelink, type ShellEnvironment } from './bootstrap'

const { fakeElectron, FakeFrame } = electron
const MAIN_DIR = '/opt/relink/out/main'
const pieces = { app: electron.app, dialog: electron.dialog, ipcMain: electron.ipcMain, powerMonitor: electron.powerMonitor, safeStorage: electron.safeStorage, session: electron.session }

let running: RunningRelink | undefined
let dataDir: string

function environment(overrides: Partial<ShellEnvironment> = {}): ShellEnvironment {
  return { env: { RELINK_DATA_DIR: dataDir }, platform: 'linux', mainDir: MAIN_DIR, ...overrides }
}

async function start(overrides: Partial<ShellEnvironment> = {}): Promise<RunningRelink> {
  const result = await startRelink(pieces, environment(overrides))
  if (!result) throw new Error(`Relink did not start: ${JSON.stringify(fakeElectron.callsTo('dialog.showErrorBox'))}`)
  running = result
  return result
}

function theWindow(): electron.BrowserWindow {
  const win = fakeElectron.lastWindow
  if (!win) throw new Error('no window')
  return win
}

beforeEach(() => {
  fakeElectron.reset()
  dataDir = mkdtempSync(join(tmpdir(), 'relink-bootstrap-'))
})

afterEach(async () => {
  await running?.core.dispose()
  running = undefined
})

describe('single instance', () => {
  it('quits at once when another Relink holds the lock', async () => {
    fakeElectron.app.singleInstanceLock = false
    expect(await startRelink(pieces, environment())).toBeUndefined()
    expect(fakeElectron.callsTo('app.quit')).toHaveLength(1)
    expect(fakeElectron.callsTo('app.whenReady')).toEqual([])
    expect(fakeElectron.windows).toEqual([])
    expect(fakeElectron.ipcHandlers.size).toBe(0)
  })

  it('brings the window back when Relink is launched again', async () => {
    await start()
    const win = theWindow()
    win.minimize()
    win.hide()
    fakeElectron.app.emit('second-instance', {}, ['relink'], '/')
    expect(win.minimized).toBe(false)
    expect(win.visible).toBe(true)
    expect(win.focused).toBe(true)
  })
})

describe('a database Relink must not open', () => {
  it('shows why and quits when the database was written by a newer Relink, leaving it untouched', async () => {
    const file = join(dataDir, DATABASE_FILE)
    const db = new BetterSqlite3(file)
    migrate(db, MIGRATIONS, Date.UTC(2026, 0, 1))
    db.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(MIGRATIONS.length + 7, '9999_future', 1)
    const before = db.prepare('SELECT * FROM schema_version ORDER BY version').all()
    db.close()

    expect(await startRelink(pieces, environment())).toBeUndefined()

    const [[title, message] = []] = fakeElectron.callsTo('dialog.showErrorBox')
    expect(title).toBe('Relink cannot start')
    expect(message).toMatch(/newer version of Relink/)
    expect(fakeElectron.callsTo('app.quit')).toHaveLength(1)
    expect(fakeElectron.windows).toEqual([])
    expect(fakeElectron.ipcHandlers.size).toBe(0)
    expect(fakeElectron.trays.every((t) => t.destroyed)).toBe(true)
    const after = new BetterSqlite3(file, { readonly: true })
    expect(after.prepare('SELECT * FROM schema_version ORDER BY version').all()).toEqual(before)
    after.close()
  })

  it('shows why and quits when the database file is damaged, keeping its bytes', async () => {
    const file = join(dataDir, DATABASE_FILE)
    const garbage = Buffer.from('this is not a SQLite database, but it is the user’s file')
    writeFileSync(file, garbage)
    expect(await startRelink(pieces, environment())).toBeUndefined()
    expect(fakeElectron.callsTo('dialog.showErrorBox')[0]?.[1]).toMatch(/damaged/)
    expect(fakeElectron.callsTo('app.quit')).toHaveLength(1)
    expect(readFileSync(file)).toEqual(garbage)
  })
})

describe('a normal start', () => {
  it('creates the hardened window on the built renderer with the CommonJS preload', async () => {
    await start()
    const win = theWindow()
    expect(win.options.webPreferences).toMatchObject({ preload: '/opt/relink/out/preload/index.cjs', sandbox: true, contextIsolation: true })
    expect(fakeElectron.callsTo('BrowserWindow.loadFile')).toEqual([['/opt/relink/out/renderer/index.html']])
    expect(fakeElectron.callsTo('BrowserWindow.loadURL')).toEqual([])
  })

  it('applies the production session policy before the window exists', async () => {
    await start()
    const order = fakeElectron.calls.map((c) => c.api)
    expect(order.indexOf('session.setPermissionRequestHandler')).toBeLessThan(order.indexOf('BrowserWindow.new'))
    expect(order.indexOf('session.webRequest.onHeadersReceived')).toBeLessThan(order.indexOf('BrowserWindow.new'))
    let csp: unknown
    fakeElectron.session.defaultSession.webRequest.headersReceived?.({ url: 'file:///x' }, (r) => {
      csp = r.responseHeaders?.['Content-Security-Policy']
    })
    expect(csp).toEqual([contentSecurityPolicy('production')])
  })

  it('wires one handler per command that answers the window and refuses anything else', async () => {
    await start()
    expect(fakeElectron.ipcHandlers.size).toBe(COMMANDS.length)
    const win = theWindow()
    const info = await fakeElectron.ipcMain.invoke('app:get-info', win.webContents.mainFrame, undefined)
    expect(info).toMatchObject({ ok: true, data: { dataDir, demoMode: true, secretStorage: 'os', version: '0.0.0-test' } })
    const iframe = new FakeFrame(win.webContents.mainFrame.url, false)
    expect(await fakeElectron.ipcMain.invoke('app:get-info', iframe, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it("refuses the window's main frame once it shows any file: page but the app's own", async () => {
    await start()
    const win = theWindow()
    for (const url of ['file://attacker.example/opt/relink/out/renderer/index.html', 'file:///home/me/Downloads/index.html']) {
      win.webContents.mainFrame.url = url
      expect(await fakeElectron.ipcMain.invoke('app:get-info', win.webContents.mainFrame, undefined), url).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    win.webContents.mainFrame.url = 'file:///opt/relink/out/renderer/index.html#/settings'
    expect(await fakeElectron.ipcMain.invoke('app:get-info', win.webContents.mainFrame, undefined)).toMatchObject({ ok: true })
  })

  it('forwards core events to the window', async () => {
    await start()
    const win = theWindow()
    const created = await fakeElectron.ipcMain.invoke('brands:create', win.webContents.mainFrame, { name: 'Acme' })
    expect(created).toMatchObject({ ok: true })
    const brandId = (created as { data: { id: string } }).data.id
    expect(win.webContents.sent).toContainEqual({ channel: 'brands:did-change', args: [{ brandIds: [brandId] }] })
  })

  it('installs the application menu and a healthy tray', async () => {
    await start()
    expect(fakeElectron.applicationMenu?.find('Refresh all expired')).toBeDefined()
    expect(fakeElectron.trays).toHaveLength(1)
    expect(String((fakeElectron.trays[0]?.image as electron.FakeNativeImage).source.value)).toBe('/opt/relink/resources/tray-healthy.png')
  })

  it('brings the window forward from the menu, the tray and a notification click', async () => {
    const { ports } = await start()
    const win = theWindow()
    const check = (act: () => void): void => {
      win.hide()
      act()
      expect(win.visible).toBe(true)
    }
    check(() => fakeElectron.applicationMenu?.find('Refresh connection…')?.click())
    check(() => fakeElectron.applicationMenu?.find('Refresh all expired')?.click())
    check(() => fakeElectron.trays[0]?.contextMenu?.find('Open Relink')?.click())
    ports.tray.render({ level: 'broken', tooltip: 'Ana needs to reconnect', brokenProfiles: [{ id: 'p1', label: 'Ana' }], waitingPosts: 1 })
    check(() => fakeElectron.trays[0]?.contextMenu?.find('Refresh connection: Ana')?.click())
    check(() => fakeElectron.trays[0]?.contextMenu?.find('1 post waits for a decision')?.click())
    // The application menu follows the same list.
    check(() => fakeElectron.applicationMenu?.find('Needs attention (2)…')?.click())
    check(() => fakeElectron.applicationMenu?.find('Refresh connection: Ana')?.click())
    ports.notifier.show({ id: 'n1', title: 'Expired', body: 'Reconnect Ana', target: { kind: 'profile', id: 'p1' } })
    check(() => fakeElectron.notifications[0]?.click())
  })

  it('quits from the tray', async () => {
    await start()
    fakeElectron.trays[0]?.contextMenu?.find('Quit')?.click()
    expect(fakeElectron.callsTo('app.quit').length).toBeGreaterThanOrEqual(1)
    await expect.poll(() => fakeElectron.app.quitCount).toBe(2)
    running = undefined
  })

  it('keeps running in the tray when the window is closed, and closes for real on quit', async () => {
    const { core } = await start()
    const win = theWindow()
    win.close()
    expect(win.destroyed).toBe(false)
    expect(win.visible).toBe(false)

    fakeElectron.app.quit()
    // will-quit waits for the database to close, then quits again.
    await expect.poll(() => fakeElectron.app.quitCount).toBe(2)
    expect(fakeElectron.ipcHandlers.size).toBe(0)
    expect(fakeElectron.trays[0]?.destroyed).toBe(true)
    expect(core.database.sqlite.open).toBe(false)
    win.close()
    expect(win.destroyed).toBe(true)
    running = undefined
  })

  it('logs to <userData>/logs/relink.log', async () => {
    await start()
    const log = readFileSync(join(fakeElectron.app.getPath('userData'), 'logs', 'relink.log'), 'utf8')
    expect(log).toContain('startup: ready')
  })

  it('mirrors the log to stderr only in development builds', async () => {
    const lines: string[] = []
    await start({ stderr: (line) => lines.push(line) })
    expect(lines.some((l) => l.includes('startup: ready'))).toBe(true)
    await running?.core.dispose()
    running = undefined

    fakeElectron.reset()
    fakeElectron.app.isPackaged = true
    const packagedLines: string[] = []
    dataDir = mkdtempSync(join(tmpdir(), 'relink-bootstrap-'))
    await start({ stderr: (line) => packagedLines.push(line) })
    expect(packagedLines).toEqual([])
  })

  it('sets the AppUserModelID on Windows only', async () => {
    await start({ platform: 'win32' })
    expect(fakeElectron.callsTo('app.setAppUserModelId')).toEqual([[APP_USER_MODEL_ID]])
  })
})

describe('development', () => {
  const env = (): Record<string, string> => ({ RELINK_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: 'http://localhost:5173' })

  it('loads the dev server with the development CSP and trusts its origin', async () => {
    await start({ env: env() })
    expect(fakeElectron.callsTo('BrowserWindow.loadURL')).toEqual([['http://localhost:5173/']])
    let csp: unknown
    fakeElectron.session.defaultSession.webRequest.headersReceived?.({ url: 'http://localhost:5173/' }, (r) => {
      csp = r.responseHeaders?.['Content-Security-Policy']
    })
    expect(csp).toEqual([contentSecurityPolicy('development')])
    const win = theWindow()
    expect(await fakeElectron.ipcMain.invoke('app:get-info', win.webContents.mainFrame, undefined)).toMatchObject({ ok: true })
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged build', async () => {
    fakeElectron.app.isPackaged = true
    await start({ env: env() })
    expect(fakeElectron.callsTo('BrowserWindow.loadURL')).toEqual([])
    expect(fakeElectron.callsTo('BrowserWindow.loadFile')).toEqual([['/opt/relink/out/renderer/index.html']])
    const win = theWindow()
    win.webContents.mainFrame.url = 'http://localhost:5173/'
    expect(await fakeElectron.ipcMain.invoke('app:get-info', win.webContents.mainFrame, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

describe('the scheduler and the desktop', () => {
  it('looks for due posts again when the computer wakes or the screen is unlocked', async () => {
    const { core } = await start()
    const resumes: number[] = []
    const original = core.scheduler.resume
    core.scheduler.resume = () => {
      resumes.push(1)
      original()
    }
    electron.powerMonitor.emit('resume')
    electron.powerMonitor.emit('unlock-screen')
    expect(resumes).toHaveLength(2)
  })

  it('reads the channels again when the computer wakes, as the sync plan fell due during sleep', async () => {
    const { core } = await start()
    const resumes: number[] = []
    core.sync.resume = () => void resumes.push(1)
    electron.powerMonitor.emit('resume')
    electron.powerMonitor.emit('unlock-screen')
    expect(resumes).toHaveLength(2)
  })

  it('"Add image" goes through the system dialog, and a cancelled dialog attaches nothing', async () => {
    await start()
    const win = theWindow()
    const png = join(dataDir, 'pic.png')
    // A 1×1 PNG: signature and IHDR are what Relink reads.
    writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'))
    electron.dialog.openAnswers.push([png])
    const picked = await fakeElectron.ipcMain.invoke('schedule:pick-image', win.webContents.mainFrame, undefined)
    expect(picked).toMatchObject({ ok: true, data: { path: png, name: 'pic.png', mimeType: 'image/png', width: 1, height: 1 } })
    const [options] = fakeElectron.callsTo('dialog.showOpenDialog')[0] ?? []
    expect(options).toMatchObject({ properties: ['openFile'], filters: [{ name: 'Images' }] })
    expect(await fakeElectron.ipcMain.invoke('schedule:pick-image', win.webContents.mainFrame, undefined)).toEqual({ ok: true, data: null })
  })
})
