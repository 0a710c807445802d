import { describe, expect, it } from 'vitest'
import { createElectronSaveDialog, type SaveDialogApi } from './save-dialog'

function recording(answer: { canceled: boolean; filePath?: string }, folders: string[] = []) {
  const calls: Parameters<SaveDialogApi['showSaveDialog']>[0][] = []
  const opens: Parameters<SaveDialogApi['showOpenDialog']>[0][] = []
  const api: SaveDialogApi = {
    async showSaveDialog(options) {
      calls.push(options)
      return answer
    },
    async showOpenDialog(options) {
      opens.push(options)
      return { canceled: folders.length === 0, filePaths: folders }
    },
  }
  return { api, calls, opens }
}

describe('the save dialog for reports', () => {
  it('offers the documents folder and the format’s extension, and adds it when the person left it out', async () => {
    const { api, calls } = recording({ canceled: false, filePath: '/home/ana/Reports/northwind' })
    const dialog = createElectronSaveDialog(api, () => '/home/ana/Documents')
    expect(await dialog.chooseReportPath({ title: 'Save the CSV report', defaultName: 'northwind.csv', format: 'csv' })).toBe('/home/ana/Reports/northwind.csv')
    expect(calls).toEqual([
      { title: 'Save the CSV report', defaultPath: '/home/ana/Documents/northwind.csv', buttonLabel: 'Save report', filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }] },
    ])
  })

  it('keeps a path that already ends in the extension, and answers null when cancelled', async () => {
    const kept = createElectronSaveDialog(recording({ canceled: false, filePath: '/tmp/r.XLSX' }).api, () => '/tmp')
    expect(await kept.chooseReportPath({ title: 't', defaultName: 'r.xlsx', format: 'xlsx' })).toBe('/tmp/r.XLSX')
    const cancelled = createElectronSaveDialog(recording({ canceled: true }).api, () => '/tmp')
    expect(await cancelled.chooseReportPath({ title: 't', defaultName: 'r.xlsx', format: 'xlsx' })).toBeNull()
  })

  it('asks for a folder for scheduled reports, one that may be created there and then, and answers null when cancelled', async () => {
    const picked = recording({ canceled: true }, ['/home/ana/Reports'])
    expect(await createElectronSaveDialog(picked.api, () => '/home/ana/Documents').chooseFolder({ title: 'Choose the folder' })).toBe('/home/ana/Reports')
    expect(picked.opens).toEqual([{ title: 'Choose the folder', defaultPath: '/home/ana/Documents', buttonLabel: 'Use this folder', properties: ['openDirectory', 'createDirectory', 'promptToCreate'] }])
    expect(await createElectronSaveDialog(recording({ canceled: true }).api, () => '/tmp').chooseFolder({ title: 't' })).toBeNull()
  })
})
