import type { OpenFileDialog } from '../ports'

/** The part of Electron's `dialog` the open dialog uses. */
export interface OpenFileDialogApi {
  showOpenDialog(options: { title: string; defaultPath: string; buttonLabel: string; properties: 'openFile'[]; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePaths: string[] }>
}

const FILTERS: Record<'csv', { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (comma-separated values)', extensions: ['csv'] },
}

/** Files come in through the system's open dialog, one at a time, starting in the documents folder. */
export function createElectronOpenFileDialog(dialog: OpenFileDialogApi, defaultFolder: () => string): OpenFileDialog {
  return {
    async chooseFile({ title, format }) {
      const result = await dialog.showOpenDialog({ title, defaultPath: defaultFolder(), buttonLabel: 'Import', properties: ['openFile'], filters: [FILTERS[format]] })
      const [path] = result.filePaths
      return result.canceled || !path ? null : path
    },
  }
}
