/**
 * Which image types each network takes, where it takes fewer than Relink reads, and what Relink
 * turns an image into for it: one table for the checks and publishing in main and the
 * composer's note, so what the composer promises is what is sent.
 */
import type { Network } from './network'

export type ImageType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp'

/** Networks that take only some types (Instagram's feed takes JPEG only). */
export const NETWORK_IMAGE_TYPES: Partial<Record<Network, readonly ImageType[]>> = {
  instagram: ['image/jpeg'],
}

export interface ImageConversion {
  from: ImageType
  to: ImageType
}

/** The type an image becomes for a network, or undefined when none is needed or none is possible (a WebP for Instagram). */
export function imageConversionFor(network: Network | string, type: ImageType | string): ImageConversion | undefined {
  const accepted = NETWORK_IMAGE_TYPES[network as Network]
  if (!accepted || accepted.includes(type as ImageType)) return undefined
  if (type === 'image/png' && accepted.includes('image/jpeg')) return { from: 'image/png', to: 'image/jpeg' }
  return undefined
}

const SHORT: Record<ImageType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/gif': 'GIF', 'image/webp': 'WebP' }

/** "PNG" for image/png; the type itself for anything else. */
export const imageTypeName = (type: string): string => SHORT[type as ImageType] ?? type
