/**
 * Channels' profile pictures: the adapters name each account's picture when they list a profile's
 * channels; this downloads each picture once through the Http port, keeps it in SQLite, and fetches
 * it again only when the network gives another address. A picture is decoration: a download that
 * fails, is too large or is not an image is logged quietly and the window keeps the initials. It
 * never reaches the token lifecycle, a channel's health or the sign-in that found it.
 */
import type { ChannelPicture } from '../../shared/domain/entities'
import type { Network } from '../../shared/domain/network'
import type { AccountKey, PictureRepository, PictureToFetch } from '../db/repositories/picture-repository'
import type { EventBus } from '../events'
import type { Clock, Http, Logger } from '../ports'
import type { DiscoveredChannel } from '../providers/types'

/** Larger answers are not pictures worth keeping for a 40 px avatar (networks serve 50–400 px). */
export const PICTURE_MAX_BYTES = 256 * 1024
const RETRY_AFTER_MS = 24 * 60 * 60 * 1000
const DOWNLOAD_TIMEOUT_MS = 15_000

/** An account's picture as a listing (or a probe that reads the account) names it. */
export type NamedPicture = Pick<DiscoveredChannel, 'network' | 'networkChannelId' | 'pictureUrl'>

/** What the discovery paths need: note the addresses a listing gave. */
export interface PictureNotes {
  note(network: Network, instance: string, found: readonly NamedPicture[]): Promise<void>
}

export type ChannelPictures = ReturnType<typeof createChannelPictures>

/**
 * Whether two addresses name the same picture. Facebook's and LinkedIn's CDN addresses are signed
 * and expire (`oh`/`oe`, `e`/`t` in the query), so the same picture comes back under a new query
 * on every listing; a new picture has a new path.
 */
export function samePicture(a: string, b: string | null): boolean {
  if (b === null) return false
  const path = (url: string): string => url.split(/[?#]/)[0] ?? url
  return path(a) === path(b)
}

/** The image type from the bytes themselves (the network's content-type may say anything). */
export function sniffImage(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | undefined {
  const at = (i: number): number => bytes[i] ?? -1
  const ascii = (from: number, text: string): boolean => [...text].every((ch, i) => at(from + i) === ch.charCodeAt(0))
  if (at(0) === 0x89 && ascii(1, 'PNG')) return 'image/png'
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg'
  if (ascii(0, 'GIF8')) return 'image/gif'
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp'
  return undefined
}

export function createChannelPictures(deps: {
  repo: PictureRepository
  http: Http
  clock: Clock
  events: EventBus
  logger: Logger
  /** Plain http addresses too: only for the sandbox network, which serves its pictures on loopback. */
  allowHttp?: boolean
}) {
  const { repo, http, clock, events, logger } = deps
  // An address comes from a network's answer; only https keeps it from reaching services on this computer.
  const allowed = (url: string): boolean => url.startsWith('https://') || (deps.allowHttp === true && url.startsWith('http://'))
  let running: Promise<void> | undefined
  let again = false

  async function download(item: PictureToFetch): Promise<{ mimeType: string; data: Uint8Array } | string> {
    if (!allowed(item.url)) return 'not an https address'
    let res
    try {
      res = await http.request({ method: 'GET', url: item.url, responseType: 'bytes', maxBytes: PICTURE_MAX_BYTES, timeoutMs: DOWNLOAD_TIMEOUT_MS })
    } catch (err) {
      return err instanceof Error ? err.message : 'no answer'
    }
    const bytes = res.bytes ?? new Uint8Array()
    if (res.status !== 200) return `HTTP ${res.status}`
    if (bytes.byteLength > PICTURE_MAX_BYTES) return `larger than ${PICTURE_MAX_BYTES} bytes`
    const mimeType = sniffImage(bytes)
    if (!mimeType) return 'not an image'
    return { mimeType, data: bytes }
  }

  async function fetchAll(): Promise<void> {
    const changed: PictureToFetch[] = []
    for (const item of await repo.toFetch(clock.now() - RETRY_AFTER_MS)) {
      if (samePicture(item.url, item.fetchedUrl)) {
        await repo.adoptUrl(item)
        continue
      }
      const outcome = await download(item)
      if (typeof outcome === 'string') {
        await repo.markFailed(item, clock.now())
        logger.log('info', 'pictures: download skipped', { network: item.network, reason: outcome })
      } else if (await repo.saveDownload(item, outcome, clock.now())) {
        changed.push(item)
      }
    }
    const channelIds = await repo.channelIdsOf(changed)
    if (channelIds.length > 0) events.emit('channels:did-change-pictures', { channelIds })
  }

  /** Downloads what is due, one pass at a time; a call during a pass runs another after it. */
  function refresh(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = fetchAll()
      .catch((err: unknown) => logger.log('warn', 'pictures: refresh failed', { error: err }))
      .finally(() => {
        running = undefined
        if (again) {
          again = false
          void refresh()
        }
      })
    return running
  }

  return {
    refresh,

    /** Resolves once no download is running (tests, shutdown). */
    async settle(): Promise<void> {
      while (running) await running
    },

    /**
     * Records the addresses a listing gave (`null`: the account has none; absent: the adapter could
     * not tell this time) and downloads what changed, in the background.
     */
    async note(network: Network, instance: string, found: readonly NamedPicture[]): Promise<void> {
      try {
        const removed: AccountKey[] = []
        for (const c of found) {
          if (c.pictureUrl === undefined) continue
          const key = { network: c.network, instance, networkChannelId: c.networkChannelId }
          if (await repo.noteUrl(key, c.pictureUrl, clock.now())) removed.push(key)
        }
        const cleared = await repo.channelIdsOf(removed)
        if (cleared.length > 0) events.emit('channels:did-change-pictures', { channelIds: cleared })
        void refresh()
      } catch (err) {
        logger.log('warn', 'pictures: could not note addresses', { network, error: err })
      }
    },

    /** One picture per channel, as `data:` URLs the window's CSP allows. */
    async list(): Promise<ChannelPicture[]> {
      return (await repo.listForChannels()).map((p) => ({ channelId: p.channelId, dataUrl: `data:${p.mimeType};base64,${Buffer.from(p.data).toString('base64')}` }))
    },
  }
}
