import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import type { AppPorts } from '../../src/main/app'
import { createAesSecretBox } from '../../src/main/platform/aes-secret-box'
import { createLogger } from '../../src/main/platform/logger'
import { cryptoIds } from '../../src/main/platform/crypto-ids'
import { createNodeHttp } from '../../src/main/platform/node-http'
import type { DesktopNotification, TrayState } from '../../src/main/ports'
import { createSettingsStore, type JsonStore } from '../../src/main/settings/settings-store'
import { createFakeClock, type FakeClock } from './clock'
import { createWorkerXlsxWriter } from '../../src/main/platform/xlsx-worker'

export interface TestPorts extends AppPorts {
  clock: FakeClock
  notifications: DesktopNotification[]
  trayStates: TrayState[]
  openedUrls: string[]
  logLines: string[]
  /** Paths the next "Add image" dialogs return, in order; empty means the person cancelled. */
  pickedFiles: string[]
  /** Paths the next save dialogs return, in order; empty means the person cancelled. */
  savePaths: string[]
  /** What each save dialog was asked. */
  saveRequests: { title: string; defaultName: string; format: string }[]
  /** Folders the next folder dialogs return, in order; empty means the person cancelled. */
  folderPaths: string[]
  /** Files the next open dialogs return, in order; empty means the person cancelled. */
  openPaths: string[]
  /** What each open dialog was asked. */
  openRequests: { title: string; format: string }[]
}

export function tempDir(prefix = 'relink-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Real local implementations where they can run (HTTP, AES, settings file); recorders for the desktop. */
export function createTestPorts(dataDir: string, overrides: Partial<Omit<AppPorts, 'clock' | 'timer'>> = {}): TestPorts {
  const clock = createFakeClock()
  const logLines: string[] = []
  const logger = createLogger({ clock, sink: (line) => logLines.push(line), minLevel: 'debug' })
  const notifications: DesktopNotification[] = []
  const trayStates: TrayState[] = []
  const openedUrls: string[] = []
  const pickedFiles: string[] = []
  const savePaths: string[] = []
  const saveRequests: TestPorts['saveRequests'] = []
  const folderPaths: string[] = []
  const openPaths: string[] = []
  const openRequests: TestPorts['openRequests'] = []
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'relink' })
  const ports: TestPorts = {
    clock,
    timer: clock,
    ids: cryptoIds,
    http: createNodeHttp({ defaultTimeoutMs: 5_000 }),
    secretBox: createAesSecretBox(randomBytes(32)),
    notifier: {
      show: (n) => void notifications.push(n),
      onClick: () => () => undefined,
    },
    tray: { render: (s) => void trayStates.push(s) },
    browser: { open: async (url) => void openedUrls.push(url) },
    settings: createSettingsStore(conf as unknown as JsonStore, logger),
    logger,
    notifications,
    trayStates,
    openedUrls,
    logLines,
    pickedFiles,
    picker: { pickImage: async () => pickedFiles.shift() ?? null },
    savePaths,
    saveRequests,
    folderPaths,
    saveDialog: {
      async chooseReportPath(input) {
        saveRequests.push(input)
        return savePaths.shift() ?? null
      },
      chooseFolder: async () => folderPaths.shift() ?? null,
    },
    openPaths,
    openRequests,
    openDialog: {
      async chooseFile(input) {
        openRequests.push(input)
        return openPaths.shift() ?? null
      },
    },
    // Excel reports are written on a real worker thread, from the TypeScript source.
    xlsx: createWorkerXlsxWriter({ entry: new URL('../../src/main/reports/xlsx-thread.ts', import.meta.url), execArgv: ['--import', 'tsx'] }),
    // Tests that print pass a Chromium-backed printer (tests/fakes/pdf-printer.ts).
    pdf: {
      print: async () => {
        throw new Error('This test has no PDF printer: pass one in the ports’ overrides.')
      },
    },
    ...overrides,
  }
  return ports
}
