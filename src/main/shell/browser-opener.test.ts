import { beforeEach, describe, expect, it } from 'vitest'
import { fakeElectron } from '../../../tests/fakes/electron'
import { createShellBrowserOpener } from './browser-opener'

beforeEach(() => fakeElectron.reset())

describe('createShellBrowserOpener', () => {
  it('opens https and http addresses with shell.openExternal', async () => {
    const opener = createShellBrowserOpener()
    await opener.open('https://www.facebook.com/v23.0/dialog/oauth?client_id=1')
    await opener.open('http://127.0.0.1:43123/sandbox/authorize')
    expect(fakeElectron.callsTo('shell.openExternal').map(([url]) => url)).toEqual([
      'https://www.facebook.com/v23.0/dialog/oauth?client_id=1',
      'http://127.0.0.1:43123/sandbox/authorize',
    ])
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'ms-msdt:/id', 'relink://open'])('refuses %s', async (url) => {
    const opener = createShellBrowserOpener()
    await expect(opener.open(url)).rejects.toThrow(/only http and https/)
    expect(fakeElectron.callsTo('shell.openExternal')).toEqual([])
  })

  it('refuses something that is not a URL at all', async () => {
    await expect(createShellBrowserOpener().open('www.example.com')).rejects.toThrow(/not one/)
    expect(fakeElectron.callsTo('shell.openExternal')).toEqual([])
  })
})
