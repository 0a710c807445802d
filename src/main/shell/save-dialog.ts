import type { SaveDialog } from '../ports'

/** The part of Electron's `dialog` the save dialog uses. */
export interface SaveDialogApi {
  showSaveDialog(options: { title: string; defaultPath: string; buttonLabel: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>
  showOpenDialog(options: { title: string; defaultPath: string; buttonLabel: string; properties: ('openDirectory' | 'createDirectory' | 'promptToCreate')[] }): Promise<{ canceled: boolean; filePaths: string[] }>
}

const FILTERS: Record<'csv' | 'xlsx' | 'pdf', { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (comma-separated values)', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  pdf: { name: 'PDF document', extensions: ['pdf'] },
}

/** Reports go where the person says in the system's save dialog, with the right extension; scheduled ones into a folder they pick. */
export function createElectronSaveDialog(dialog: SaveDialogApi, defaultFolder: () => string): SaveDialog {
  return {
    async chooseReportPath({ title, defaultName, format }) {
      const result = await dialog.showSaveDialog({ title, defaultPath: `${defaultFolder()}/${defaultName}`, buttonLabel: 'Save report', filters: [FILTERS[format]] })
      if (result.canceled || !result.filePath) return null
      const path = result.filePath
      return path.toLowerCase().endsWith(`.${format}`) ? path : `${path}.${format}`
    },
    async chooseFolder({ title }) {
      const result = await dialog.showOpenDialog({ title, defaultPath: defaultFolder(), buttonLabel: 'Use this folder', properties: ['openDirectory', 'createDirectory', 'promptToCreate'] })
      const [folder] = result.filePaths
      return result.canceled || !folder ? null : folder
    },
  }
}
