/**
 * A recording fake of the parts of the `electron` module Relink uses. Vitest aliases `electron`
 * to this file, so `src/main/shell/` (and electron-store) run in plain Node. Every call is
 * appended to `fakeElectron.calls`; callbacks the code registers (IPC handlers, window-open
 * handler, navigation guards, permission handlers, the headers hook, menu clicks, notification
 * clicks) are kept so a test can trigger them the way Electron would.
 */
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RecordedCall {
  api: string
  args: unknown[]
}

/** Any callback; the fake invokes it with the arguments Electron would pass. */
export type Listener = (...args: never[]) => unknown
type Invocable = (...args: unknown[]) => unknown

const calls: RecordedCall[] = []
const record = (api: string, ...args: unknown[]): void => {
  calls.push({ api, args })
}
const invoke = (fn: Listener, args: unknown[]): unknown => (fn as unknown as Invocable)(...args)

/** Electron's `Event`: only `preventDefault` and its flag matter to Relink. */
export class FakeEvent {
  defaultPrevented = false
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

/** The subset of Node's EventEmitter Electron objects share, plus `emit` for tests. */
export class FakeEmitter {
  readonly #listeners = new Map<string, { fn: Listener; once: boolean }[]>()

  constructor(protected readonly apiName: string) {}

  on(event: string, listener: Listener): this {
    record(`${this.apiName}.on`, event, listener)
    this.#add(event, listener, false)
    return this
  }

  once(event: string, listener: Listener): this {
    record(`${this.apiName}.once`, event, listener)
    this.#add(event, listener, true)
    return this
  }

  removeListener(event: string, listener: Listener): this {
    record(`${this.apiName}.removeListener`, event, listener)
    const list = this.#listeners.get(event) ?? []
    this.#listeners.set(
      event,
      list.filter((l) => l.fn !== listener),
    )
    return this
  }

  /** Calls every listener for `event` as Electron would; returns whether any ran. */
  emit(event: string, ...args: unknown[]): boolean {
    const list = [...(this.#listeners.get(event) ?? [])]
    this.#listeners.set(
      event,
      (this.#listeners.get(event) ?? []).filter((l) => !l.once),
    )
    for (const l of list) invoke(l.fn, args)
    return list.length > 0
  }

  listenerCount(event: string): number {
    return this.#listeners.get(event)?.length ?? 0
  }

  removeAllListeners(): this {
    this.#listeners.clear()
    return this
  }

  #add(event: string, fn: Listener, once: boolean): void {
    const list = this.#listeners.get(event) ?? []
    list.push({ fn, once })
    this.#listeners.set(event, list)
  }
}

// ---------------------------------------------------------------------------------------------
// app

let userDataRoot: string | undefined
/** One temp folder per test process, so electron-store and logs never touch a real profile. */
function processTempRoot(): string {
  userDataRoot ??= mkdtempSync(join(tmpdir(), 'relink-fake-electron-'))
  return userDataRoot
}

class FakeApp extends FakeEmitter {
  isPackaged = false
  name = 'Relink'
  /** What `requestSingleInstanceLock()` answers. */
  singleInstanceLock = true
  quitCount = 0

  constructor() {
    super('app')
  }

  getPath(name: string): string {
    record('app.getPath', name)
    const dir = join(processTempRoot(), name)
    mkdirSync(dir, { recursive: true })
    return dir
  }

  getAppPath(): string {
    record('app.getAppPath')
    return process.cwd()
  }

  getVersion(): string {
    record('app.getVersion')
    return '0.0.0-test'
  }

  getSystemLocale(): string {
    record('app.getSystemLocale')
    return 'en-GB'
  }

  getName(): string {
    return this.name
  }

  whenReady(): Promise<void> {
    record('app.whenReady')
    return Promise.resolve()
  }

  isReady(): boolean {
    return true
  }

  /** Like Electron: `before-quit` then `will-quit`, either of which may cancel with preventDefault. */
  quit(): void {
    record('app.quit')
    this.quitCount += 1
    const before = new FakeEvent()
    this.emit('before-quit', before)
    if (before.defaultPrevented) return
    const will = new FakeEvent()
    this.emit('will-quit', will)
  }

  relaunch(): void {
    record('app.relaunch')
  }

  exit(code?: number): void {
    record('app.exit', code)
  }

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    record('app.requestSingleInstanceLock', additionalData)
    return this.singleInstanceLock
  }

  setAppUserModelId(id: string): void {
    record('app.setAppUserModelId', id)
  }

  focus(options?: { steal: boolean }): void {
    record('app.focus', options)
  }

  reset(): void {
    this.removeAllListeners()
    this.isPackaged = false
    this.singleInstanceLock = true
    this.quitCount = 0
  }
}

export const app = new FakeApp()

// ---------------------------------------------------------------------------------------------
// session

export interface FakeHeadersDetails {
  url: string
  resourceType?: string
  responseHeaders?: Record<string, string[]>
}
export interface FakeHeadersResponse {
  cancel?: boolean
  responseHeaders?: Record<string, string | string[]>
  statusLine?: string
}
export type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: unknown,
) => void
export type PermissionCheckHandler = (webContents: unknown, permission: string, requestingOrigin: string, details?: unknown) => boolean
export type HeadersReceivedListener = (details: FakeHeadersDetails, callback: (response: FakeHeadersResponse) => void) => void

class FakeWebRequest {
  headersReceived: HeadersReceivedListener | null = null

  onHeadersReceived(listener: HeadersReceivedListener | null): void {
    record('session.webRequest.onHeadersReceived', listener)
    this.headersReceived = listener
  }
}

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: PermissionCheckHandler | null = null
  readonly webRequest = new FakeWebRequest()

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    record('session.setPermissionRequestHandler', handler)
    this.permissionRequestHandler = handler
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    record('session.setPermissionCheckHandler', handler)
    this.permissionCheckHandler = handler
  }

  reset(): void {
    this.permissionRequestHandler = null
    this.permissionCheckHandler = null
    this.webRequest.headersReceived = null
  }
}

export const session = { defaultSession: new FakeSession() }

// ---------------------------------------------------------------------------------------------
// BrowserWindow and webContents

let nextWebContentsId = 1

/** A frame (`WebFrameMain`): the identity of `webContents.mainFrame` is what IPC checks compare. */
export class FakeFrame {
  constructor(
    public url: string,
    readonly isMain: boolean,
  ) {}
}

export interface FakeWindowOpenDetails {
  url: string
  frameName?: string
  features?: string
  disposition?: string
}
export type WindowOpenHandler = (details: FakeWindowOpenDetails) => { action: 'allow' | 'deny' }

export class FakeWebContents extends FakeEmitter {
  readonly id = nextWebContentsId++
  readonly mainFrame = new FakeFrame('about:blank', true)
  readonly session = session.defaultSession
  windowOpenHandler: WindowOpenHandler | undefined
  destroyed = false
  readonly sent: { channel: string; args: unknown[] }[] = []

  constructor() {
    super('webContents')
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    record('webContents.setWindowOpenHandler', handler)
    this.windowOpenHandler = handler
  }

  send(channel: string, ...args: unknown[]): void {
    record('webContents.send', channel, ...args)
    this.sent.push({ channel, args })
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  getURL(): string {
    return this.mainFrame.url
  }

  /** Fires `will-navigate` (or another navigation event) and reports whether it was prevented. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' = 'will-navigate'): boolean {
    // Electron 45 passes the details on the event; the positional `url` is deprecated but still sent.
    const e = Object.assign(new FakeEvent(), { url, isMainFrame: true, isSameDocument: false, frame: this.mainFrame })
    this.emit(event, e, url)
    return e.defaultPrevented
  }

  /** Asks the registered window-open handler, as `window.open` or a target=_blank link would. */
  openWindow(url: string): { action: 'allow' | 'deny' } {
    if (!this.windowOpenHandler) return { action: 'allow' }
    return this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' })
  }

  /** Stands in for Chromium's printer: records the options and answers a PDF that names the page. */
  printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    record('webContents.printToPDF', options)
    if (this.destroyed) return Promise.reject(new Error('Object has been destroyed'))
    return Promise.resolve(Buffer.from(`%PDF-1.7\n% printed from ${this.mainFrame.url}\n%%EOF\n`))
  }

  /** Fires `will-attach-webview` and reports whether it was prevented. */
  attachWebview(src: string): boolean {
    const e = new FakeEvent()
    this.emit('will-attach-webview', e, { preload: '', nodeIntegration: false }, { src })
    return e.defaultPrevented
  }
}

export interface FakeWindowOptions {
  [key: string]: unknown
  webPreferences?: Record<string, unknown>
}

export class BrowserWindow extends FakeEmitter {
  readonly webContents = new FakeWebContents()
  readonly options: FakeWindowOptions
  visible = false
  minimized = false
  destroyed = false
  focused = false
  loaded: { kind: 'url' | 'file'; target: string } | undefined

  constructor(options: FakeWindowOptions = {}) {
    super('BrowserWindow')
    record('BrowserWindow.new', options)
    this.options = options
    windows.push(this)
  }

  static getAllWindows(): BrowserWindow[] {
    return windows.filter((w) => !w.destroyed)
  }

  loadURL(url: string): Promise<void> {
    record('BrowserWindow.loadURL', url)
    this.loaded = { kind: 'url', target: url }
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }

  loadFile(file: string): Promise<void> {
    record('BrowserWindow.loadFile', file)
    this.loaded = { kind: 'file', target: file }
    this.webContents.mainFrame.url = new URL(`file://${file.startsWith('/') ? '' : '/'}${file.replaceAll('\\', '/')}`).href
    return Promise.resolve()
  }

  show(): void {
    record('BrowserWindow.show')
    this.visible = true
    this.minimized = false
  }

  hide(): void {
    record('BrowserWindow.hide')
    this.visible = false
  }

  focus(): void {
    record('BrowserWindow.focus')
    this.focused = true
  }

  restore(): void {
    record('BrowserWindow.restore')
    this.minimized = false
  }

  minimize(): void {
    record('BrowserWindow.minimize')
    this.minimized = true
  }

  isMinimized(): boolean {
    return this.minimized
  }

  isVisible(): boolean {
    return this.visible
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  /** Like Electron: `close` may be cancelled; otherwise the window is destroyed and `closed` fires. */
  close(): void {
    record('BrowserWindow.close')
    const e = new FakeEvent()
    this.emit('close', e)
    if (e.defaultPrevented) return
    this.destroy()
  }

  destroy(): void {
    record('BrowserWindow.destroy')
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
}

const windows: BrowserWindow[] = []

// ---------------------------------------------------------------------------------------------
// IPC

export interface FakeInvokeEvent {
  senderFrame: FakeFrame | null
  sender?: FakeWebContents
  processId?: number
  frameId?: number
}
export type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown

class FakeIpcMain extends FakeEmitter {
  readonly handlers = new Map<string, InvokeHandler>()

  constructor() {
    super('ipcMain')
  }

  handle(channel: string, handler: InvokeHandler): void {
    record('ipcMain.handle', channel, handler)
    // Electron throws on a second handler for the same channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  }

  removeHandler(channel: string): void {
    record('ipcMain.removeHandler', channel)
    this.handlers.delete(channel)
  }

  /** Delivers an `ipcRenderer.invoke` from `senderFrame`, the way Electron would. */
  async invoke(channel: string, senderFrame: FakeFrame | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    return await handler({ senderFrame, processId: 1, frameId: 1 }, ...args)
  }

  reset(): void {
    this.handlers.clear()
    this.removeAllListeners()
  }
}

export const ipcMain = new FakeIpcMain()

class FakeIpcRenderer extends FakeEmitter {
  constructor() {
    super('ipcRenderer')
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    record('ipcRenderer.invoke', channel, ...args)
    return Promise.resolve(undefined)
  }

  send(channel: string, ...args: unknown[]): void {
    record('ipcRenderer.send', channel, ...args)
  }

  sendSync(channel: string, ...args: unknown[]): unknown {
    record('ipcRenderer.sendSync', channel, ...args)
    return undefined
  }
}

export const ipcRenderer = new FakeIpcRenderer()

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    record('contextBridge.exposeInMainWorld', key, api)
    contextBridge.exposed.set(key, api)
  },
}

// ---------------------------------------------------------------------------------------------
// shell, dialog, safeStorage

export const shell = {
  openExternal(url: string, options?: Record<string, unknown>): Promise<void> {
    record('shell.openExternal', url, options)
    return Promise.resolve()
  },
  openPath(path: string): Promise<string> {
    record('shell.openPath', path)
    return Promise.resolve('')
  },
}

export const dialog = {
  /** What the next open dialogs answer, in order; with none left the person cancels. */
  openAnswers: [] as string[][],
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', title, content)
  },
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    record('dialog.showOpenDialog', ...args)
    const filePaths = dialog.openAnswers.shift() ?? []
    return Promise.resolve({ canceled: filePaths.length === 0, filePaths })
  },
  /** What the next save dialogs answer, in order; with none left the person cancels. */
  saveAnswers: [] as string[],
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    record('dialog.showSaveDialog', ...args)
    const filePath = dialog.saveAnswers.shift()
    return Promise.resolve(filePath ? { canceled: false, filePath } : { canceled: true })
  },
}

const SEALED_PREFIX = Buffer.from('fake-safe-storage:')
const scramble = (bytes: Uint8Array): Buffer => {
  const out = Buffer.alloc(bytes.length)
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] ?? 0) ^ 0x5a
  return out
}

/**
 * Reversible but not plain text, so a test can tell ciphertext from the secret. Like Electron,
 * decrypt takes only a Buffer.
 */
class FakeSafeStorage {
  asyncAvailable = true
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' = 'gnome_libsecret'
  shouldReEncrypt = false

  isAsyncEncryptionAvailable(): Promise<boolean> {
    record('safeStorage.isAsyncEncryptionAvailable')
    return Promise.resolve(this.asyncAvailable)
  }

  getSelectedStorageBackend(): FakeSafeStorage['backend'] {
    record('safeStorage.getSelectedStorageBackend')
    return this.backend
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    record('safeStorage.encryptStringAsync', plainText)
    if (!this.asyncAvailable) throw new Error('Encryption is not available.')
    return Buffer.concat([SEALED_PREFIX, scramble(Buffer.from(plainText, 'utf8'))])
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    record('safeStorage.decryptStringAsync', encrypted)
    if (!Buffer.isBuffer(encrypted)) throw new TypeError('Expected the first argument of decryptStringAsync() to be a buffer')
    if (!encrypted.subarray(0, SEALED_PREFIX.length).equals(SEALED_PREFIX)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.')
    const body = scramble(encrypted.subarray(SEALED_PREFIX.length))
    return { result: body.toString('utf8'), shouldReEncrypt: this.shouldReEncrypt }
  }

  reset(): void {
    this.asyncAvailable = true
    this.backend = 'gnome_libsecret'
    this.shouldReEncrypt = false
  }
}

export const safeStorage = new FakeSafeStorage()

// ---------------------------------------------------------------------------------------------
// nativeImage, Tray, Menu, Notification, powerMonitor

export class FakeNativeImage {
  constructor(
    readonly source: { kind: 'path' | 'dataURL' | 'empty'; value: string },
  ) {}
  isEmpty(): boolean {
    return this.source.kind === 'empty'
  }
}

export const nativeImage = {
  createFromPath(path: string): FakeNativeImage {
    record('nativeImage.createFromPath', path)
    return new FakeNativeImage({ kind: 'path', value: path })
  },
  createFromDataURL(dataURL: string): FakeNativeImage {
    record('nativeImage.createFromDataURL', dataURL)
    return new FakeNativeImage({ kind: 'dataURL', value: dataURL })
  },
  createEmpty(): FakeNativeImage {
    record('nativeImage.createEmpty')
    return new FakeNativeImage({ kind: 'empty', value: '' })
  },
}

export interface FakeMenuItemOptions {
  label?: string
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio'
  role?: string
  id?: string
  accelerator?: string
  enabled?: boolean
  visible?: boolean
  click?: Listener
  submenu?: FakeMenuItemOptions[] | Menu
}

export class FakeMenuItem {
  readonly label: string
  readonly type: string
  readonly role: string | undefined
  readonly enabled: boolean
  readonly visible: boolean
  readonly accelerator: string | undefined
  readonly submenu: Menu | undefined
  readonly #click: Listener | undefined

  constructor(options: FakeMenuItemOptions) {
    this.label = options.label ?? ''
    this.role = options.role
    this.enabled = options.enabled ?? true
    this.visible = options.visible ?? true
    this.accelerator = options.accelerator
    this.submenu = options.submenu instanceof Menu ? options.submenu : options.submenu ? Menu.buildFromTemplate(options.submenu) : undefined
    this.type = options.type ?? (this.submenu ? 'submenu' : 'normal')
    this.#click = options.click
  }

  /** Clicks the item as Electron would: `click(menuItem, browserWindow, event)`. */
  click(): void {
    if (this.#click) invoke(this.#click, [this, undefined, {}])
  }
}

export class Menu {
  readonly items: FakeMenuItem[]

  constructor(items: FakeMenuItem[] = []) {
    this.items = items
  }

  static buildFromTemplate(template: FakeMenuItemOptions[]): Menu {
    record('Menu.buildFromTemplate', template)
    return new Menu(template.map((options) => new FakeMenuItem(options)))
  }

  static setApplicationMenu(menu: Menu | null): void {
    record('Menu.setApplicationMenu', menu)
    state.applicationMenu = menu
  }

  static getApplicationMenu(): Menu | null {
    return state.applicationMenu
  }

  /** Finds a visible item by label, descending into submenus. */
  find(label: string): FakeMenuItem | undefined {
    for (const item of this.items) {
      if (item.label === label) return item
      const inner = item.submenu?.find(label)
      if (inner) return inner
    }
    return undefined
  }
}

export class Tray extends FakeEmitter {
  image: FakeNativeImage | string
  tooltip = ''
  contextMenu: Menu | null = null
  destroyed = false

  constructor(image: FakeNativeImage | string, guid?: string) {
    super('Tray')
    record('Tray.new', image, guid)
    this.image = image
    trays.push(this)
  }

  setImage(image: FakeNativeImage | string): void {
    record('Tray.setImage', image)
    this.image = image
  }

  setToolTip(toolTip: string): void {
    record('Tray.setToolTip', toolTip)
    this.tooltip = toolTip
  }

  setContextMenu(menu: Menu | null): void {
    record('Tray.setContextMenu', menu)
    this.contextMenu = menu
  }

  destroy(): void {
    record('Tray.destroy')
    this.destroyed = true
  }

  isDestroyed(): boolean {
    return this.destroyed
  }
}

const trays: Tray[] = []

export interface FakeNotificationOptions {
  title?: string
  body?: string
  silent?: boolean
  icon?: string | FakeNativeImage
  [key: string]: unknown
}

export class Notification extends FakeEmitter {
  readonly options: FakeNotificationOptions
  shown = false
  closed = false

  constructor(options: FakeNotificationOptions = {}) {
    super('Notification')
    record('Notification.new', options)
    this.options = options
    notifications.push(this)
  }

  static isSupported(): boolean {
    record('Notification.isSupported')
    return state.notificationsSupported
  }

  show(): void {
    record('Notification.show', this.options)
    this.shown = true
  }

  close(): void {
    record('Notification.close', this.options)
    this.closed = true
    this.emit('close', new FakeEvent())
  }

  /** The user clicks the notification. */
  click(): void {
    this.emit('click', new FakeEvent())
  }
}

const notifications: Notification[] = []

class FakePowerMonitor extends FakeEmitter {
  constructor() {
    super('powerMonitor')
  }
}

export const powerMonitor = new FakePowerMonitor()

// ---------------------------------------------------------------------------------------------
// The recorder

const state: { applicationMenu: Menu | null; notificationsSupported: boolean } = {
  applicationMenu: null,
  notificationsSupported: true,
}

/** Test-side handle on everything the fake recorded and every callback it captured. */
export const fakeElectron = {
  /** Every API call in order, e.g. `{ api: 'ipcMain.handle', args: ['brands:list', fn] }`. */
  calls,
  /** The `args` of every call to `api`, in order. */
  callsTo(api: string): unknown[][] {
    return calls.filter((c) => c.api === api).map((c) => c.args)
  },
  app,
  session,
  ipcMain,
  safeStorage,
  windows,
  trays,
  notifications,
  /** Set false to simulate a platform without desktop notifications. */
  get notificationsSupported(): boolean {
    return state.notificationsSupported
  },
  set notificationsSupported(value: boolean) {
    state.notificationsSupported = value
  },
  get applicationMenu(): Menu | null {
    return state.applicationMenu
  },
  /** Handlers registered with `ipcMain.handle`, by channel. */
  get ipcHandlers(): ReadonlyMap<string, InvokeHandler> {
    return ipcMain.handlers
  },
  /** The last window created (most tests create one). */
  get lastWindow(): BrowserWindow | undefined {
    return windows.at(-1)
  },
  /** Forgets every call, window, tray, notification, handler and setting. */
  reset(): void {
    calls.length = 0
    windows.length = 0
    trays.length = 0
    notifications.length = 0
    state.applicationMenu = null
    state.notificationsSupported = true
    contextBridge.exposed.clear()
    app.reset()
    ipcMain.reset()
    ipcRenderer.removeAllListeners()
    powerMonitor.removeAllListeners()
    dialog.openAnswers.length = 0
    dialog.saveAnswers.length = 0
    session.defaultSession.reset()
    safeStorage.reset()
  },
}

const electron = {
  app,
  BrowserWindow,
  session,
  ipcMain,
  ipcRenderer,
  contextBridge,
  shell,
  dialog,
  safeStorage,
  Tray,
  Menu,
  Notification,
  nativeImage,
  powerMonitor,
  fakeElectron,
}

export default electron
