import Conf from 'conf'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/fakes/ports'
import { defaultSettings } from '../../shared/domain/settings'
import { createEventBus } from '../events'
import type { Logger } from '../ports'
import { createSettingsService } from './settings-service'
import { createSettingsStore, type JsonStore } from './settings-store'

const quiet: Logger = { log: () => undefined }
const confIn = (dir: string) => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'relink' }) as unknown as JsonStore

describe('settings', () => {
  it('starts from defaults and persists a validated patch to disk', async () => {
    const dir = tempDir()
    const events = createEventBus(() => undefined)
    const seen: unknown[] = []
    events.subscribe((e, p) => e === 'settings:did-change' && seen.push(p))
    const service = createSettingsService({ store: createSettingsStore(confIn(dir), quiet), events })
    expect(await service.get()).toEqual(defaultSettings())
    const next = await service.update({ scheduler: { graceWindowMinutes: 30 }, theme: 'dark' })
    expect(next.scheduler.graceWindowMinutes).toBe(30)
    expect(next.notifications).toEqual(defaultSettings().notifications)
    expect(seen).toEqual([next])
    // A new store over the same folder reads what was written.
    expect(createSettingsStore(confIn(dir), quiet).read()).toEqual(next)
  })

  it('keeps valid sections of a hand-damaged file and defaults the rest', () => {
    const dir = tempDir()
    const backing = confIn(dir)
    backing.store = { theme: 'dark', scheduler: { graceWindowMinutes: 'soon' }, notifications: { enabled: false } }
    const warnings: string[] = []
    const store = createSettingsStore(backing, { log: (level, msg) => void warnings.push(`${level}:${msg}`) })
    const read = store.read()
    expect(read.theme).toBe('dark')
    expect(read.notifications.enabled).toBe(false)
    expect(read.scheduler.graceWindowMinutes).toBe(15)
    expect(warnings[0]).toMatch(/^warn:settings/)
  })

  it('refuses to write invalid settings', () => {
    const store = createSettingsStore(confIn(tempDir()), quiet)
    expect(() => store.write({ ...defaultSettings(), theme: 'neon' as 'dark' })).toThrow()
    expect(store.read().theme).toBe('system')
  })
})
