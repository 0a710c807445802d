import { existsSync } from 'node:fs'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeWebContents, fakeElectron } from '../../../tests/fakes/electron'
import { createElectronPdfPrinter } from './pdf-printer'

beforeEach(() => fakeElectron.reset())

const PAGE = { html: '<!doctype html><title>Northwind</title><h1>Northwind Coffee</h1>', footerTemplate: '<div style="font-size:8px"><span class="pageNumber"></span></div>' }

describe('printing a report with Electron', () => {
  it('prints the page from a hidden, script-less window in its own session, then throws the window and the file away', async () => {
    const bytes = await createElectronPdfPrinter().print(PAGE)
    expect(Buffer.from(bytes).subarray(0, 5).toString('latin1')).toBe('%PDF-')

    const [options] = (fakeElectron.callsTo('BrowserWindow.new')[0] ?? []) as [{ show: boolean; webPreferences: Record<string, unknown> }]
    expect(options.show).toBe(false)
    expect(options.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'relink-report-print' })
    expect(options.webPreferences).not.toHaveProperty('preload')

    const [[file]] = fakeElectron.callsTo('BrowserWindow.loadFile') as [[string]]
    expect(file).toMatch(/relink-report-[^/]+\/report\.html$/)
    expect(existsSync(file)).toBe(false)
    expect(fakeElectron.callsTo('webContents.printToPDF')).toEqual([
      [
        {
          preferCSSPageSize: true,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: PAGE.footerTemplate,
          generateDocumentOutline: true,
        },
      ],
    ])
    expect(fakeElectron.lastWindow?.isDestroyed()).toBe(true)
  })

  it('lets the page open nothing and go nowhere', async () => {
    await createElectronPdfPrinter().print(PAGE)
    const contents = fakeElectron.lastWindow?.webContents
    expect(contents?.openWindow('https://example.com')).toEqual({ action: 'deny' })
    expect(contents?.navigate('https://example.com')).toBe(true)
  })

  it('closes the window and removes the file when printing fails', async () => {
    const spy = vi.spyOn(FakeWebContents.prototype, 'printToPDF').mockRejectedValue(new Error('Printing failed'))
    try {
      await expect(createElectronPdfPrinter().print(PAGE)).rejects.toThrow('Printing failed')
    } finally {
      spy.mockRestore()
    }
    const [[file]] = fakeElectron.callsTo('BrowserWindow.loadFile') as [[string]]
    expect(existsSync(file)).toBe(false)
    expect(fakeElectron.lastWindow?.isDestroyed()).toBe(true)
  })
})
