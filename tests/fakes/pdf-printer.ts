import { chromium, type Browser } from '@playwright/test'
import type { PdfPrinter } from '../../src/main/ports'

/**
 * The PDF port on Playwright's `page.pdf`: the same Chromium print pipeline Electron's
 * `printToPDF` uses, with the same options (CSS page size, backgrounds, footer), scripts off.
 */
export function createPlaywrightPdfPrinter(browser: () => Browser | Promise<Browser>): PdfPrinter {
  return {
    async print(page) {
      const context = await (await browser()).newContext({ javaScriptEnabled: false })
      try {
        const tab = await context.newPage()
        await tab.setContent(page.html, { waitUntil: 'load' })
        const pdf = await tab.pdf({
          preferCSSPageSize: true,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: page.footerTemplate,
          outline: true,
        })
        return new Uint8Array(pdf)
      } finally {
        await context.close()
      }
    },
  }
}

/** A headless Chromium of its own for Node tests; `close` ends it. */
export function launchedPdfPrinter(): PdfPrinter & { close(): Promise<void> } {
  let launched: Promise<Browser> | undefined
  const browser = (): Promise<Browser> => (launched ??= chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] }))
  const printer = createPlaywrightPdfPrinter(browser)
  return {
    print: (page) => printer.print(page),
    async close() {
      if (launched) await (await launched).close()
    },
  }
}
