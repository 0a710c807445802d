import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserWindow } from 'electron'
import { AppError } from '../../shared/errors'
import { createApp, type AppPorts, type RelinkCore } from '../app'
import { createIpcRouter, createSenderCheck } from '../ipc/router'
import { createLogger } from '../platform/logger'
import { watchClockJumps } from '../platform/clock-watch'
import { cryptoIds } from '../platform/crypto-ids'
import { createNodeHttp } from '../platform/node-http'
import { createScheduleTimer } from '../platform/schedule-timer'
import { createOffsetClock } from '../platform/offset-clock'
import { systemClock } from '../platform/system-clock'
import { startSandboxNetwork, type SandboxNetwork } from '../sandbox/server'
import type { Logger, TrayView } from '../ports'
import { createShellBrowserOpener } from './browser-opener'
import { forwardEvents, wireIpc, type IpcMainLike } from './ipc'
import { installApplicationMenu, type ApplicationMenuOptions, type MenuAttention } from './menu'
import { createDialogFilePicker, type OpenDialog } from './file-picker'
import { createElectronOpenFileDialog, type OpenFileDialogApi } from './open-file-dialog'
import { createElectronSaveDialog, type SaveDialogApi } from './save-dialog'
import { createElectronPdfPrinter } from './pdf-printer'
import { createWorkerXlsxWriter, xlsxThreadEntry } from '../platform/xlsx-worker'
import { checkpointThreadEntry, createThreadCheckpoints } from '../platform/wal-checkpoints'
import { createElectronNotifier } from './notifier'
import { createSafeStorageSecretBox, type AsyncSafeStorage } from './secret-box'
import { applySessionPolicy, type PolicySession } from './session-policy'
import { createElectronSettingsStore } from './settings'
import { createTrayView } from './tray'
import { createMainWindow, type WindowEntry } from './window'

/** Windows attributes notifications to this id; it must match the installer's appId. */
export const APP_USER_MODEL_ID = 'app.relink.desktop'

/** The part of Electron's `app` the lifecycle uses (Electron's own object satisfies it). */
export interface ShellApp {
  readonly isPackaged: boolean
  requestSingleInstanceLock(): boolean
  whenReady(): Promise<unknown>
  on(event: 'second-instance' | 'activate', listener: () => void): unknown
  on(event: 'before-quit' | 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown
  quit(): void
  /** Starts Relink again once this instance has quit (a restore from Settings → Data). */
  relaunch(): void
  getPath(name: 'userData' | 'documents'): string
  getVersion(): string
  /** The system's regional format, which may differ from the app's language (Electron ≥ 24). */
  getSystemLocale(): string
  setAppUserModelId(id: string): void
}

/** The lifecycle pieces of the `electron` module, passed in so tests can hand over the fake. */
export interface ElectronPieces {
  app: ShellApp
  dialog: { showErrorBox(title: string, content: string): void } & OpenDialog & SaveDialogApi & OpenFileDialogApi
  /** Sleep and wake: timers do not run while the computer sleeps. */
  powerMonitor: { on(event: 'resume' | 'unlock-screen', listener: () => void): unknown }
  session: { readonly defaultSession: PolicySession }
  ipcMain: IpcMainLike
  safeStorage: AsyncSafeStorage
}

export interface ShellEnvironment {
  env: Readonly<Record<string, string | undefined>>
  platform: NodeJS.Platform
  /** Folder of the built main bundle (`out/main`); preload, renderer and icons are found from it. */
  mainDir: string
  /** Where log lines are mirrored in development builds (stderr in the app). */
  stderr?: (line: string) => void
  /** The command line; `--restore-backup[=<name>]` puts a backup in place before the database opens. */
  argv?: readonly string[]
}

/**
 * `--restore-backup` (the newest backup) or `--restore-backup=<file name>` (one listed in Settings →
 * Data or the data folder's `backups` folder). Undefined when the flag is absent.
 */
export function restoreBackupFlag(argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    if (arg === '--restore-backup') return 'latest'
    if (arg.startsWith('--restore-backup=')) return arg.slice('--restore-backup='.length) || 'latest'
  }
  return undefined
}

export interface RunningRelink {
  core: RelinkCore
  ports: AppPorts
  window: BrowserWindow
}

/**
 * Starts Relink: single-instance lock, ports, core, locked-down session and window, IPC, menu and
 * tray. Resolves to undefined when Relink must not run (another instance owns the data, or the
 * core refused to open it); in both cases `app.quit()` has been called.
 */
export async function startRelink(electron: ElectronPieces, environment: ShellEnvironment): Promise<RunningRelink | undefined> {
  const { app, dialog } = electron
  // A second Relink would open the same database and arm the same timers twice.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return undefined
  }

  // Listeners go on before `whenReady` so a second launch during start-up is not lost; until the
  // window exists there is nothing to bring forward.
  let window: BrowserWindow | undefined = undefined
  const reveal = (): void => {
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  }
  app.on('second-instance', reveal)
  app.on('activate', reveal)

  await app.whenReady()
  // Windows shows notifications only for an app that has an AppUserModelID.
  if (environment.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)

  const userData = app.getPath('userData')
  const logger = createShellLogger(userData, app.isPackaged ? undefined : environment.stderr)
  // Only an unpackaged build may load a URL from the environment; a shipped app loads its files.
  const devServerUrl = app.isPackaged ? undefined : parseDevServerUrl(environment.env.ELECTRON_RENDERER_URL)

  const notifier = createElectronNotifier()
  const browser = createShellBrowserOpener()
  // Reconnecting starts in the window (its Needs attention list), so the shortcuts bring it forward.
  const refreshProfile = (profileId: string): void => {
    logger.log('info', 'shell: refresh connection requested', { profileId })
    reveal()
    openInWindow({ kind: 'profile', id: profileId })
    void core?.handlers['connections:refresh-profile']({ profileId }).catch((error: unknown) => logger.log('warn', 'shell: refresh connection failed', { error }))
  }
  const openAttention = (): void => {
    reveal()
    openInWindow({ kind: 'profile' })
  }
  const tray = createTrayView({
    iconDir: join(environment.mainDir, '..', '..', 'resources'),
    onRefreshProfile: refreshProfile,
    onOpenAttention: openAttention,
    onOpen: reveal,
    onQuit: () => app.quit(),
  })
  // The tray and the application menu both follow the Needs attention list; the menu is
  // installed once the window exists, with the latest list.
  let menuOptions: ApplicationMenuOptions | undefined = undefined
  let attention: MenuAttention = { brokenProfiles: [], waitingPosts: 0 }
  const attentionViews: TrayView = {
    render: (state) => {
      tray.render(state)
      attention = { brokenProfiles: state.brokenProfiles, waitingPosts: state.waitingPosts }
      if (menuOptions) installApplicationMenu(menuOptions, attention)
    },
  }

  let core: RelinkCore | undefined
  let ports: AppPorts
  let sandbox: SandboxNetwork | undefined
  /** Asks the window to show something (a profile, a post, the Needs attention list). */
  const openInWindow = (target: { kind: 'profile' | 'delivery' | 'app'; id?: string }): void => {
    core?.events.emit('app:did-request-open', target)
  }
  // Demo mode (the default) runs against the embedded sandbox network; RELINK_MODE=live uses the real networks.
  const live = environment.env.RELINK_MODE === 'live'
  try {
    const demoClock = live ? undefined : createOffsetClock(systemClock)
    const clock = demoClock ?? systemClock
    if (!live) sandbox = await startSandboxNetwork({ clock, seed: 1 })
    ports = {
      clock,
      http: createNodeHttp(),
      secretBox: await createSafeStorageSecretBox(electron.safeStorage, environment.platform),
      notifier,
      tray: attentionViews,
      browser,
      settings: createElectronSettingsStore(logger),
      timer: createScheduleTimer(),
      ids: cryptoIds,
      logger,
      picker: createDialogFilePicker(dialog),
      saveDialog: createElectronSaveDialog(dialog, () => app.getPath('documents')),
      openDialog: createElectronOpenFileDialog(dialog, () => app.getPath('documents')),
      pdf: createElectronPdfPrinter(),
      // Built beside index.js from src/main/reports/xlsx-thread.ts (electron.vite.config.ts).
      xlsx: createWorkerXlsxWriter({ entry: xlsxThreadEntry(environment.mainDir) }),
      checkpoints: createThreadCheckpoints({ entry: checkpointThreadEntry(environment.mainDir) }),
    }
    const dataDir = environment.env.RELINK_DATA_DIR ?? join(userData, live ? 'data' : 'demo')
    const restoreBackup = restoreBackupFlag(environment.argv ?? [])
    core = await createApp(ports, {
      ...(restoreBackup ? { restoreBackup } : {}),
      restart: () => {
        logger.log('info', 'startup: restarting to restore a backup')
        app.relaunch()
        app.quit()
      },
      dataDir,
      version: app.getVersion(),
      locale: app.getSystemLocale(),
      demoMode: !live,
      ...(sandbox ? { sandbox } : {}),
      ...(demoClock ? { advanceSandboxClock: (ms: number) => demoClock.advance(ms) } : {}),
      operator: environment.env.USER ?? environment.env.USERNAME ?? 'this computer',
    })
  } catch (err) {
    // Corrupt, too-new or locked databases are refused with a sentence and left exactly as found.
    const error = AppError.from(err)
    logger.log('error', 'startup: Relink cannot start', { code: error.code, error: err })
    tray.destroy()
    await sandbox?.close()
    dialog.showErrorBox('Relink cannot start', error.message)
    app.quit()
    return undefined
  }

  applySessionPolicy(electron.session.defaultSession, devServerUrl ? 'development' : 'production')

  const entry: WindowEntry = devServerUrl ? { url: devServerUrl.href } : { file: join(environment.mainDir, '..', 'renderer', 'index.html') }
  const mainWindow = createMainWindow({
    preloadPath: join(environment.mainDir, '..', 'preload', 'index.cjs'),
    entry,
    devServerOrigin: devServerUrl?.origin,
    openExternal: (url) => {
      browser.open(url).catch((error: unknown) => logger.log('warn', 'window: could not open link', { error }))
    },
    onLoadFailed: (error) => logger.log('error', 'window: the renderer failed to load', { entry, error }),
  })
  window = mainWindow

  const router = createIpcRouter({
    handlers: core.handlers,
    isTrustedSender: createSenderCheck('file' in entry ? [pathToFileURL(entry.file).href] : [devServerUrl?.origin ?? entry.url]),
    logger,
  })
  const unwire = wireIpc({ ipcMain: electron.ipcMain, router, window: mainWindow })
  const unforward = forwardEvents(core.events, mainWindow.webContents)
  const running = core
  notifier.onClick((target) => {
    reveal()
    openInWindow(target)
  })

  menuOptions = {
    isPackaged: app.isPackaged,
    platform: environment.platform,
    onRefreshConnection: () => {
      reveal()
      openInWindow({ kind: 'profile' })
    },
    onRefreshAllExpired: () => {
      logger.log('info', 'menu: refresh all expired requested')
      reveal()
      void running.handlers['connections:refresh-all-expired'](undefined).catch((error: unknown) => logger.log('warn', 'menu: refresh all failed', { error }))
    },
    onOpenAttention: openAttention,
    onRefreshProfile: refreshProfile,
  }
  installApplicationMenu(menuOptions, attention)

  // The scheduler's and the sync engine's wake-ups may have slept through due work: look again on wake and on clock changes.
  const wake = (why: string) => (): void => {
    logger.log('info', `power: ${why}`)
    running.scheduler.resume()
    running.sync.resume()
    running.inboxActions.online()
    void running.reportSchedules.resume()
  }
  electron.powerMonitor.on('resume', wake('resumed from sleep'))
  electron.powerMonitor.on('unlock-screen', wake('screen unlocked'))
  const clockWatch = watchClockJumps({
    onJump: (driftMs) => {
      logger.log('info', 'clock: the wall clock moved', { driftMs })
      running.scheduler.clockJumped()
      running.sync.resume()
      void running.reportSchedules.resume()
    },
  })

  // Closing the window keeps Relink in the tray: refreshes, probes and notifications must go on.
  // Launching Relink again (second-instance) brings the window back where no tray exists.
  let quitting = false
  app.on('before-quit', () => {
    quitting = true
  })
  mainWindow.on('close', (event) => {
    if (quitting) return
    event.preventDefault()
    mainWindow.hide()
  })

  // The database is closed before the process ends so the WAL is checkpointed cleanly.
  let disposed = false
  app.on('will-quit', (event) => {
    if (disposed) return
    event.preventDefault()
    unwire()
    unforward()
    clockWatch.stop()
    tray.destroy()
    running
      .dispose()
      .then(() => sandbox?.close())
      .catch((error: unknown) => logger.log('error', 'shutdown: closing the database failed', { error }))
      .finally(() => {
        disposed = true
        app.quit()
      })
  })

  logger.log('info', 'startup: ready', { version: app.getVersion(), packaged: app.isPackaged, dev: devServerUrl !== undefined })
  return { core: running, ports, window: mainWindow }
}

function createShellLogger(userData: string, sink: ((line: string) => void) | undefined): Logger {
  const logDir = join(userData, 'logs')
  mkdirSync(logDir, { recursive: true })
  return createLogger({ clock: systemClock, file: join(logDir, 'relink.log'), sink })
}

/** electron-vite's dev server address; anything but http(s) is a configuration mistake. */
function parseDevServerUrl(raw: string | undefined): URL | undefined {
  if (raw === undefined || raw === '') return undefined
  const url = new URL(raw)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) address, not ${url.protocol}`)
  }
  return url
}
