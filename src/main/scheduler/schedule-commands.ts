import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { DeliveryNotice, PickedImage } from '../../shared/domain/schedule'
import { AppError } from '../../shared/errors'
import type { RelinkDatabase } from '../db/client'
import { createDeliveryRepositoryFor } from '../db/repositories/delivery-repository'
import type { EventBus } from '../events'
import type { CommandHandlers } from '../ipc/router'
import type { Clock, FilePicker, IdSource, Logger, Notifier, SettingsStore, Timer } from '../ports'
import { sniffImage } from './image'
import { createScheduler, type Scheduler, type SchedulerConnections, type SchedulerOptions, type SchedulerProviders } from './scheduler'

/** Larger files are attached but not previewed: a data URL that size would stall the window. */
export const PREVIEW_MAX_BYTES = 8 * 1024 * 1024
/** The networks' largest accepted image is well under this; anything bigger is refused at pick time. */
export const IMAGE_MAX_BYTES = 50 * 1024 * 1024

type ScheduleCommand = Extract<keyof CommandHandlers, `schedule:${string}`>
export type ScheduleHandlers = Pick<CommandHandlers, ScheduleCommand>

export interface ScheduleWiringDeps {
  database: RelinkDatabase
  connections: SchedulerConnections
  providers: SchedulerProviders
  clock: Clock
  timer: Timer
  ids: IdSource
  settings: SettingsStore
  logger: Logger
  events: EventBus
  notifier: Notifier
  picker: FilePicker
  options?: Partial<SchedulerOptions>
}

/**
 * The scheduler as the app runs it: its events go to the window, its notices become desktop
 * notifications (as Settings allow), and images are read only from paths main's own dialog returned.
 */
export function createScheduleWiring(deps: ScheduleWiringDeps): { scheduler: Scheduler; handlers: ScheduleHandlers } {
  const { events, logger } = deps
  const picked = new Set<string>()

  const notify = (notice: DeliveryNotice): void => {
    const { notifications } = deps.settings.read()
    if (!notifications.enabled || !notifications.onPublishFailed) return
    const first = notice.deliveries[0]
    if (!first) return
    deps.notifier.show({
      id: `delivery:${notice.kind}:${notice.deliveries.map((d) => d.id).join(',')}`,
      title: notice.title,
      body: notice.body,
      target: { kind: 'delivery', id: String(first.id) },
      actionLabel: notice.kind === 'missed' ? 'Decide' : 'Fix it',
    })
  }

  const scheduler = createScheduler({
    repo: createDeliveryRepositoryFor(deps.database, deps.ids),
    connections: deps.connections,
    providers: deps.providers,
    clock: deps.clock,
    timer: deps.timer,
    settings: deps.settings,
    logger,
    events,
    files: {
      async read(path) {
        if (!picked.has(path)) throw new AppError('forbidden', 'Pick the image again with "Add image": Relink only reads files chosen in its own dialog.')
        return new Uint8Array(await readFile(path))
      },
    },
    onChange: (change) => events.emit('schedule:did-change', change),
    onHeldReleasable: (held) => events.emit('schedule:did-find-held', held),
    notify,
    ...(deps.options ? { options: deps.options } : {}),
  })

  async function pickImage(): Promise<PickedImage | null> {
    const path = await deps.picker.pickImage()
    if (path === null) return null
    const size = (await stat(path)).size
    if (size > IMAGE_MAX_BYTES) throw new AppError('validation', `${basename(path)} is larger than 50 MB; no network accepts an image that size.`)
    const bytes = new Uint8Array(await readFile(path))
    const info = sniffImage(bytes)
    if (!info) throw new AppError('validation', `${basename(path)} is not a PNG, JPEG, GIF or WebP image.`)
    picked.add(path)
    return {
      path,
      name: basename(path),
      mimeType: info.mimeType,
      width: info.width,
      height: info.height,
      sizeBytes: bytes.byteLength,
      previewUrl: bytes.byteLength <= PREVIEW_MAX_BYTES ? dataUrl(info.mimeType, bytes) : null,
    }
  }

  const handlers: ScheduleHandlers = {
    'schedule:pick-image': () => pickImage(),
    'schedule:get-image': async ({ postId }) => {
      const image = await scheduler.postImage(postId)
      return { previewUrl: image && image.bytes.byteLength <= PREVIEW_MAX_BYTES ? dataUrl(image.mimeType, image.bytes) : null }
    },
    'schedule:check-content': (input) => scheduler.checkContent(input),
    'schedule:create-post': (input) => scheduler.createPost(input),
    'schedule:update-post': (input) => scheduler.updatePost(input),
    'schedule:duplicate-post': ({ postId }) => scheduler.duplicatePost(postId),
    'schedule:cancel-post': ({ postId }) => scheduler.cancelPost(postId),
    'schedule:get-post': ({ postId }) => scheduler.getPost(postId),
    'schedule:get-delivery': ({ deliveryId }) => scheduler.getDelivery(deliveryId),
    'schedule:list-deliveries': (filter) => scheduler.listDeliveries(filter),
    'schedule:list-calendar': (filter) => scheduler.listCalendar(filter),
    'schedule:list-days': (filter) => scheduler.calendarDays(filter),
    'schedule:list-drafts': () => scheduler.listDrafts(),
    'schedule:list-held': (input) => scheduler.heldDeliveries(input?.channelIds),
    'schedule:release-held': ({ channelIds, choices }) => scheduler.releaseHeld(channelIds, choices),
    'schedule:resolve-delivery': (input) => scheduler.resolveDelivery(input),
    'schedule:list-at-risk': () => scheduler.atRisk(),
  }
  return { scheduler, handlers }
}

function dataUrl(mimeType: string, bytes: Uint8Array): string {
  return `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}`
}
