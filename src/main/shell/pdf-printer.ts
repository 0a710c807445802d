import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BrowserWindow, type PrintToPDFOptions } from 'electron'
import type { PdfPage, PdfPrinter } from '../ports'

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
      // The hidden window a report is printed from: no scripts, no Node, its own in-memory
      // session (the app's cookies and cache are not shared), never shown.
      const window = new BrowserWindow({
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
          allowRunningInsecureContent: false,
          experimentalFeatures: false,
          webviewTag: false,
          disableBlinkFeatures: 'Auxclick',
          navigateOnDragDrop: false,
          spellcheck: false,
          partition: 'relink-report-print',
        },
      })
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
