import type { Network } from '../../../../../shared/domain/network'
import type { ComposeImageInput, NetworkTexts, PickedImage, PostView } from '../../../../../shared/domain/schedule'
import type { CommandInput } from '../../../../../shared/ipc/contract'
import { isKnownTimeZone, utcToZonedWallTime, type WallTime } from './zoned-time'

/** The image attached in the composer: one just picked, or the stored copy of a saved post's. */
export interface ComposerImage extends PickedImage {
  altText: string
}

/** Everything the person can change in the composer. */
export interface ComposeForm {
  text: string
  /** The networks customised on their own tab; the others publish `text`. */
  networkTexts: NetworkTexts
  /** Published under the post on Instagram and LinkedIn; empty for none. */
  firstComment: string
  link: string
  image: ComposerImage | null
  channelIds: string[]
  /** Null until the person picks a time: the suggestion then follows main's clock. */
  when: WallTime | null
  timeZone: string
}

/** How long the computer's zone is taken as read: a zone changed meanwhile (travel) shows within a minute. */
const ZONE_READ_MS = 60_000
let zoneRead: { zone: string; at: number } | undefined

/**
 * The time zone this computer is set to. Reading it builds an Intl.DateTimeFormat (about half a
 * millisecond of each key typed in the composer, which asks on every render), so it is read
 * again only once a minute.
 */
export function localTimeZone(): string {
  const now = performance.now()
  if (!zoneRead || now - zoneRead.at > ZONE_READ_MS) zoneRead = { zone: Intl.DateTimeFormat().resolvedOptions().timeZone, at: now }
  return zoneRead.zone
}

/** The last part of a path, on any platform. */
export const fileName = (path: string): string => path.split(/[\\/]/).pop() || path

export function emptyForm(timeZone: string, initialPublishAt: number | undefined): ComposeForm {
  return {
    text: '',
    networkTexts: {},
    firstComment: '',
    link: '',
    image: null,
    channelIds: [],
    when: initialPublishAt === undefined ? null : utcToZonedWallTime(initialPublishAt, timeZone),
    timeZone,
  }
}

export function formFromPost(post: PostView, previewUrl: string | null): ComposeForm {
  const image = post.image
  // A zone this window's engine does not know (older time zone data) falls back to the local one.
  const timeZone = isKnownTimeZone(post.timeZone) ? post.timeZone : localTimeZone()
  return {
    text: post.text,
    networkTexts: post.networkTexts,
    firstComment: post.firstComment ?? '',
    link: post.link ?? '',
    image: image && {
      path: image.path,
      name: fileName(image.path),
      mimeType: image.mimeType,
      width: image.width,
      height: image.height,
      sizeBytes: image.sizeBytes,
      previewUrl,
      altText: image.altText ?? '',
    },
    channelIds: post.channelIds,
    when: post.publishAt === null ? null : utcToZonedWallTime(post.publishAt, timeZone),
    timeZone,
  }
}

export function imageFromPick(picked: PickedImage): ComposerImage {
  const { path, name, mimeType, width, height, sizeBytes, previewUrl } = picked
  return { path, name, mimeType, width, height, sizeBytes, previewUrl, altText: '' }
}

/** A value that changes exactly when the person changed something worth saving. */
export function formKey(form: ComposeForm): string {
  return JSON.stringify([
    form.text,
    Object.entries(form.networkTexts).sort(),
    form.firstComment.trim(),
    form.link.trim(),
    form.image && [form.image.path, form.image.altText.trim()],
    [...form.channelIds].sort(),
    form.when,
    form.timeZone,
  ])
}

/** The image as main reads it: a path it stored or its own dialog returned, and the description. */
export function imageInput(image: ComposerImage): ComposeImageInput {
  const altText = image.altText.trim()
  return altText ? { path: image.path, altText } : { path: image.path }
}

export type ContentInput = CommandInput<'schedule:check-content'>

/** The text a network publishes: its own where customised, else the shared one. */
export const textForNetwork = (form: Pick<ComposeForm, 'text' | 'networkTexts'>, network: Network): string => form.networkTexts[network] ?? form.text

export function contentOf(form: ComposeForm, channelIds: string[]): ContentInput {
  const link = form.link.trim()
  const custom = Object.keys(form.networkTexts).length > 0
  const firstComment = form.firstComment.trim()
  return {
    text: form.text,
    ...(custom ? { networkTexts: form.networkTexts } : {}),
    ...(firstComment ? { firstComment } : {}),
    ...(link ? { link } : {}),
    ...(form.image ? { image: imageInput(form.image) } : {}),
    channelIds,
  }
}

export function createInput(form: ComposeForm, publishAt: number | undefined, draft: boolean): CommandInput<'schedule:create-post'> {
  return {
    ...contentOf(form, form.channelIds),
    timeZone: form.timeZone,
    ...(publishAt === undefined ? {} : { publishAt }),
    ...(draft ? { draft: true } : {}),
  }
}

/**
 * What to send about the image when saving an edit: nothing when it is the same image with the
 * same description (main keeps its stored copy), the same path when only the description changed
 * (main reuses the stored copy rather than reading the file again), null when it was removed.
 */
export function imagePatch(image: ComposerImage | null, stored: PostView['image']): ComposeImageInput | null | undefined {
  if (!image) return stored ? null : undefined
  if (stored && stored.path === image.path && (stored.altText ?? '') === image.altText.trim()) return undefined
  return imageInput(image)
}

export function updateInput(form: ComposeForm, post: PostView, publishAt: number | undefined, status: 'draft' | 'scheduled'): CommandInput<'schedule:update-post'> {
  const image = imagePatch(form.image, post.image)
  return {
    postId: post.id,
    text: form.text,
    networkTexts: form.networkTexts,
    firstComment: form.firstComment.trim() || null,
    link: form.link.trim() || null,
    ...(image === undefined ? {} : { image }),
    channelIds: form.channelIds,
    ...(publishAt === undefined ? {} : { publishAt }),
    timeZone: form.timeZone,
    status,
  }
}
