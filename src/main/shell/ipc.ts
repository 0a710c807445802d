import { ipcMain } from 'electron'
import { COMMANDS } from '../../shared/ipc/channels'
import type { EventBus } from '../events'
import type { IpcRouter, SenderInfo } from '../ipc/router'

/** The part of `IpcMainInvokeEvent` Relink reads: which frame sent the message. */
export interface InvokeEvent {
  /** Null once the frame has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string } | null
}

/** The part of Electron's `ipcMain` Relink uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, raw: unknown) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/**
 * Electron's `ipcMain`, narrowed to registering and removing handlers. This module is the only
 * place raw IPC is touched (lint enforces it); everything else goes through `wireIpc`.
 */
export const electronIpcMain: IpcMainLike = ipcMain

/** The window whose top-level frame is the only trusted sender. */
export interface TrustedWindow {
  readonly webContents: { readonly mainFrame: unknown }
  isDestroyed(): boolean
}

/** Where events go: the window's `webContents`. */
export interface EventSink {
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
}

/**
 * Describes the sending frame for the router's sender check. Only the main frame of Relink's own
 * window counts as a main frame; a null frame (navigated or destroyed) is never trusted
 * (checklist 17: validate the sender of every IPC message).
 */
export function senderInfo(event: InvokeEvent, window: TrustedWindow): SenderInfo {
  const frame = event.senderFrame
  const isMainFrame = frame !== null && !window.isDestroyed() && frame === window.webContents.mainFrame
  return { url: frame?.url ?? '', isMainFrame }
}

/**
 * Registers one `ipcMain.handle` per command, each going through the router (sender check → zod
 * parse → handler → Result). Returns a function that removes them again.
 */
export function wireIpc(deps: { ipcMain: IpcMainLike; router: IpcRouter; window: TrustedWindow }): () => void {
  const { ipcMain, router, window } = deps
  for (const channel of COMMANDS) {
    ipcMain.handle(channel, (event, raw) => router.dispatch(senderInfo(event, window), channel, raw))
  }
  return () => {
    for (const channel of COMMANDS) ipcMain.removeHandler(channel)
  }
}

/** Sends every bus event to the window as `webContents.send(event, payload)`; returns unsubscribe. */
export function forwardEvents(events: EventBus, webContents: EventSink): () => void {
  return events.subscribe((event, payload) => {
    // A closed window must not turn every later event into an exception in main.
    if (!webContents.isDestroyed()) webContents.send(event, payload)
  })
}
