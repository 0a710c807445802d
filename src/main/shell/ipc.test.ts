import { beforeEach, describe, expect, it } from 'vitest'
import { COMMANDS } from '../../shared/ipc/channels'
import { createEventBus } from '../events'
import { createIpcRouter, createSenderCheck, type CommandHandlers } from '../ipc/router'
import type { Logger } from '../ports'
import { BrowserWindow, FakeFrame, fakeElectron, ipcMain } from '../../../tests/fakes/electron'
import { forwardEvents, senderInfo, wireIpc } from './ipc'

const APP_URL = 'file:///opt/relink/out/renderer/index.html'
const silent: Logger = { log: () => undefined }

interface Setup {
  window: BrowserWindow
  received: { channel: string; args: unknown }[]
  unwire: () => void
}

function setup(): Setup {
  const received: Setup['received'] = []
  const handlers = Object.fromEntries(
    COMMANDS.map((channel) => [
      channel,
      async (args: unknown) => {
        received.push({ channel, args })
        return { handled: channel }
      },
    ]),
  ) as unknown as CommandHandlers
  const window = new BrowserWindow()
  window.webContents.mainFrame.url = APP_URL
  const router = createIpcRouter({ handlers, isTrustedSender: createSenderCheck([APP_URL]), logger: silent })
  const unwire = wireIpc({ ipcMain, router, window })
  return { window, received, unwire }
}

beforeEach(() => fakeElectron.reset())

describe('wireIpc', () => {
  it('registers exactly one ipcMain.handle per command', () => {
    setup()
    expect(fakeElectron.callsTo('ipcMain.handle').map(([channel]) => channel)).toEqual([...COMMANDS])
    expect([...fakeElectron.ipcHandlers.keys()].sort()).toEqual([...COMMANDS].sort())
  })

  it('passes a valid message from the main frame to its handler', async () => {
    const { window, received } = setup()
    const reply = await ipcMain.invoke('brands:create', window.webContents.mainFrame, { name: '  Acme  ' })
    expect(reply).toEqual({ ok: true, data: { handled: 'brands:create' } })
    // The handler sees zod's parsed value, not the raw input.
    expect(received).toEqual([{ channel: 'brands:create', args: { name: 'Acme' } }])
  })

  it('rejects a message from a sub-frame with the same URL as forbidden', async () => {
    const { received } = setup()
    const iframe = new FakeFrame(APP_URL, false)
    const reply = await ipcMain.invoke('brands:list', iframe, undefined)
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(received).toEqual([])
  })

  it("rejects another window's main frame", async () => {
    const { received } = setup()
    const other = new BrowserWindow()
    other.webContents.mainFrame.url = APP_URL
    expect(await ipcMain.invoke('brands:list', other.webContents.mainFrame, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(received).toEqual([])
  })

  it('rejects a frame that has gone (senderFrame null)', async () => {
    const { received } = setup()
    expect(await ipcMain.invoke('brands:list', null, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(received).toEqual([])
  })

  it('rejects the main frame once it has navigated to a foreign origin', async () => {
    const { window, received } = setup()
    window.webContents.mainFrame.url = 'https://evil.example/'
    expect(await ipcMain.invoke('brands:list', window.webContents.mainFrame, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(received).toEqual([])
  })

  it('returns a validation error for invalid input without calling the handler', async () => {
    const { window, received } = setup()
    const reply = await ipcMain.invoke('brands:create', window.webContents.mainFrame, { name: '', extra: true })
    expect(reply).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(received).toEqual([])
  })

  it('removes every handler when unwired', () => {
    const { unwire } = setup()
    unwire()
    expect(fakeElectron.callsTo('ipcMain.removeHandler').map(([channel]) => channel)).toEqual([...COMMANDS])
    expect(fakeElectron.ipcHandlers.size).toBe(0)
  })
})

describe('senderInfo', () => {
  it('never calls a destroyed window’s frame the main frame', () => {
    const window = new BrowserWindow()
    window.webContents.mainFrame.url = APP_URL
    const frame = window.webContents.mainFrame
    expect(senderInfo({ senderFrame: frame }, window)).toEqual({ url: APP_URL, isMainFrame: true })
    window.destroy()
    expect(senderInfo({ senderFrame: frame }, window)).toEqual({ url: APP_URL, isMainFrame: false })
  })
})

describe('forwardEvents', () => {
  it('sends each event to the window until unsubscribed', () => {
    const events = createEventBus(() => undefined)
    const window = new BrowserWindow()
    const stop = forwardEvents(events, window.webContents)
    events.emit('brands:did-change', { brandIds: ['b1'] })
    expect(fakeElectron.callsTo('webContents.send')).toEqual([['brands:did-change', { brandIds: ['b1'] }]])
    stop()
    events.emit('brands:did-change', { brandIds: ['b2'] })
    expect(fakeElectron.callsTo('webContents.send')).toHaveLength(1)
  })

  it('skips a destroyed window instead of throwing', () => {
    const errors: unknown[] = []
    const events = createEventBus((err) => errors.push(err))
    const window = new BrowserWindow()
    forwardEvents(events, window.webContents)
    window.destroy()
    events.emit('channels:did-change', { channelIds: ['c1'] })
    expect(fakeElectron.callsTo('webContents.send')).toEqual([])
    expect(errors).toEqual([])
  })
})
