import { mkdirSync } from 'node:fs'
import type { AppInfo } from '../shared/domain/entities'
import { createBrandService } from './brands/brand-service'
import { createSlotService } from './slots/slot-service'
import { createSlotRepository } from './db/repositories/slot-repository'
import { createDeliveryRepositoryFor } from './db/repositories/delivery-repository'
import { createChannelPictures } from './channels/channel-pictures'
import { createChannelService } from './channels/channel-service'
import type { RelinkDatabase } from './db/client'
import { createDataService, DATABASE_FILE, openAppDatabase } from './db/data-service'
import { createBrandRepository } from './db/repositories/brand-repository'
import { createChannelRepository } from './db/repositories/channel-repository'
import { createPictureRepository } from './db/repositories/picture-repository'
import { createMetaRepository } from './db/repositories/meta-repository'
import { createProfileRepository } from './db/repositories/profile-repository'
import { createAttentionRepository } from './db/repositories/attention-repository'
import { ATTENTION_POSTS_BACK_MS } from '../shared/domain/attention'
import { ATTENTION_WORDS } from '../shared/domain/health-voice'
import { createEventBus, type EventBus } from './events'
import type { CommandHandlers } from './ipc/router'
import type { BrowserOpener, Clock, FilePicker, Http, IdSource, Logger, Notifier, OpenFileDialog, PdfPrinter, SaveDialog, SecretBox, SettingsStore, Timer, TrayState, TrayView, WalCheckpoints, XlsxWriter } from './ports'
import { handOverCheckpoints } from './db/checkpoint-handover'
import { createSettingsService } from './settings/settings-service'
import { createAuthorize } from './connections/authorize'
import { createConnectService, type Authorize } from './connections/connect-service'
import { createLifecycle } from './connections/lifecycle'
import { createNetworkApps } from './connections/network-apps'
import { createHealthNotifier } from './connections/notify'
import { createProviderDirectory, realNetworkSource, type NetworkSource } from './connections/provider-directory'
import { createVault } from './connections/vault'
import { createConnectionRepositoryFor } from './db/repositories/connection-repository'
import { ADAPTERS } from './providers'
import type { ProviderAdapter } from './providers/types'
import { seedDemoWorkspace } from './demo/demo-workspace'
import { createConnectivity } from './sandbox/connectivity'
import { createSandboxControls } from './sandbox/controls-service'
import { createCommentStorm } from './sandbox/comment-storm'
import type { SandboxNetwork } from './sandbox/server'
import type { Network } from '../shared/domain/network'
import type { ProfileDetail } from '../shared/domain/connections'
import { AppError } from '../shared/errors'
import { createScheduleWiring } from './scheduler/schedule-commands'
import type { Scheduler, SchedulerOptions } from './scheduler/scheduler'
import { createNetworkBudget, createSync, type SyncEngine } from './sync'
import { createAnalytics } from './analytics'
import { createInbox, type Inbox } from './inbox'
import { createInboxActions, type InboxActionOptions, type InboxActions } from './inbox/actions'
import { createInboxCommands } from './inbox/commands'
import { createCommentNotifier, type CommentNotifierOptions } from './inbox/notify'
import { createReportService } from './reports/report-service'
import { createReportScheduler, type ReportScheduler } from './reports/report-scheduler'
import type { SyncEngineOptions } from './sync/engine'
import { createSyncNotices } from './sync/sync-notify'

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
  ids: IdSource
  logger: Logger
  picker: FilePicker
  saveDialog: SaveDialog
  openDialog: OpenFileDialog
  pdf: PdfPrinter
  xlsx: XlsxWriter
  /** The log's checkpoints off main's thread; without it main checkpoints as SQLite does by default. */
  checkpoints?: WalCheckpoints
}

export interface AppConfig {
  /** Folder holding `relink.db`; created if missing. */
  dataDir: string
  version: string
  /** The operating system's regional format (BCP 47), for dates and times in the window. */
  locale?: string
  demoMode: boolean
  /** Demo mode: the running sandbox network the adapters talk to instead of the real networks. */
  sandbox?: SandboxNetwork
  /** Moves the sandbox's clock (demo "advance a day"); absent when it follows the wall clock. */
  advanceSandboxClock?: (ms: number) => void
  /** Who operates this Relink, recorded as "connected by". */
  operator?: string
  /** Replaces the browser half of OAuth (tests that sign in without a browser). */
  authorize?: Authorize
  adapters?: Record<Network, ProviderAdapter>
  /** Re-check health and publish due posts in the background on the Timer port. Default true. */
  watch?: boolean
  /** Scheduler tuning (tests shorten retry waits). */
  scheduler?: Partial<SchedulerOptions>
  /** Tuning of inbox replies and moderation (tests shorten retry waits). */
  inboxActions?: Partial<InboxActionOptions>
  /** Batching of the new-comments summary (tests shorten it). */
  commentNotifier?: Partial<CommentNotifierOptions>
  /** Demo mode: connect the sandbox's seeded users at first start. Default true with a sandbox. */
  seedDemo?: boolean
  /** Per-request timeout for network calls (tests shorten it). Default 20 s. */
  providerTimeoutMs?: number
  /** Sync engine tuning (tests). */
  sync?: Partial<SyncEngineOptions>
  /** A backup to put in place before the database is opened (`--restore-backup`): a name or "latest". */
  restoreBackup?: string
  /** Quits and starts Relink again (a restore from Settings → Data happens at start). */
  restart?: () => void
}

export interface RelinkCore {
  handlers: CommandHandlers
  events: EventBus
  database: RelinkDatabase
  connections: {
    lifecycle: ReturnType<typeof createLifecycle>
    connect: ReturnType<typeof createConnectService>
    providers: ReturnType<typeof createProviderDirectory>
  }
  /** Channels' profile pictures, downloaded in the background. */
  pictures: ReturnType<typeof createChannelPictures>
  scheduler: Scheduler
  /** Every read from the networks; modules register their stream readers on it. */
  sync: SyncEngine
  /** Scheduled reports: resumed after sleep like the scheduler. */
  reportSchedules: ReportScheduler
  /** Comments and mentions from every channel, and the team's triage of them. */
  inbox: Inbox
  /** Replies and moderation from the inbox, through the intents module. */
  inboxActions: InboxActions
  /**
   * Settles once the background work has started: the scheduler has settled what a previous run
   * left, and sync, the inbox's action queue and report schedules are running. Until then,
   * `sync.whenIdle()` has nothing to wait for.
   */
  started: Promise<void>
  info(): AppInfo
  dispose(): Promise<void>
}

export { DATABASE_FILE }

/** Roles that allow publishing (Facebook page tasks, LinkedIn organisation roles); no roles = the account itself. */
const PUBLISH_ROLES = new Set(['CREATE_CONTENT', 'MANAGE', 'ADMINISTRATOR', 'CONTENT_ADMINISTRATOR', 'DIRECT_SPONSORED_CONTENT_POSTER', 'RECRUITING_POSTER'])
const canPublishWith = (tasks: string[]): boolean => tasks.length === 0 || tasks.some((t) => PUBLISH_ROLES.has(t))

/**
 * The composition root: opens and migrates the database, builds repositories and services from
 * the ports, and returns the command table that IPC (or an end-to-end bridge) dispatches to.
 */
export async function createApp(ports: AppPorts, config: AppConfig): Promise<RelinkCore> {
  mkdirSync(config.dataDir, { recursive: true })
  const { database, lastRestore } = await openAppDatabase({
    dataDir: config.dataDir,
    nowMs: ports.clock.now(),
    logger: ports.logger,
    ...(config.restoreBackup ? { restoreBackup: config.restoreBackup } : {}),
  })
  const { db } = database
  const checkpoints = handOverCheckpoints(database, ports.checkpoints, ports.logger)
  const data = createDataService({ database, dataDir: config.dataDir, clock: ports.clock, lastRestore, ...(config.restart ? { restart: config.restart } : {}) })

  const events = createEventBus((err) => ports.logger.log('error', 'events: listener failed', { error: err }))
  const meta = createMetaRepository(db)
  if ((await meta.get('created_at')) === undefined) await meta.set('created_at', String(ports.clock.now()))

  const brandRepo = createBrandRepository(db, ports.ids)
  const channelRepo = createChannelRepository(db)
  const brands = createBrandService({ brands: brandRepo, clock: ports.clock, events })
  const channels = createChannelService({ channels: channelRepo, brands: brandRepo, events })
  const slots = createSlotService({ repo: createSlotRepository(db), channels: channelRepo, deliveries: createDeliveryRepositoryFor(database, ports.ids), clock: ports.clock, events })
  const profileRepo = createProfileRepository(db)
  const settings = createSettingsService({ store: ports.settings, events })

  const adapters = config.adapters ?? ADAPTERS
  const connectionRepo = createConnectionRepositoryFor(database, ports.ids)
  const vault = createVault({ secretBox: ports.secretBox, settings: ports.settings })
  const sandbox = config.sandbox
  // Demo mode can take this computer offline per network (Settings → Sandbox).
  const connectivity = sandbox ? createConnectivity(sandbox.origin) : undefined
  const http = connectivity ? connectivity.wrap(ports.http) : ports.http
  const source: NetworkSource = sandbox
    ? { kind: 'sandbox', endpoints: (network) => sandbox.endpoints(network), builtInCredentials: (network) => sandbox.credentials(network) }
    : realNetworkSource(adapters)
  const countProfiles = database.sqlite.prepare('SELECT count(*) AS n FROM profiles WHERE network = ?')
  const budget = createNetworkBudget({ clock: ports.clock, timer: ports.timer, accounts: (network) => (countProfiles.get(network) as { n: number }).n })
  const providers = createProviderDirectory({
    adapters,
    source,
    http,
    clock: ports.clock,
    repo: connectionRepo,
    vault,
    budget,
    ...(config.providerTimeoutMs ? { timeoutMs: config.providerTimeoutMs } : {}),
  })
  const pictures = createChannelPictures({ repo: createPictureRepository(db), http, clock: ports.clock, events, logger: ports.logger, allowHttp: Boolean(sandbox) })
  const notifyHealth = createHealthNotifier({ repo: connectionRepo, notifier: ports.notifier, settings: ports.settings, clock: ports.clock, logger: ports.logger })
  const lifecycle = createLifecycle({
    repo: connectionRepo,
    vault,
    providers,
    clock: ports.clock,
    settings: ports.settings,
    events,
    logger: ports.logger,
    pictures,
    onHealthChange: async (change) => {
      await notifyHealth(change)
      await renderTray()
    },
  })
  const authorize =
    config.authorize ??
    createAuthorize({ browser: ports.browser, clock: ports.clock, timer: ports.timer, logger: ports.logger, adapters, allowInsecure: Boolean(sandbox) })
  const connect = createConnectService({
    repo: connectionRepo,
    brands: brandRepo,
    vault,
    providers,
    lifecycle,
    authorize,
    clock: ports.clock,
    events,
    logger: ports.logger,
    pictures,
    operator: config.operator ?? 'this computer',
  })
  const networkApps = createNetworkApps({ repo: connectionRepo, vault, adapters, http: ports.http, clock: ports.clock })
  const schedule = createScheduleWiring({
    database,
    connections: lifecycle,
    providers,
    clock: ports.clock,
    timer: ports.timer,
    ids: ports.ids,
    settings: ports.settings,
    logger: ports.logger,
    events,
    notifier: ports.notifier,
    picker: ports.picker,
    ...(config.scheduler ? { options: config.scheduler } : {}),
  })
  const sync = createSync({
    database,
    budget,
    connections: lifecycle,
    providers,
    clock: ports.clock,
    timer: ports.timer,
    logger: ports.logger,
    ...(config.sync ? { options: config.sync } : {}),
  })
  const analytics = createAnalytics({ database, sync, clock: ports.clock, channels: (filter) => channelRepo.list(filter) })
  const commentNotifier = createCommentNotifier({
    sqlite: database.sqlite,
    notifier: ports.notifier,
    settings: ports.settings,
    clock: ports.clock,
    timer: ports.timer,
    logger: ports.logger,
    ...(config.commentNotifier ? { options: config.commentNotifier } : {}),
  })
  const inbox = createInbox({ database, sync, clock: ports.clock, events, onNewItems: () => commentNotifier.ingested() })
  const inboxActions = createInboxActions({
    sqlite: database.sqlite,
    connections: lifecycle,
    providers,
    clock: ports.clock,
    timer: ports.timer,
    logger: ports.logger,
    events,
    onChange: (channelIds) => events.emit('inbox:did-change', { channelIds }),
    ...(config.inboxActions ? { options: config.inboxActions } : {}),
  })
  const reports = createReportService({
    dashboards: analytics.dashboards,
    repo: analytics.repo,
    sqlite: database.sqlite,
    sync,
    saveDialog: ports.saveDialog,
    pdf: ports.pdf,
    xlsx: ports.xlsx,
    onProgress: (progress) => events.emit('reports:export-progress', progress),
    clock: ports.clock,
    locale: config.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
    logger: ports.logger,
    brandName: async (brandId) => (await brandRepo.list()).find((b) => b.id === brandId)?.name,
    channelName: async (channelId) => (await channelRepo.list({ ids: [channelId] }))[0]?.name,
  })
  const reportSchedules = createReportScheduler({
    sqlite: database.sqlite,
    reports,
    saveDialog: ports.saveDialog,
    clock: ports.clock,
    timer: ports.timer,
    ids: ports.ids,
    notifier: ports.notifier,
    logger: ports.logger,
    onChange: (scheduleIds) => events.emit('reports:did-change', { scheduleIds }),
  })
  sync.onReport((report) => events.emit('sync:did-change', { channelIds: [report.channelId], streams: [report.stream] }))
  // "Suspiciously quiet" channels and LinkedIn's reconnect deadline, looked at after each batch of reads.
  const syncNotices = createSyncNotices({
    sync,
    sqlite: database.sqlite,
    meta,
    notifier: ports.notifier,
    settings: ports.settings,
    clock: ports.clock,
    timer: ports.timer,
    logger: ports.logger,
    options: { locale: config.locale ?? Intl.DateTimeFormat().resolvedOptions().locale },
  })
  sync.onReport(() => syncNotices.soon())
  sync.onProgress((progress) => events.emit('sync:did-progress', progress))
  const sandboxControls = createSandboxControls({
    sandbox,
    ...(connectivity ? { connectivity } : {}),
    onOnline: () => inboxActions.online(),
    ...(config.advanceSandboxClock ? { advanceClock: config.advanceSandboxClock } : {}),
  })
  // Demo mode: each wave of a comment storm is read at once, so the Inbox fills as it goes.
  const storm = sandbox
    ? createCommentStorm({
        sandbox,
        clock: ports.clock,
        timer: ports.timer,
        onWave: () => void sync.syncNow({ streams: ['comments', 'mentions'], trigger: 'now' }).catch((err: unknown) => ports.logger.log('warn', 'sandbox: storm read failed', { error: err })),
        onProgress: (state) => events.emit('sandbox:storm-progress', state),
      })
    : undefined
  const needStorm = () => {
    if (!storm) throw new AppError('forbidden', 'Comment storms exist only in demo mode.')
    return storm
  }

  async function profileDetail(profileId: string): Promise<ProfileDetail> {
    const view = await connect.profileView(profileId)
    const row = await connectionRepo.getProfile(profileId)
    const events = await connectionRepo.listEvents(profileId, 100)
    const links = await connectionRepo.linksOfProfile(profileId)
    const linked = new Set(links.map((l) => l.network_channel_id))
    const pending = (await connectionRepo.listPending(profileId)).filter((p) => !linked.has(p.network_channel_id))
    const summaries = new Map((await channelRepo.list({ ids: links.map((l) => l.channel_id) })).map((c) => [c.id, c]))
    return {
      ...view,
      lastErrorRaw: row?.last_error_raw ?? '',
      events: events.map((e) => ({ at: e.at, kind: e.kind, healthBefore: e.health_before, healthAfter: e.health_after, reason: e.reason, detail: e.detail, raw: e.raw })),
      channels: links.map((l) => ({
        id: l.channel_id,
        name: l.name,
        network: l.network as Network,
        linkHealth: l.health,
        linkDetail: l.health_detail,
        channelHealth: summaries.get(l.channel_id)?.health ?? 'unlinked',
      })),
      pending: pending.map((p) => {
        const tasks = p.tasks ? p.tasks.split(',') : []
        return { networkChannelId: p.network_channel_id, network: p.network as Network, kind: p.kind, name: p.name, handle: p.handle, tasks, canPublish: canPublishWith(tasks) }
      }),
    }
  }

  /** Re-arms one wake-up at the next moment any grant needs attention (refresh, warning, probe). */
  let watchHandle: { cancel(): void } | undefined
  let disposed = false
  async function armWatch(): Promise<void> {
    watchHandle?.cancel()
    if (disposed || config.watch === false) return
    const next = await lifecycle.nextWakeAt()
    if (next === null) return
    watchHandle = ports.timer.at(Math.max(next, ports.clock.now()), () => {
      void lifecycle
        .sweep()
        .catch((err: unknown) => ports.logger.log('error', 'connections: sweep failed', { error: err }))
        .then(() => armWatch())
    })
  }

  /**
   * The tray follows the Needs attention list: red while a connection or channel is broken or a
   * post failed, amber while anything else waits for a person (an expiring or unfinished
   * connection, a held, missed or unconfirmed post), with the list's count in its tooltip.
   */
  const attentionRepo = createAttentionRepository(database.sqlite)
  async function renderTray(): Promise<void> {
    const [counts, broken] = await Promise.all([channelRepo.healthCounts(), profileRepo.listBroken()])
    const waiting = attentionRepo.counts(ports.clock.now() - ATTENTION_POSTS_BACK_MS)
    const total = broken.length + waiting.expiring + waiting.unfinished + waiting.waitingPosts
    const level: TrayState['level'] = broken.length > 0 || counts.disconnected > 0 || waiting.failedPosts > 0 ? 'broken' : total > 0 ? 'expiring' : 'healthy'
    ports.tray.render({
      level,
      tooltip: `Relink: ${total > 0 ? ATTENTION_WORDS.count(total) : ATTENTION_WORDS.allClear}`,
      brokenProfiles: broken.map(({ id, label }) => ({ id, label })),
      waitingPosts: waiting.waitingPosts,
    })
  }
  await renderTray()
  let reconciling: Promise<unknown> | undefined
  let reconcileAgain = false
  /** Folds bursts of health changes into one reconciliation at a time. */
  function reconcileSync(): void {
    if (reconciling) {
      reconcileAgain = true
      return
    }
    reconciling = sync
      .reconcileHealth()
      .catch((err: unknown) => ports.logger.log('error', 'sync: reconciling health failed', { error: err }))
      .finally(() => {
        reconciling = undefined
        if (reconcileAgain && !disposed) {
          reconcileAgain = false
          reconcileSync()
        }
      })
  }
  events.subscribe((event) => {
    if (event === 'channels:did-change' || event === 'schedule:did-change' || event === 'connections:did-change-health') {
      void renderTray().catch((err: unknown) => ports.logger.log('error', 'tray: render failed', { error: err }))
    }
    // A channel that broke opens its gaps; one that healed (Refresh connection) is backfilled.
    if (event === 'channels:did-change') reconcileSync()
    // Picked channels get the pictures their listing named.
    if (event === 'channels:did-change') void pictures.refresh()
    if (event === 'connections:did-change-health' || event === 'settings:did-change') {
      void armWatch().catch((err: unknown) => ports.logger.log('error', 'connections: arming the watch failed', { error: err }))
    }
  })
  if (sandbox && config.seedDemo !== false) {
    await seedDemoWorkspace({ sandbox, connect, brands, meta, http: ports.http, clock: ports.clock, timer: ports.timer, logger: ports.logger, adapters })
  }
  await armWatch()
  // Pictures that failed a day ago are tried again.
  if (config.watch !== false) void pictures.refresh()
  // Settles what a previous run left half-published, then arms the one wake-up for the next due post.
  // In the background: settling may ask the networks, and the window must not wait for them.
  const schedulerStarted =
    config.watch === false
      ? Promise.resolve()
      : schedule.scheduler.start().then(
          () => undefined,
          (err: unknown) => ports.logger.log('error', 'scheduler: start failed', { error: err }),
        )

  // Replies and moderation left in flight by a previous run are settled the same way, then the queue runs.
  const inboxActionsStarted =
    config.watch === false
      ? Promise.resolve()
      : schedulerStarted.then(async () => {
          if (disposed) return
          await inboxActions.start()
        }).catch((err: unknown) => ports.logger.log('error', 'inbox: actions start failed', { error: err }))

  // Reads start after the scheduler settles: modules register their readers before this point.
  const syncReady =
    config.watch === false
      ? Promise.resolve()
      : schedulerStarted.then(async () => {
          if (disposed) return
          await sync.start()
        }).catch((err: unknown) => ports.logger.log('error', 'sync: start failed', { error: err }))

  // Catches up a report missed while Relink was closed, then arms the next run.
  const reportsStarted = config.watch === false ? Promise.resolve() : syncReady.then(() => (disposed ? undefined : reportSchedules.start()))

  const info = (): AppInfo => ({
    version: config.version,
    dataDir: config.dataDir,
    schemaVersion: database.migration.to,
    demoMode: config.demoMode,
    secretStorage: ports.secretBox.backend(),
    now: ports.clock.now(),
    locale: config.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
  })

  const handlers: CommandHandlers = {
    'app:get-info': async () => info(),
    'brands:list': () => brands.list(),
    'brands:create': (input) => brands.create(input),
    'brands:update': (input) => brands.update(input),
    'brands:delete': (input) => brands.delete(input),
    'brands:restore': (input) => brands.restore(input),
    'channels:list': (input) => channels.list(input),
    'channels:list-links': () => channelRepo.links(),
    'channels:list-pictures': () => pictures.list(),
    'channels:set-brands': (input) => channels.setBrands(input),
    'channels:remove': (input) => channels.remove(input),
    'slots:list': () => slots.list(),
    'slots:set-channel': (input) => slots.setChannel(input),
    'slots:copy-channel': (input) => slots.copyChannel(input),
    'slots:find-next-free': (input) => slots.findNextFree(input),
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'connections:list-profiles': () => connect.listProfiles(),
    'connections:get-profile': ({ profileId }) => profileDetail(profileId),
    'connections:start-connect': (input) => connect.connect(input.instance ? { network: input.network, instance: input.instance } : { network: input.network }),
    'connections:cancel-connect': async () => connect.cancel(),
    'connections:finish-connect': (input) => connect.finishConnect(input),
    'connections:refresh-profile': (input) => connect.refreshProfile(input),
    'connections:refresh-all-expired': () => connect.refreshAllExpired(),
    'connections:check-now': async (input) => {
      if (input?.profileId) {
        if (!(await connectionRepo.getProfile(input.profileId))) throw new AppError('not_found', 'That connection no longer exists.')
        await lifecycle.probe(input.profileId)
        await lifecycle.evaluateClocks(input.profileId)
      } else {
        await lifecycle.sweep({ probe: true, force: true })
      }
      return connect.listProfiles()
    },
    'connections:remove-profile': (input) => connect.removeProfile(input),
    'networks:list-apps': () => networkApps.list(),
    'networks:save-app': (input) => networkApps.save(input),
    'networks:remove-app': (input) => networkApps.remove(input),
    'sandbox:get-state': () => sandboxControls.state(),
    'sandbox:apply-control': async (input) => {
      const state = await sandboxControls.apply(input)
      // Look at once so the window reflects what just broke, as the real networks would on the next call.
      await lifecycle.sweep({ probe: true, force: true }).catch(() => undefined)
      return state
    },
    'sandbox:get-storm': async () => needStorm().state(),
    'sandbox:start-storm': async ({ changes }) => needStorm().start(changes),
    'sandbox:stop-storm': async () => needStorm().stop(),
    ...schedule.handlers,
    'sync:get-health': (input) => sync.health(input ?? {}),
    'sync:sync-now': async (input) => {
      const reports = await sync.syncNow({ ...(input ?? {}), trigger: 'now' })
      const failed = reports.filter((r) => !r.ok)
      return { runs: reports.length, failed: failed.length, failedChannels: new Set(failed.map((r) => r.channelId)).size, items: reports.reduce((n, r) => n + (r.ok ? r.items : 0), 0) }
    },
    'sync:list-gaps': (input) => sync.gaps.list(input ?? {}),
    'analytics:get-dashboard': (query) => analytics.dashboards.dashboard(query),
    'analytics:get-posts': (query) => analytics.dashboards.posts(query),
    'reports:export': ({ format, query, jobId }) => reports.exportReport(format, query, jobId),
    'reports:cancel-export': async ({ jobId }) => ({ cancelled: reports.cancel(jobId) }),
    'data:list-backups': async () => data.list(),
    'data:back-up-now': () => data.backUpNow(),
    'data:restore-backup': async (input) => data.restore(input),
    'reports:export-health': ({ format, query }) => reports.exportHealthReport(format, query),
    'reports:list-schedules': async () => reportSchedules.list(),
    'reports:create-schedule': (input) => reportSchedules.create(input),
    'reports:update-schedule': (input) => reportSchedules.update(input),
    'reports:delete-schedule': async ({ id }) => reportSchedules.delete(id),
    'reports:restore-schedule': async ({ id }) => reportSchedules.restore(id),
    'reports:run-schedule': ({ id }) => reportSchedules.runNow(id),
    ...createInboxCommands({ inbox, actions: inboxActions, clock: ports.clock, events, operator: config.operator ?? 'this computer', saveDialog: ports.saveDialog, openDialog: ports.openDialog }),
  }

  return {
    handlers,
    events,
    database,
    info,
    connections: { lifecycle, connect, providers },
    pictures,
    scheduler: schedule.scheduler,
    sync,
    reportSchedules,
    inbox,
    inboxActions,
    started: Promise.all([schedulerStarted, inboxActionsStarted, syncReady, reportsStarted]).then(() => undefined),
    async dispose() {
      disposed = true
      watchHandle?.cancel()
      connect.cancel()
      await schedulerStarted
      await syncReady
      await reportsStarted
      await reportSchedules.stop()
      await sync.stop()
      await reconciling
      await inboxActionsStarted
      await inboxActions.stop()
      commentNotifier.stop()
      syncNotices.stop()
      await schedule.scheduler.stop()
      await pictures.settle()
      await checkpoints.stop()
      await database.close()
    },
  }
}
