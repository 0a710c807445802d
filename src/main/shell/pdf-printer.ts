import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BrowserWindow, type BrowserWindowConstructorOptions, type PrintToPDFOptions } from 'electron'
import type { PdfPage, PdfPrinter } from '../ports'

/**
 * The hidden window a report is printed from: no scripts, no Node, its own in-memory session (so
 * the app's cookies and cache are not shared), never shown.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      javascript: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      partition: 'relink-report-print',
    },
  }
}

/** Options for `printToPDF`: sizes and margins come from the page's CSS `@page`, backgrounds kept. */
export function printOptions(page: PdfPage): PrintToPDFOptions {
  return {
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: page.footerTemplate,
    generateDocumentOutline: true,
  }
}

/**
 * Reports to PDF through Electron's `webContents.printToPDF`: the page is written to a private
 * temporary folder, loaded in a hidden window, printed, and both are thrown away.
 */
export function createElectronPdfPrinter(): PdfPrinter {
  return {
    async print(page) {
      const folder = await mkdtemp(join(tmpdir(), 'relink-report-'))
      const file = join(folder, 'report.html')
      const window = new BrowserWindow(printWindowOptions())
      try {
        window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
        window.webContents.on('will-navigate', (event) => event.preventDefault())
        await writeFile(file, page.html, 'utf8')
        await window.loadFile(file)
        return new Uint8Array(await window.webContents.printToPDF(printOptions(page)))
      } finally {
        window.destroy()
        await rm(folder, { recursive: true, force: true })
      }
    },
  }
}
