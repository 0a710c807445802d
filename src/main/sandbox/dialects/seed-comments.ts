/**
 * What the dialects' demo seeds share: comments written by people outside Relink (never through
 * the API), either already on the network when the sandbox starts or arriving at their time over
 * the coming days, which makes the inbox look alive.
 */
import type { SandboxComment, SandboxNetworkId, SandboxWorld } from '../world'

/** Who wrote a comment, as the network shows them. */
export interface Voice {
  name: string
  handle: string
}

export interface OutsideComment {
  id: string
  postId: string
  parentId: string | null
  author: Voice
  text: string
  createdAt: number
}

const recordOf = (network: SandboxNetworkId, c: OutsideComment): SandboxComment => ({
  id: c.id,
  network,
  postId: c.postId,
  parentId: c.parentId,
  authorName: c.author.name,
  authorHandle: c.author.handle,
  text: c.text,
  createdAt: c.createdAt,
  viaApi: false,
})

/** A comment already there when the sandbox starts. */
export const pastComment = (world: SandboxWorld, network: SandboxNetworkId, c: OutsideComment): SandboxComment => world.addComment(recordOf(network, c))

/** A comment that appears at its `createdAt`. */
export const upcomingComment = (world: SandboxWorld, network: SandboxNetworkId, c: OutsideComment): void => world.scheduleComment(recordOf(network, c))
