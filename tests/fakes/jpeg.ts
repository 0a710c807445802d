import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A real 1×1 baseline JPEG (square, so Instagram's aspect rule accepts it). */
const ONE_PIXEL = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
)

/** Writes a decodable JPEG and returns its path. */
export function writeJpeg(dir: string, name = 'photo.jpg'): string {
  const file = join(dir, name)
  writeFileSync(file, ONE_PIXEL)
  return file
}
