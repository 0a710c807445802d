import { describe, expect, it } from 'vitest'
import { sniffImage } from './image'

const png = (w: number, h: number): Uint8Array => {
  const b = new Uint8Array(33)
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  new DataView(b.buffer).setUint32(16, w)
  new DataView(b.buffer).setUint32(20, h)
  return b
}

describe('sniffImage', () => {
  it('reads PNG, GIF, JPEG and WebP headers', () => {
    expect(sniffImage(png(1200, 630))).toEqual({ mimeType: 'image/png', width: 1200, height: 630 })
    const gif = new Uint8Array([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([0x40, 0x01, 0xf0, 0x00]))
    expect(sniffImage(gif)).toEqual({ mimeType: 'image/gif', width: 320, height: 240 })
    // SOI, an APP0 segment of 16 bytes, then SOF0 with height 480 and width 640.
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array<number>(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 0, 0, 0])
    expect(sniffImage(jpeg)).toEqual({ mimeType: 'image/jpeg', width: 640, height: 480 })
    const webp = new Uint8Array(30)
    webp.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0)
    webp.set([...'WEBPVP8X'].map((c) => c.charCodeAt(0)), 8)
    webp.set([0xff, 0x03, 0x00, 0x57, 0x02, 0x00], 24) // 1024 × 600, stored minus one
    expect(sniffImage(webp)).toEqual({ mimeType: 'image/webp', width: 1024, height: 600 })
  })

  it('refuses what is not an image', () => {
    expect(sniffImage(new TextEncoder().encode('<html>not an image</html>'))).toBeUndefined()
    expect(sniffImage(new Uint8Array(0))).toBeUndefined()
  })
})
