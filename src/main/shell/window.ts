import { pathToFileURL } from 'node:url'
import { BrowserWindow } from 'electron'

/** What the window shows: the dev server's URL while developing, the built `index.html` otherwise. */
export type WindowEntry = { url: string } | { file: string }

export interface MainWindowOptions {
  /** Absolute path of the CommonJS preload (`out/preload/index.cjs`). */
  preloadPath: string
  entry: WindowEntry
  /** The dev server's origin; navigations inside it are Vite reloads, not escapes. */
  devServerOrigin?: string
  /** Where an https link the page tries to open in a new window goes instead (the system browser). */
  openExternal: (url: string) => void
  /** Called if the entry fails to load (dev server down, missing build). */
  onLoadFailed?: (error: unknown) => void
}

/**
 * Decides whether a navigation stays inside the app: the entry document itself (any hash or
 * query), or anything on the dev server while developing. Parsed with `URL`, never by prefix
 * (checklist 13).
 */
export function isAppUrl(raw: string, entry: WindowEntry, devServerOrigin?: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if ('file' in entry) {
    const own = pathToFileURL(entry.file)
    return url.protocol === 'file:' && url.host === own.host && url.pathname === own.pathname
  }
  const own = new URL(entry.url)
  if (devServerOrigin !== undefined && url.origin === new URL(devServerOrigin).origin) return true
  return url.origin === own.origin && url.pathname === own.pathname
}

/** Only https links may leave for the browser; `file:`, `javascript:`, custom schemes never do (checklist 15). */
function isExternalWebLink(raw: string): boolean {
  try {
    return new URL(raw).protocol === 'https:'
  } catch {
    return false
  }
}

/** Creates the single main window, locked to the app's own content, and loads the entry. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { entry, devServerOrigin, openExternal } = options
  // Written out here, not built elsewhere, so a reviewer and Electronegativity (a CI gate) see
  // every security-relevant value at the call. Each is an item of Electron's security checklist;
  // none may be relaxed (the window test asserts the whole object).
  const window = new BrowserWindow({
    title: 'Relink',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown on `ready-to-show` so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      // Reviewed: the preload exposes only the typed invoke/on bridge of src/preload/api.ts, in a sandbox.
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      // Checklist 4: the preload gets only the reduced sandboxed API; it is built as CommonJS for this.
      sandbox: true,
      // Checklist 3: the page cannot reach the preload's globals or Electron internals.
      contextIsolation: true,
      // Checklist 2: no Node.js in the page or its workers.
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      // Checklist 6 and 8: keep the same-origin policy and refuse http content on the page.
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Checklist 9: no experimental web platform features.
      experimentalFeatures: false,
      // Checklist 11 and 12: no <webview>; network login pages open in the system browser (RFC 8252).
      webviewTag: false,
      // A middle click on a link must not open it in a new window (Electronegativity's AUXCLICK check).
      disableBlinkFeatures: 'Auxclick',
      // A file dropped on the window must not replace the app with that file.
      navigateOnDragDrop: false,
      // Posts and replies are written in the window.
      spellcheck: true,
    },
  })
  const contents = window.webContents

  window.once('ready-to-show', () => window.show())

  // Checklist 14: no new Electron windows at all; links the page opens go to the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) openExternal(url)
    return { action: 'deny' }
  })

  // Checklist 13: the window never leaves the app, neither by navigation nor by server redirect.
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url, entry, devServerOrigin)) event.preventDefault()
  }
  contents.on('will-navigate', (event) => guard(event, event.url))
  contents.on('will-redirect', (event) => guard(event, event.url))

  // Checklist 12: `webviewTag` is off; refuse attachment as well in case that ever changes.
  contents.on('will-attach-webview', (event) => event.preventDefault())

  const loading = 'url' in entry ? window.loadURL(entry.url) : window.loadFile(entry.file)
  loading.catch((error: unknown) => options.onLoadFailed?.(error))
  return window
}
