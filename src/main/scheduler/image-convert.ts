/**
 * Fitting a post's image to a network that takes another format: a PNG becomes a JPEG for a
 * network that takes JPEG only (Instagram), instead of being refused. Pure JavaScript (pngjs
 * reads every PNG flavour, jpeg-js writes baseline JPEG), so it runs and is tested the same in
 * main, in tests and on every platform, with no window or native image library involved.
 */
import { PNG } from 'pngjs'
import { encode as encodeJpeg } from 'jpeg-js'
import { imageConversionFor, type ImageConversion } from '../../shared/domain/image-formats'
import type { PostImage } from '../providers/types'

/** JPEG quality: high enough that a photo or a graphic shows no visible loss. */
export const JPEG_QUALITY = 90

/**
 * A PNG's pixels as a JPEG. JPEG has no transparency, so transparent pixels are laid on white,
 * as a photo print would show them. Throws when the bytes are not a readable PNG.
 */
export function pngToJpeg(bytes: Uint8Array): { bytes: Uint8Array; width: number; height: number } {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  const { width, height, data } = png
  const rgba = new Uint8Array(width * height * 4)
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = data[i + 3] ?? 255
    const over = 255 - alpha
    rgba[i] = ((data[i] ?? 0) * alpha + 255 * over + 127) / 255
    rgba[i + 1] = ((data[i + 1] ?? 0) * alpha + 255 * over + 127) / 255
    rgba[i + 2] = ((data[i + 2] ?? 0) * alpha + 255 * over + 127) / 255
    rgba[i + 3] = 255
  }
  const jpeg = encodeJpeg({ width, height, data: rgba }, JPEG_QUALITY)
  return { bytes: new Uint8Array(jpeg.data.buffer, jpeg.data.byteOffset, jpeg.data.byteLength), width, height }
}

/**
 * Converts images for networks, remembering the last few results by content hash: the composer
 * checks the same image on every keystroke and a post to several channels publishes it several
 * times, and a conversion is the same bytes every time.
 */
export function createImageConverter(keep = 4) {
  const memo = new Map<string, PostImage>()

  /** The image as `network` takes it; throws when a PNG cannot be read. */
  function fit(image: PostImage, sha256: string, network: string): { image: PostImage; conversion?: ImageConversion } {
    const conversion = imageConversionFor(network, image.mimeType)
    if (!conversion) return { image }
    const key = `${sha256}>${conversion.to}`
    let converted = memo.get(key)
    if (!converted) {
      const out = pngToJpeg(image.bytes)
      converted = { bytes: out.bytes, mimeType: conversion.to, width: out.width, height: out.height }
      if (memo.size >= keep) memo.delete(memo.keys().next().value as string)
      memo.set(key, converted)
    }
    return { image: { ...converted, ...(image.altText ? { altText: image.altText } : {}) }, conversion }
  }

  return { fit }
}

export type ImageConverter = ReturnType<typeof createImageConverter>
