/** What the scheduler is built from: its ports, its tuning, and the shared state of its parts. */
import type { GrantHealth } from '../../shared/domain/health'
import type { Network } from '../../shared/domain/network'
import type { DeliveryNotice, HeldReleasable, ScheduleChange } from '../../shared/domain/schedule'
import type { DeliveryRepository, DeliveryRow } from '../db/repositories/delivery-repository'
import type { EventBus } from '../events'
import { DEFAULT_INTENT_OPTIONS, type IntentOptions } from '../intents'
import type { Clock, Logger, Timer } from '../ports'
import type { ImageConverter } from './image-convert'
import type { ProviderError } from '../providers/provider-error'
import type { ChannelTarget, ProviderAdapter, ProviderContext } from '../providers/types'

export const MINUTE = 60_000

/** How the scheduler reaches a channel: the lifecycle in the app. */
export interface SchedulerConnections {
  /** The healthy link's target; throws AppError `reauth_required` when no link works. */
  channelTarget(channelId: string): Promise<{ profileId: string; network: Network; instance: string; target: ChannelTarget }>
  /** Applies a token failure seen while publishing to the grant's health. */
  reportFailure(profileId: string, err: ProviderError, options?: { channelId?: string }): Promise<GrantHealth>
}

export interface SchedulerProviders {
  adapter(network: Network): ProviderAdapter
  context(network: Network, instance?: string): Promise<ProviderContext>
}

export interface SchedulerOptions extends IntentOptions {
  /** Deliveries published at the same time. */
  concurrency: number
  /** The longest the wake-up sleeps even with nothing due sooner: bounds lateness after an unnoticed sleep or clock change. */
  maxSleepMs: number
  /** Slot size for "next free slot". */
  slotMs: number
  /** Seed of the retry jitter. */
  seed: number
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  concurrency: 4,
  maxSleepMs: MINUTE,
  ...DEFAULT_INTENT_OPTIONS,
  slotMs: 15 * MINUTE,
  seed: 0x5eed,
}

export interface SchedulerDeps {
  repo: DeliveryRepository
  connections: SchedulerConnections
  providers: SchedulerProviders
  clock: Clock
  timer: Timer
  /** The grace window comes from Settings → Scheduler and is read at each use. */
  settings: { read(): { scheduler: { graceWindowMinutes: number } } }
  logger: Logger
  /** Listens for `connections:did-reconnect` to offer the release of held deliveries. */
  events?: Pick<EventBus, 'subscribe'>
  /** Reads a picked image file once, at compose time. */
  files?: { read(path: string): Promise<Uint8Array> }
  onChange?: (change: ScheduleChange) => void
  /** One call per problem and delivery; the app turns it into a desktop notification. */
  notify?: (notice: DeliveryNotice) => void
  /** A reconnect healed channels with held deliveries: the release dialog's data. */
  onHeldReleasable?: (held: HeldReleasable) => void
  /** Jitter source (seeded by default so runs replay). */
  random?: () => number
  options?: Partial<SchedulerOptions>
  /**
   * Test seam: runs after the network accepted a post and before Relink commits that fact —
   * the crash harness kills the process here.
   */
  hooks?: { afterPublishAccepted?(deliveryId: number): void | Promise<void> }
}

export interface ReconcileReport {
  requeued: number
  published: number
  needsReview: number
  pending: number
}

/** What every part of the scheduler shares: its ports, its tuning and the deliveries in hand. */
export interface SchedulerContext {
  deps: SchedulerDeps
  repo: DeliveryRepository
  clock: Clock
  logger: Logger
  opt: SchedulerOptions
  random: () => number
  /** Turns an image into a type its network takes (PNG → JPEG for Instagram), remembered by hash. */
  images: ImageConverter
  /** Deliveries this process is working on (claimed or publishing here). */
  inflight: Set<number>
  /** The grace window now, in milliseconds. */
  graceMs(): number
  /** Tells the window which posts and deliveries changed (coalesced per turn). */
  changed(postIds: Iterable<string>, deliveryIds?: Iterable<number>): void
  changedRow(row: Pick<DeliveryRow, 'id' | 'post_id'>): void
  /** After a change: re-arm the wake-up, or run at once when something is already due. */
  poke(): void
  /** Keeps background work in view so `stop` and `whenIdle` can wait for it. */
  track<T>(work: Promise<T>): Promise<T>
  isStopped(): boolean
}
