import { PNG } from 'pngjs'
import { decode } from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import { imageConversionFor } from '../../shared/domain/image-formats'
import { sniffImage } from './image'
import { createImageConverter, pngToJpeg } from './image-convert'

/** A PNG whose left half is opaque red and right half fully transparent. */
function halfTransparentPng(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height, colorType: 6 })
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      const left = x < width / 2
      png.data[i] = left ? 220 : 0
      png.data[i + 1] = left ? 20 : 0
      png.data[i + 2] = left ? 30 : 0
      png.data[i + 3] = left ? 255 : 0
    }
  }
  return new Uint8Array(PNG.sync.write(png))
}

describe('imageConversionFor', () => {
  it('turns a PNG into a JPEG for Instagram only, and nothing it cannot convert', () => {
    expect(imageConversionFor('instagram', 'image/png')).toEqual({ from: 'image/png', to: 'image/jpeg' })
    expect(imageConversionFor('instagram', 'image/jpeg')).toBeUndefined()
    expect(imageConversionFor('instagram', 'image/webp')).toBeUndefined()
    expect(imageConversionFor('x', 'image/png')).toBeUndefined()
    expect(imageConversionFor('linkedin', 'image/png')).toBeUndefined()
  })
})

describe('pngToJpeg', () => {
  it('writes a JPEG of the same size with the same colours, transparency laid on white', () => {
    const out = pngToJpeg(halfTransparentPng(64, 48))
    expect(sniffImage(out.bytes)).toEqual({ mimeType: 'image/jpeg', width: 64, height: 48 })
    const pixels = decode(out.bytes, { useTArray: true })
    const at = (x: number, y: number): number[] => Array.from(pixels.data.subarray((y * 64 + x) * 4, (y * 64 + x) * 4 + 3))
    const [r, g, b] = at(8, 24)
    expect(r).toBeGreaterThan(200)
    expect(g).toBeLessThan(50)
    expect(b).toBeLessThan(60)
    expect(at(56, 24).every((c) => c > 245)).toBe(true)
  })

  it('refuses bytes that are not a readable PNG', () => {
    const broken = halfTransparentPng(8, 8).slice(0, 40)
    expect(() => pngToJpeg(broken)).toThrow()
  })
})

describe('createImageConverter', () => {
  it('converts once per image and network type, keeping the alt text, and leaves images a network takes alone', () => {
    const converter = createImageConverter()
    const bytes = halfTransparentPng(16, 16)
    const image = { bytes, mimeType: 'image/png' as const, width: 16, height: 16, altText: 'A red half' }
    const first = converter.fit(image, 'sha-a', 'instagram')
    expect(first.conversion).toEqual({ from: 'image/png', to: 'image/jpeg' })
    expect(first.image).toMatchObject({ mimeType: 'image/jpeg', width: 16, height: 16, altText: 'A red half' })
    expect(converter.fit(image, 'sha-a', 'instagram').image.bytes).toBe(first.image.bytes)
    expect(converter.fit(image, 'sha-a', 'mastodon')).toEqual({ image })
  })
})
