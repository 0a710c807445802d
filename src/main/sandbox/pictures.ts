/**
 * Profile pictures on the sandbox network: each account's picture is a small PNG drawn from its
 * id (a colour and a symmetric pattern, like the identicons networks give new accounts), so demo
 * mode shows pictures and every test sees the same bytes. The dialects name the address in their
 * own fields (`picture`, `profile_picture_url`, `logoV2`, `profile_image_url`, `avatar`); the
 * server answers it under `/pictures/`, the way a network's CDN would.
 */
import { createHash } from 'node:crypto'
import { PNG } from 'pngjs'
import type { SandboxResponse } from './types'
import type { SandboxChannel, SandboxWorld } from './world'

const SIZE = 96
const GRID = 5

/** The picture's address on the sandbox, or undefined when the account has none. */
export function sandboxPictureUrl(origin: string, channel: SandboxChannel): string | undefined {
  if (channel.hasPicture === false) return undefined
  return `${origin}/pictures/${encodeURIComponent(channel.id)}/${channel.pictureVersion ?? 1}.png`
}

/** The PNG for one account, the same bytes for the same id and version. */
export function sandboxPicture(id: string, version = 1): Buffer {
  const hash = createHash('sha256').update(`${id}#${version}`).digest()
  const hue = ((hash[0] ?? 0) / 255) * 360
  const [bgR, bgG, bgB] = hsl(hue, 0.45, 0.42)
  const [fgR, fgG, fgB] = hsl(hue, 0.6, 0.82)
  const png = new PNG({ width: SIZE, height: SIZE })
  // The pattern keeps two cells clear on every side, so a round crop never cuts it.
  const cell = SIZE / (GRID + 4)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const gx = Math.floor(x / cell) - 2
      const gy = Math.floor(y / cell) - 2
      // Mirrored columns make the pattern read as a face-like mark rather than noise.
      const col = Math.min(gx, GRID - 1 - gx)
      const on = gx >= 0 && gx < GRID && gy >= 0 && gy < GRID && ((hash[1 + gy * 3 + col] ?? 0) & 1) === 1
      const i = (y * SIZE + x) * 4
      png.data[i] = on ? fgR : bgR
      png.data[i + 1] = on ? fgG : bgG
      png.data[i + 2] = on ? fgB : bgB
      png.data[i + 3] = 255
    }
  }
  return PNG.sync.write(png)
}

/** Answers `/pictures/<id>/<version>.png` for an account of the world; 404 for anything else. */
export function pictureAnswer(world: SandboxWorld, file: string): SandboxResponse {
  const [, id = '', version = ''] = /^([^/]+)\/(\d+)\.png$/.exec(file) ?? []
  const channel = world.channels.get(decodeURIComponent(id))
  if (!channel || channel.hasPicture === false || Number(version) !== (channel.pictureVersion ?? 1)) {
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' }
  }
  return {
    status: 200,
    headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' },
    body: sandboxPicture(channel.id, channel.pictureVersion ?? 1),
  }
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number): number => (n + h / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const f = (n: number): number => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))))
  return [f(0), f(8), f(4)]
}
