import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { createRelinkApi } from './api'

// Only the typed API crosses the bridge: never ipcRenderer itself (Electron security checklist).
contextBridge.exposeInMainWorld(
  'relink',
  createRelinkApi({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    on(event, listener) {
      const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
      ipcRenderer.on(event, forward)
      return () => {
        ipcRenderer.removeListener(event, forward)
      }
    },
  }),
)
