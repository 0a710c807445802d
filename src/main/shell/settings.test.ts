import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../shared/domain/settings'
import type { Logger } from '../ports'
import { app, fakeElectron } from '../../../tests/fakes/electron'
import { createElectronSettingsStore } from './settings'

const silent: Logger = { log: () => undefined }
const settingsFile = (): string => join(app.getPath('userData'), 'settings.json')

beforeEach(() => {
  fakeElectron.reset()
  rmSync(settingsFile(), { force: true })
})

describe('createElectronSettingsStore', () => {
  it('reads defaults and persists writes to <userData>/settings.json', () => {
    const store = createElectronSettingsStore(silent)
    expect(store.read()).toEqual(defaultSettings())
    const next = { ...defaultSettings(), theme: 'dark' as const }
    store.write(next)
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toMatchObject({ theme: 'dark' })
    expect(createElectronSettingsStore(silent).read().theme).toBe('dark')
  })

  it('starts from defaults when the file is not JSON', () => {
    writeFileSync(settingsFile(), '{"theme": "dark", ')
    expect(createElectronSettingsStore(silent).read()).toEqual(defaultSettings())
    expect(existsSync(settingsFile())).toBe(true)
  })
})
