import type { PostImage } from '../providers/types'

export interface ImageInfo {
  mimeType: PostImage['mimeType']
  width: number
  height: number
}

/**
 * Reads the type and pixel size from an image's own header (PNG, JPEG, GIF, WebP): the networks'
 * rules are about what the file is, not what its name says. Undefined for anything else.
 */
export function sniffImage(bytes: Uint8Array): ImageInfo | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const at = (offset: number, text: string): boolean => {
    if (offset + text.length > bytes.length) return false
    for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false
    return true
  }
  // PNG: signature, then the IHDR chunk with big-endian width and height.
  if (bytes.length >= 24 && at(0, '\x89PNG\r\n\x1a\n') && at(12, 'IHDR')) {
    return { mimeType: 'image/png', width: view.getUint32(16), height: view.getUint32(20) }
  }
  // GIF87a / GIF89a: little-endian logical screen size.
  if (bytes.length >= 10 && (at(0, 'GIF87a') || at(0, 'GIF89a'))) {
    return { mimeType: 'image/gif', width: view.getUint16(6, true), height: view.getUint16(8, true) }
  }
  if (bytes.length >= 30 && at(0, 'RIFF') && at(8, 'WEBP')) return webp(bytes, view, at)
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpeg(bytes, view)
  return undefined
}

function webp(bytes: Uint8Array, view: DataView, at: (o: number, t: string) => boolean): ImageInfo | undefined {
  if (at(12, 'VP8X')) {
    const w = 1 + (view.getUint16(24, true) | ((bytes[26] ?? 0) << 16))
    const h = 1 + (view.getUint16(27, true) | ((bytes[29] ?? 0) << 16))
    return { mimeType: 'image/webp', width: w, height: h }
  }
  if (at(12, 'VP8L')) {
    const b = view.getUint32(21, true)
    return { mimeType: 'image/webp', width: (b & 0x3fff) + 1, height: ((b >>> 14) & 0x3fff) + 1 }
  }
  if (at(12, 'VP8 ')) {
    return { mimeType: 'image/webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff }
  }
  return undefined
}

/** Walks JPEG segments to the first start-of-frame marker, which carries the size. */
function jpeg(bytes: Uint8Array, view: DataView): ImageInfo | undefined {
  let offset = 2
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined
    const marker = bytes[offset + 1] ?? 0
    if (marker === 0xff) {
      offset += 1
      continue
    }
    const length = view.getUint16(offset + 2)
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isFrame) return { mimeType: 'image/jpeg', height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) }
    offset += 2 + length
  }
  return undefined
}
