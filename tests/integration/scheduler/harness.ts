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
import { parseNetworkTexts, textFor } from '../../../src/main/scheduler/network-texts'

/**
 * The text a network holds for a post: the composer's text, with the link where the network has
 * no link field for this kind of post (X and Mastodon always, Facebook and LinkedIn beside an
 * image, Instagram always), as each adapter documents.
 */
export function textOnNetwork(network: string, text: string, link: string | null, image: boolean): string {
  if (!link || text.includes(link)) return text
  const body = text.trim()
  if (network === 'x') return body ? `${body} ${link}` : link
  if (network === 'mastodon' || network === 'instagram' || (image && (network === 'facebook' || network === 'linkedin'))) return body ? `${body}\n\n${link}` : link
  return text
}

/** See {@link SchedulingHarness.postsWith}. */
export function postsOfDelivery(h: DemoHarness, key: string): number {
  const row = h.core.database.sqlite
    .prepare(
      `SELECT p.text, p.network_texts, p.link, p.image_sha256, c.network, c.network_channel_id FROM deliveries d JOIN posts p ON p.id = d.post_id JOIN channels c ON c.id = d.channel_id WHERE d.marker = ?`,
    )
    .get(key) as { text: string; network_texts: string; link: string | null; image_sha256: string | null; network: string; network_channel_id: string } | undefined
  if (!row) return 0
  const posts = [...h.sandbox.world.posts.values()]
  if (posts.some((p) => p.text.includes(key))) throw new Error(`a published text carries the key ${key}`)
  const expected = textOnNetwork(row.network, textFor(row.text, parseNetworkTexts(row.network_texts), row.network), row.link, row.image_sha256 !== null)
  const shown = (text: string): string => (row.network === 'linkedin' ? text.replace(/\\([\\|{}@[\]()<>#*_~])/g, '$1') : text)
  return posts.filter((p) => p.channelId === row.network_channel_id && shown(p.text) === expected).length
}

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
  /**
   * Posts on the delivery's channel on the sandbox network with exactly the text the composer
   * gave it (LinkedIn's escapes undone), found by the delivery's key. Throws if any post on the
   * network carries the key: nothing is ever added to a published text.
   */
  postsWith(key: string): number
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
  const repo = createDeliveryRepositoryFor(h.core.database, h.ports.ids)
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
    postsWith: (key) => postsOfDelivery(h, key),
    async close() {
      await scheduler.stop()
      await h.close()
    },
  }
}
