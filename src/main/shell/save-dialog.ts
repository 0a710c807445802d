import type { SaveDialog } from '../ports'

/** The part of Electron's `dialog` the save dialog uses. */
export interface SaveDialogApi {
  showSaveDialog(options: { title: string; defaultPath: string; buttonLabel: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>
}

const FILTERS: Record<'csv' | 'xlsx' | 'pdf', { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (comma-separated values)', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  pdf: { name: 'PDF document', extensions: ['pdf'] },
}

/** Reports go where the person says in the system's save dialog, with the right extension. */
export function createElectronSaveDialog(dialog: SaveDialogApi, defaultFolder: () => string): SaveDialog {
  return {
    async chooseReportPath({ title, defaultName, format }) {
      const result = await dialog.showSaveDialog({ title, defaultPath: `${defaultFolder()}/${defaultName}`, buttonLabel: 'Save report', filters: [FILTERS[format]] })
      if (result.canceled || !result.filePath) return null
      const path = result.filePath
      return path.toLowerCase().endsWith(`.${format}`) ? path : `${path}.${format}`
    },
  }
}
