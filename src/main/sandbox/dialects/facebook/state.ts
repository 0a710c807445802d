/** Per-world state the generic world does not model: photos (the CDN) and Instagram containers, and Graph-style ids. */
import type { DialectContext } from '../../types'
import type { SandboxWorld } from '../../world'

export interface StoredPhoto {
  id: string
  pageId: string
  bytes: Buffer
  contentType: string
  published: boolean
  postId?: string
  createdAt: number
}

export interface MediaContainer {
  id: string
  igUserId: string
  userId: string
  imageUrl: string
  caption: string
  altText?: string
  status: 'FINISHED' | 'PUBLISHED' | 'EXPIRED' | 'ERROR' | 'IN_PROGRESS'
  createdAt: number
  mediaId?: string
}

interface GraphState {
  serial: number
  photos: Map<string, StoredPhoto>
  containers: Map<string, MediaContainer>
  /** Times of API publishes per Instagram account, for the 24-hour quota. */
  igPublishes: Map<string, number[]>
}

const STATES = new WeakMap<SandboxWorld, GraphState>()

export function stateOf(world: SandboxWorld): GraphState {
  let state = STATES.get(world)
  if (!state) {
    state = { serial: 0, photos: new Map(), containers: new Map(), igPublishes: new Map() }
    STATES.set(world, state)
  }
  return state
}

/** Graph ids are long decimal strings; the serial keeps them unique and reproducible. */
export function newId(ctx: DialectContext, prefix: string): string {
  const state = stateOf(ctx.world)
  state.serial += 1
  return `${prefix}${String(state.serial).padStart(8, '0')}`
}
