import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AppInfo } from '../shared/domain/entities'
import { createBrandService } from './brands/brand-service'
import { createChannelService } from './channels/channel-service'
import { openDatabase, type RelinkDatabase } from './db/client'
import { createBrandRepository } from './db/repositories/brand-repository'
import { createChannelRepository } from './db/repositories/channel-repository'
import { createMetaRepository } from './db/repositories/meta-repository'
import { createProfileRepository } from './db/repositories/profile-repository'
import { createEventBus, type EventBus } from './events'
import type { CommandHandlers } from './ipc/router'
import type { BrowserOpener, Clock, Http, Logger, Notifier, SecretBox, SettingsStore, Timer, TrayState, TrayView } from './ports'
import { createSettingsService } from './settings/settings-service'

/** Everything from outside that the core needs. `index.ts` passes Electron's; tests pass their own. */
export interface AppPorts {
  clock: Clock
  http: Http
  secretBox: SecretBox
  notifier: Notifier
  tray: TrayView
  browser: BrowserOpener
  settings: SettingsStore
  timer: Timer
  logger: Logger
}

export interface AppConfig {
  /** Folder holding `relink.db`; created if missing. */
  dataDir: string
  version: string
  demoMode: boolean
}

export interface RelinkCore {
  handlers: CommandHandlers
  events: EventBus
  database: RelinkDatabase
  info(): AppInfo
  dispose(): Promise<void>
}

export const DATABASE_FILE = 'relink.db'

/**
 * The composition root: opens and migrates the database, builds repositories and services from
 * the ports, and returns the command table that IPC (or an end-to-end bridge) dispatches to.
 */
export async function createApp(ports: AppPorts, config: AppConfig): Promise<RelinkCore> {
  mkdirSync(config.dataDir, { recursive: true })
  const database = openDatabase(join(config.dataDir, DATABASE_FILE), { nowMs: ports.clock.now() })
  const { db } = database
  if (database.migration.applied.length > 0) {
    ports.logger.log('info', 'db: migrated', { ...database.migration })
  }

  const events = createEventBus((err) => ports.logger.log('error', 'events: listener failed', { error: err }))
  const meta = createMetaRepository(db)
  if ((await meta.get('created_at')) === undefined) await meta.set('created_at', String(ports.clock.now()))

  const brandRepo = createBrandRepository(db)
  const channelRepo = createChannelRepository(db)
  const brands = createBrandService({ brands: brandRepo, clock: ports.clock, events })
  const channels = createChannelService({ channels: channelRepo, brands: brandRepo, events })
  const profileRepo = createProfileRepository(db)
  const settings = createSettingsService({ store: ports.settings, events })

  /** The tray reflects the worst state of any channel, so trouble is visible without the window. */
  async function renderTray(): Promise<void> {
    const [counts, broken] = await Promise.all([channelRepo.healthCounts(), profileRepo.listBroken()])
    const state: TrayState =
      broken.length > 0 || counts.disconnected > 0
        ? { level: 'broken', tooltip: `Relink: ${broken.length} connection(s) need attention`, brokenProfiles: broken.map(({ id, label }) => ({ id, label })) }
        : { level: 'healthy', tooltip: 'Relink: all connections healthy', brokenProfiles: [] }
    ports.tray.render(state)
  }
  await renderTray()
  events.subscribe((event) => {
    if (event === 'channels:did-change') void renderTray().catch((err: unknown) => ports.logger.log('error', 'tray: render failed', { error: err }))
  })

  const info = (): AppInfo => ({
    version: config.version,
    dataDir: config.dataDir,
    schemaVersion: database.migration.to,
    demoMode: config.demoMode,
    secretStorage: ports.secretBox.backend(),
  })

  const handlers: CommandHandlers = {
    'app:get-info': async () => info(),
    'brands:list': () => brands.list(),
    'brands:create': (input) => brands.create(input),
    'brands:update': (input) => brands.update(input),
    'brands:delete': (input) => brands.delete(input),
    'brands:restore': (input) => brands.restore(input),
    'channels:list': (input) => channels.list(input),
    'channels:set-brands': (input) => channels.setBrands(input),
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
  }

  return {
    handlers,
    events,
    database,
    info,
    async dispose() {
      await database.close()
    },
  }
}
