import { readFile } from 'node:fs/promises'
import { createDeliveryRepositoryFor, type DeliveryRepository } from '../../../src/main/db/repositories/delivery-repository'
import type { Http, Timer } from '../../../src/main/ports'
import type { FakeClock } from '../../fakes/clock'
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../../src/main/scheduler/scheduler'
import type { DeliveryNotice, HeldReleasable, ScheduleChange } from '../../../src/shared/domain/schedule'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { LINKEDIN_SEED } from '../../../src/main/sandbox/dialects/linkedin'
import { MASTODON_SEED } from '../../../src/main/sandbox/dialects/mastodon'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { channelIdOf, startDemo, type DemoHarness } from '../connections/harness'

export const MIN = 60_000
export const HOUR = 60 * MIN

export interface SchedulingHarness {
  h: DemoHarness
  scheduler: Scheduler
  repo: DeliveryRepository
  notices: DeliveryNotice[]
  releasable: HeldReleasable[]
  changes: ScheduleChange[]
  /** Channel ids of the demo workspace. */
  channels: { xBrand: string; xLabs: string; mastodon: string; linkedin: string; facebookCoffee: string }
  /** Moves the fake clock (firing due timers) and waits until the scheduler is idle. */
  advance(ms: number): Promise<void>
  /** Sandbox posts whose text carries the marker. */
  postsWith(marker: string): number
  close(): Promise<void>
}

/**
 * The scheduler built from its factory on the demo core (whose own scheduler does not run: the
 * harness core has `watch: false`): the core's database connection, its lifecycle,
 * provider directory and event bus, the real sandbox network, and the fake clock as Clock and Timer.
 */
export async function startScheduling(
  options: {
    wrapHttp?: (http: Http) => Http
    providerTimeoutMs?: number
    graceMinutes?: number
    scheduler?: Partial<SchedulerOptions>
    /** Replaces the fake clock's timer (a timer that sleeps with the computer). */
    timer?: (clock: FakeClock) => Timer
  } = {},
): Promise<SchedulingHarness> {
  const h = await startDemo({
    ...(options.wrapHttp ? { wrapHttp: options.wrapHttp } : {}),
    ...(options.providerTimeoutMs ? { providerTimeoutMs: options.providerTimeoutMs } : {}),
  })
  if (options.graceMinutes !== undefined) {
    const current = h.ports.settings.read()
    h.ports.settings.write({ ...current, scheduler: { graceWindowMinutes: options.graceMinutes } })
  }
  const repo = createDeliveryRepositoryFor(h.core.database)
  const notices: DeliveryNotice[] = []
  const releasable: HeldReleasable[] = []
  const changes: ScheduleChange[] = []
  const scheduler = createScheduler({
    repo,
    connections: h.core.connections.lifecycle,
    providers: h.core.connections.providers,
    clock: h.ports.clock,
    timer: options.timer ? options.timer(h.ports.clock) : h.ports.clock,
    settings: h.ports.settings,
    logger: h.ports.logger,
    events: h.core.events,
    files: { read: async (path) => new Uint8Array(await readFile(path)) },
    notify: (n) => notices.push(n),
    onHeldReleasable: (r) => releasable.push(r),
    onChange: (c) => changes.push(c),
    ...(options.scheduler ? { options: options.scheduler } : {}),
  })
  await scheduler.start()
  const channels = {
    xBrand: await channelIdOf(h, 'x', X_SEED.channels.brand),
    xLabs: await channelIdOf(h, 'x', X_SEED.channels.labs),
    mastodon: await channelIdOf(h, 'mastodon', MASTODON_SEED.channels.brand),
    linkedin: await channelIdOf(h, 'linkedin', LINKEDIN_SEED.channels.northwind.id),
    facebookCoffee: await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.coffee.id),
  }
  return {
    h,
    scheduler,
    repo,
    notices,
    releasable,
    changes,
    channels,
    async advance(ms) {
      h.ports.clock.advance(ms)
      await scheduler.whenIdle()
    },
    postsWith: (marker) => [...h.sandbox.world.posts.values()].filter((p) => p.text.includes(marker)).length,
    async close() {
      await scheduler.stop()
      await h.close()
    },
  }
}
