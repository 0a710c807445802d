/**
 * Checking what is composed before it is saved: time zones and times, the picked image, and each
 * chosen channel's network rules (with the instance's own limits where it publishes them).
 */
import { createHash } from 'node:crypto'
import { NETWORK_LABELS, type Network } from '../../shared/domain/network'
import { FIRST_COMMENT_MAX, type ChannelProblems, type ComposeImageInput, type NetworkTexts } from '../../shared/domain/schedule'
import { AppError } from '../../shared/errors'
import type { ChannelInfo, MediaRow } from '../db/repositories/delivery-repository'
import type { ContentLimits, ContentProblem, PostDraft, ProviderAdapter } from '../providers/types'
import { sniffImage } from './image'
import { MINUTE, type SchedulerContext } from './options'
import { textFor } from './network-texts'

/** What is composed, as the checks see it. */
export interface ComposedContent {
  text: string
  /** The networks' own texts where the person customised them. */
  networkTexts?: NetworkTexts
  link: string | null
  image: MediaRow | null
  alt: string | null
  /** Published under the post on Instagram and LinkedIn. */
  firstComment?: string | null
}

/** The draft an adapter checks (and later publishes) for composed content. */
export function draftOf(content: ComposedContent): PostDraft {
  const draft: PostDraft = { text: content.text }
  if (content.link) draft.link = content.link
  if (content.image) {
    draft.image = {
      bytes: content.image.bytes,
      mimeType: content.image.mime_type as NonNullable<PostDraft['image']>['mimeType'],
      width: content.image.width,
      height: content.image.height,
      ...(content.alt ? { altText: content.alt } : {}),
    }
  }
  return draft
}

export type ContentCheck = ReturnType<typeof createContentCheck>

export function createContentCheck(ctx: SchedulerContext) {
  const { repo, clock, deps } = ctx
  const { providers } = deps
  const knownZones = new Set<string>()
  const limitsCache = new Map<string, { until: number; limits: ContentLimits | undefined }>()

  function assertTimeZone(zone: string): void {
    if (knownZones.has(zone)) return
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone })
    } catch {
      throw new AppError('validation', `“${zone}” is not a time zone Relink knows. Pick one from the list.`)
    }
    knownZones.add(zone)
  }

  function assertTime(at: number, now: number): void {
    if (!Number.isSafeInteger(at)) throw new AppError('validation', 'Pick a date and time for the post.')
    // A minute of slack lets "publish now" from the composer through.
    if (at < now - MINUTE) throw new AppError('validation', 'That time has already passed. Pick a time from now on.')
  }

  async function readImage(input: ComposeImageInput): Promise<MediaRow> {
    if (!deps.files) throw new AppError('validation', 'Images cannot be attached here.')
    let bytes: Uint8Array
    try {
      bytes = await deps.files.read(input.path)
    } catch (err) {
      if (err instanceof AppError) throw err
      throw new AppError('validation', `Relink cannot read the image at ${input.path}. Check that the file exists and can be opened.`, { cause: err })
    }
    const info = sniffImage(bytes)
    if (!info) throw new AppError('validation', 'That file is not a PNG, JPEG, GIF or WebP image.')
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    return { sha256, mime_type: info.mimeType, width: info.width, height: info.height, size_bytes: bytes.byteLength, bytes }
  }

  /**
   * A saved post's own image (same path; say only the alt text changed) is its stored copy, so a
   * file that moved or was deleted since it was attached changes nothing. Anything else is read.
   */
  async function readImageOf(post: { image_path: string | null; image_sha256: string | null } | undefined, input: ComposeImageInput): Promise<MediaRow> {
    const stored = post && input.path === post.image_path && post.image_sha256 ? await repo.getMedia(post.image_sha256) : undefined
    return stored ?? readImage(input)
  }

  async function limitsFor(channel: ChannelInfo, adapter: ProviderAdapter): Promise<ContentLimits | undefined> {
    if (!adapter.contentLimits) return undefined
    const key = `${channel.network}|${channel.instance}`
    const cached = limitsCache.get(key)
    if (cached && cached.until > clock.now()) return cached.limits
    let limits: ContentLimits | undefined
    try {
      limits = await adapter.contentLimits(await providers.context(channel.network as Network, channel.instance))
    } catch {
      // Offline composing still works: the adapter's defaults apply until the network answers.
      limits = undefined
    }
    limitsCache.set(key, { until: clock.now() + (limits ? 60 : 5) * MINUTE, limits })
    return limits
  }

  /** The adapter's verdict on the draft with its image as the network takes it (a PNG as JPEG for Instagram). */
  function checkDraft(adapter: ProviderAdapter, draft: Omit<PostDraft, 'marker'>, sha256: string, network: string, limits: ContentLimits | undefined): ContentProblem[] {
    if (!draft.image) return adapter.validateContent(draft, limits)
    let image: PostDraft['image']
    try {
      image = ctx.images.fit(draft.image, sha256, network).image
    } catch {
      const name = NETWORK_LABELS[network as Network] ?? network
      return [{ field: 'image', message: `Relink could not read this PNG to turn it into the JPEG ${name} needs. Open it in an image editor, save it again and attach it once more.` }]
    }
    return adapter.validateContent({ ...draft, image }, limits)
  }

  /**
   * Problems per channel. The rules are the network's (and the instance's limits), so a post to
   * several channels of one network is checked once; results are remembered, so content the
   * composer already checked (or an import already previewed) is not weighed again.
   */
  const verdicts = new Map<string, Map<string, ContentProblem[]>>()
  let verdictCount = 0
  const VERDICT_CACHE = 20_000
  async function validate(content: ComposedContent, channels: readonly ChannelInfo[]): Promise<ChannelProblems[]> {
    const out: ChannelProblems[] = []
    const perNetwork = new Map<string, ContentProblem[]>()
    for (const channel of channels) {
      // Each network is checked with the text it will publish: its own where customised.
      const text = textFor(content.text, content.networkTexts ?? {}, channel.network)
      const key = `${content.image?.sha256 ?? ''}\u0000${content.alt ?? ''}\u0000${content.link ?? ''}\u0000${text}`
      const adapter = providers.adapter(channel.network as Network)
      const limits = await limitsFor(channel, adapter)
      const rules = `${channel.network}|${channel.instance}|${limits?.maxChars ?? ''}`
      let problems = perNetwork.get(rules)
      if (!problems) {
        let known = verdicts.get(rules)
        if (!known) verdicts.set(rules, (known = new Map()))
        problems = known.get(key)
        if (!problems) {
          problems = checkDraft(adapter, draftOf({ ...content, text }), content.image?.sha256 ?? '', channel.network, limits)
          if (verdictCount >= VERDICT_CACHE) {
            verdicts.clear()
            verdictCount = 0
            verdicts.set(rules, (known = new Map()))
          }
          known.set(key, problems)
          verdictCount += 1
        }
        perNetwork.set(rules, problems)
      }
      const commentMax = content.firstComment ? FIRST_COMMENT_MAX[channel.network as Network] : undefined
      const commentLength = content.firstComment ? [...content.firstComment].length : 0
      if (commentMax !== undefined && commentLength > commentMax) {
        const name = NETWORK_LABELS[channel.network as Network]
        problems = [...problems, { field: 'text', message: `${name} comments can have at most ${commentMax.toLocaleString('en-US')} characters; the first comment has ${commentLength.toLocaleString('en-US')}.` }]
      }
      if (problems.length > 0) out.push({ channelId: channel.id, channelName: channel.name, network: channel.network as Network, problems })
    }
    return out
  }

  async function channelsOf(ids: readonly string[]): Promise<ChannelInfo[]> {
    const unique = [...new Set(ids)]
    const found = await repo.channels(unique)
    if (found.length !== unique.length) throw new AppError('not_found', 'One of the chosen channels no longer exists. Pick the channels again.')
    const byId = new Map(found.map((c) => [c.id, c]))
    return unique.map((id) => byId.get(id)).filter((c): c is ChannelInfo => c !== undefined)
  }

  return { assertTimeZone, assertTime, readImage, readImageOf, validate, channelsOf }
}
