import { beforeEach, describe, expect, it } from 'vitest'
import { dialog, fakeElectron } from '../../../tests/fakes/electron'
import { createElectronOpenFileDialog } from './open-file-dialog'

beforeEach(() => fakeElectron.reset())

describe('the open dialog for imports', () => {
  it('asks for one CSV file from the documents folder and answers its path', async () => {
    dialog.openAnswers.push(['/home/ana/Documents/replies.csv'])
    const open = createElectronOpenFileDialog(dialog, () => '/home/ana/Documents')
    expect(await open.chooseFile({ title: 'Import saved replies', format: 'csv' })).toBe('/home/ana/Documents/replies.csv')
    expect(fakeElectron.callsTo('dialog.showOpenDialog')).toEqual([
      [{ title: 'Import saved replies', defaultPath: '/home/ana/Documents', buttonLabel: 'Import', properties: ['openFile'], filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }] }],
    ])
  })

  it('answers null when the person cancels', async () => {
    const open = createElectronOpenFileDialog(dialog, () => '/tmp')
    expect(await open.chooseFile({ title: 'Import saved replies', format: 'csv' })).toBeNull()
  })
})
