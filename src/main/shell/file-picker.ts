import type { FilePicker } from '../ports'

/** The part of Electron's `dialog` the picker uses. */
export interface OpenDialog {
  showOpenDialog(options: {
    title: string
    buttonLabel: string
    properties: ('openFile' | 'multiSelections')[]
    filters: { name: string; extensions: string[] }[]
  }): Promise<{ canceled: boolean; filePaths: string[] }>
}

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp']

/** "Add image" opens the system's file dialog in main; the window never names a path itself. */
export function createDialogFilePicker(dialog: OpenDialog): FilePicker {
  return {
    async pickImage() {
      const result = await dialog.showOpenDialog({
        title: 'Add an image to the post',
        buttonLabel: 'Add image',
        properties: ['openFile'],
        filters: [{ name: 'Images', extensions: IMAGE_EXTENSIONS }],
      })
      if (result.canceled) return null
      return result.filePaths[0] ?? null
    },
  }
}
