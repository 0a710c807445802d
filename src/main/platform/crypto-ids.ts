import { randomBytes, randomUUID } from 'node:crypto'
import type { IdSource } from '../ports'

/** The app's identifiers: the operating system's cryptographic randomness. */
export const cryptoIds: IdSource = {
  uuid: () => randomUUID(),
  bytes: (length) => new Uint8Array(randomBytes(length)),
}
