import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import config from '../../../electron.vite.config'
import { createWorkerXlsxWriter, XLSX_THREAD_FILE, xlsxThreadEntry } from '../../../src/main/platform/xlsx-worker'
import { builtXlsxThread, importsOf } from '../../fakes/built-thread'

const root = resolve(import.meta.dirname, '..', '..', '..')
let remove = (): void => undefined
afterAll(() => remove())

describe('the Excel thread in the built app', () => {
  it('is built beside main’s index.js under the name the app starts it by', () => {
    const main = (config as { main?: { build?: { rollupOptions?: { input?: Record<string, string>; output?: unknown }; outDir?: string } } }).main
    const rollup = main?.build?.rollupOptions
    expect(rollup?.input).toEqual({
      index: join(root, 'src/main/index.ts'),
      'xlsx-thread': join(root, 'src/main/reports/xlsx-thread.ts'),
      'checkpoint-thread': join(root, 'src/main/platform/checkpoint-thread.ts'),
    })
    // No output naming of its own and no other folder: electron-vite writes out/main/[name].js, as index.js beside it.
    expect(rollup?.output).toBeUndefined()
    expect(main?.build?.outDir).toBeUndefined()
    expect(XLSX_THREAD_FILE).toBe('xlsx-thread.js')
    expect(basename(fileURLToPath(xlsxThreadEntry('/opt/Relink/resources/app.asar/out/main')))).toBe(XLSX_THREAD_FILE)
    expect(fileURLToPath(xlsxThreadEntry('/opt/Relink/resources/app.asar/out/main'))).toBe('/opt/Relink/resources/app.asar/out/main/xlsx-thread.js')
  })

  it('runs from its bundle with plain Node, its packages shipped with the app', { timeout: 60_000 }, async () => {
    const built = await builtXlsxThread()
    remove = built.remove
    // Everything it imports is Node's own or a dependency packaged with the app (not a dev dependency).
    const { imported, unshipped } = importsOf(xlsxThreadEntry(built.mainDir))
    expect(imported).toContain('exceljs')
    expect(unshipped).toEqual([])

    const path = join(built.mainDir, 'check.xlsx')
    const writer = createWorkerXlsxWriter({ entry: xlsxThreadEntry(built.mainDir), execArgv: [] })
    const day = new Date('2026-01-02T00:00:00Z')
    await writer.write({ title: 'Check', period: 'p', kpis: [], completeness: [], rows: [{ day, channel: 'Harbor Books', network: 'Facebook', metric: 'Views', value: 7, source: 'page_media_view' }] }, path)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path)
    expect(book.getWorksheet('Daily')?.getRow(2).values).toEqual([undefined, day, 'Harbor Books', 'Facebook', 'Views', 7, 'page_media_view'])
  })
})
