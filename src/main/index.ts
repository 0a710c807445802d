// Electron lifecycle only: every decision lives in shell/bootstrap.ts, which tests drive with a fake.
import { app, dialog, powerMonitor, safeStorage, session } from 'electron'
import { startRelink } from './shell/bootstrap'
import { electronIpcMain } from './shell/ipc'

startRelink(
  { app, dialog, ipcMain: electronIpcMain, powerMonitor, safeStorage, session },
  {
    env: process.env,
    platform: process.platform,
    mainDir: import.meta.dirname,
    stderr: (line) => process.stderr.write(line + '\n'),
    argv: process.argv,
  },
).catch((error: unknown) => {
  dialog.showErrorBox('Relink cannot start', error instanceof Error ? error.message : String(error))
  app.exit(1)
})
