/**
 * The state of the simulated networks: developer apps, users, channels with roles, tokens with
 * their lifetimes on the injected clock, posts and comments. Dialects read and change it; the
 * controls break it in the ways real networks break tokens.
 */
import { createHash } from 'node:crypto'
import type { Clock, IdSource } from '../ports'

export type SandboxNetworkId = 'facebook' | 'linkedin' | 'x' | 'mastodon'

export interface SandboxApp {
  network: SandboxNetworkId
  clientId: string
  clientSecret: string
  name: string
  /** Exact redirect URIs; loopback entries may match any port when `loopbackAnyPort`. */
  redirectUris: string[]
  /** RFC 8252 §7.3 any-port matching for loopback redirects (LinkedIn native, Mastodon per app). */
  loopbackAnyPort: boolean
  /** The instance origin for Mastodon apps. */
  instance?: string
}

export interface SandboxUser {
  id: string
  network: SandboxNetworkId
  name: string
  handle: string
  password: string
  /** Bumped by a password change; tokens minted under an older version die (FB subcode 460). */
  passwordVersion: number
  /** Client ids the user has authorised; removing one kills its tokens (FB 458). */
  authorizedApps: Set<string>
  /** The network wants the person to sign in and fix something (FB 459/464, Mastodon 403). */
  actionRequired: boolean
  /** Facebook: data access lapses 90 days after this. */
  lastActiveAt: number
  /** Scopes the user withdrew after granting them. */
  revokedScopes: Set<string>
}

export interface SandboxChannel {
  id: string
  network: SandboxNetworkId
  kind: 'page' | 'business_account' | 'organization' | 'member' | 'account'
  name: string
  handle: string
  /** userId → roles/tasks on this channel. */
  roles: Map<string, string[]>
  /** Facebook: the Instagram business account connected to this page. */
  linkedChannelId?: string
  /** The instance origin for Mastodon accounts. */
  instance?: string
  /** False for an account without a profile picture (the network then sends none). */
  hasPicture?: boolean
  /** Bumped when the account changes its picture: the picture's address changes with it. */
  pictureVersion?: number
}

export type TokenKind = 'code' | 'access' | 'refresh' | 'page'

export interface TokenRecord {
  value: string
  kind: TokenKind
  network: SandboxNetworkId
  clientId: string
  userId: string
  scopes: string[]
  issuedAt: number
  /** null: never expires. */
  expiresAt: number | null
  revoked: boolean
  /** Set when a single-use token (code, rotating refresh token) was spent. */
  usedAt?: number
  passwordVersion: number
  /** Tokens of one grant share a family; reuse of a spent refresh token kills the family (RFC 9700 §4.14.2). */
  family: string
  /** Page tokens: the channel they act for. */
  channelId?: string
  /** Codes: what the exchange must match. */
  redirectUri?: string
  codeChallenge?: string
  codeChallengeMethod?: 'S256' | 'plain'
  /** LinkedIn: refresh tokens end 365 days after first consent, refreshing never extends it. */
  grantEndsAt?: number
  /** Long-lived Facebook user token (from fb_exchange_token). */
  longLived?: boolean
}

export interface SandboxPost {
  id: string
  network: SandboxNetworkId
  channelId: string
  authorUserId: string
  text: string
  link?: string
  imageUrl?: string
  createdAt: number
  /** Set when the post's author edited it on the network (the text is the edited one). */
  editedAt?: number
}

export interface SandboxComment {
  id: string
  network: SandboxNetworkId
  postId: string
  parentId: string | null
  authorName: string
  authorHandle: string
  text: string
  createdAt: number
  /** True for comments Relink (or a test) wrote through the API. */
  viaApi: boolean
  /** Hidden by the channel's owner (seen only by its author and their friends). */
  hidden?: boolean
  /** Set when its author edited it (the text is the edited one). */
  editedAt?: number
  /** Who liked it (network user or channel ids). */
  likedBy?: string[]
  /** Mastodon: its parent was deleted, which clears `in_reply_to_id`; it still exists, outside the thread. */
  detached?: boolean
}

export type TokenProblem = 'unknown' | 'expired' | 'revoked' | 'password_changed' | 'app_removed' | 'action_required'

export type TokenCheck = { ok: true; token: TokenRecord; user: SandboxUser } | { ok: false; problem: TokenProblem; token?: TokenRecord }

const DAY = 24 * 60 * 60 * 1000

export function createWorld(clock: Clock, ids: IdSource) {
  const apps = new Map<string, SandboxApp>()
  const users = new Map<string, SandboxUser>()
  const channels = new Map<string, SandboxChannel>()
  const tokens = new Map<string, TokenRecord>()
  const posts = new Map<string, SandboxPost>()
  const comments = new Map<string, SandboxComment>()
  /** Seeded comments that "arrive" once the clock passes their time, oldest first. */
  const upcoming: SandboxComment[] = []
  let serial = 0

  /** Moves every scheduled comment whose time has come into the visible set. */
  function materialize(): void {
    const now = clock.now()
    while (upcoming.length > 0 && (upcoming[0]?.createdAt ?? Infinity) <= now) {
      const next = upcoming.shift()
      if (next && posts.has(next.postId)) comments.set(next.id, next)
    }
  }

  const nextId = (prefix: string): string => `${prefix}${(++serial).toString().padStart(6, '0')}`
  /** An unguessable string of `bytes` random bytes (tokens, app secrets), base64url. */
  const secret = (bytes: number): string => Buffer.from(ids.bytes(bytes)).toString('base64url')

  function mint(record: Omit<TokenRecord, 'value' | 'issuedAt' | 'revoked' | 'passwordVersion'> & { prefix?: string }): TokenRecord {
    const user = users.get(record.userId)
    const { prefix, ...rest } = record
    const token: TokenRecord = {
      ...rest,
      value: `${prefix ?? record.network.slice(0, 2)}_${record.kind}_${secret(18)}`,
      issuedAt: clock.now(),
      revoked: false,
      passwordVersion: user?.passwordVersion ?? 0,
    }
    tokens.set(token.value, token)
    return token
  }

  /** Why a token cannot be used right now, in network-neutral terms the dialects translate. */
  function check(value: string | undefined, kinds: readonly TokenKind[] = ['access', 'page']): TokenCheck {
    if (!value) return { ok: false, problem: 'unknown' }
    const token = tokens.get(value)
    if (!token || !kinds.includes(token.kind)) return { ok: false, problem: 'unknown' }
    const user = users.get(token.userId)
    if (!user) return { ok: false, problem: 'unknown', token }
    if (!user.authorizedApps.has(token.clientId)) return { ok: false, problem: 'app_removed', token }
    if (token.revoked) return { ok: false, problem: 'revoked', token }
    if (token.passwordVersion !== user.passwordVersion) return { ok: false, problem: 'password_changed', token }
    if (user.actionRequired) return { ok: false, problem: 'action_required', token }
    if (token.expiresAt !== null && token.expiresAt <= clock.now()) return { ok: false, problem: 'expired', token }
    return { ok: true, token, user }
  }

  function revokeFamily(family: string): void {
    for (const t of tokens.values()) if (t.family === family) t.revoked = true
  }

  function userTokens(network: SandboxNetworkId, userId: string, kinds: readonly TokenKind[]): TokenRecord[] {
    return [...tokens.values()].filter((t) => t.network === network && t.userId === userId && kinds.includes(t.kind))
  }

  /** The controls tests and the demo's "Sandbox controls" panel use to break things on purpose. */
  const breakers = {
    expireAccessTokens(network: SandboxNetworkId, userId: string): number {
      const now = clock.now()
      const hit = userTokens(network, userId, ['access', 'page']).filter((t) => !t.revoked)
      for (const t of hit) t.expiresAt = now - 1
      return hit.length
    },
    changePassword(network: SandboxNetworkId, userId: string): void {
      const user = mustUser(network, userId)
      user.passwordVersion += 1
    },
    removeApp(network: SandboxNetworkId, userId: string, clientId?: string): void {
      const user = mustUser(network, userId)
      if (clientId) user.authorizedApps.delete(clientId)
      else user.authorizedApps.clear()
    },
    removeRole(network: SandboxNetworkId, userId: string, channelId: string): void {
      const channel = channels.get(channelId)
      if (!channel || channel.network !== network) throw new Error(`No ${network} channel ${channelId}`)
      channel.roles.delete(userId)
    },
    lapseDataAccess(network: SandboxNetworkId, userId: string): void {
      mustUser(network, userId).lastActiveAt = clock.now() - 91 * DAY
    },
    revokeScope(network: SandboxNetworkId, userId: string, scope: string): void {
      mustUser(network, userId).revokedScopes.add(scope)
    },
    requireAccountAction(network: SandboxNetworkId, userId: string, required = true): void {
      mustUser(network, userId).actionRequired = required
    },
    killRefreshTokens(network: SandboxNetworkId, userId: string): number {
      const hit = userTokens(network, userId, ['refresh']).filter((t) => !t.revoked)
      for (const t of hit) t.revoked = true
      return hit.length
    },
  }

  function mustUser(network: SandboxNetworkId, userId: string): SandboxUser {
    const user = users.get(userId)
    if (!user || user.network !== network) throw new Error(`No ${network} user ${userId}`)
    return user
  }

  return {
    clock,
    apps,
    users,
    channels,
    tokens,
    posts,
    comments,
    nextId,
    secret,
    mint,
    check,
    revokeFamily,
    userTokens,
    breakers,
    mustUser,
    materialize,

    /** Schedules a comment to appear at its `createdAt` (live-looking demo activity). */
    scheduleComment(comment: Omit<SandboxComment, 'id'> & { id?: string }): void {
      const record: SandboxComment = { ...comment, id: comment.id ?? nextId('c') }
      const at = upcoming.findIndex((c) => c.createdAt > record.createdAt)
      if (at === -1) upcoming.push(record)
      else upcoming.splice(at, 0, record)
    },
    addApp(app: SandboxApp): SandboxApp {
      apps.set(app.clientId, app)
      return app
    },
    addUser(input: Omit<SandboxUser, 'passwordVersion' | 'authorizedApps' | 'actionRequired' | 'lastActiveAt' | 'revokedScopes'> & Partial<SandboxUser>): SandboxUser {
      const user: SandboxUser = {
        passwordVersion: 0,
        authorizedApps: new Set(),
        actionRequired: false,
        lastActiveAt: clock.now(),
        revokedScopes: new Set(),
        ...input,
      }
      users.set(user.id, user)
      return user
    },
    addChannel(channel: SandboxChannel): SandboxChannel {
      channels.set(channel.id, channel)
      return channel
    },
    addPost(post: Omit<SandboxPost, 'id' | 'createdAt'> & { id?: string; createdAt?: number }): SandboxPost {
      const record: SandboxPost = { ...post, id: post.id ?? nextId('p'), createdAt: post.createdAt ?? clock.now() }
      posts.set(record.id, record)
      return record
    },
    addComment(comment: Omit<SandboxComment, 'id' | 'createdAt'> & { id?: string; createdAt?: number }): SandboxComment {
      const record: SandboxComment = { ...comment, id: comment.id ?? nextId('c'), createdAt: comment.createdAt ?? clock.now() }
      comments.set(record.id, record)
      return record
    },
    /**
     * Removes a comment and its replies, as a network does when the channel deletes it. Mastodon
     * keeps the replies and cuts them from the thread instead (its foreign key nullifies
     * `in_reply_to_id`).
     */
    deleteComment(id: string): void {
      const network = comments.get(id)?.network
      comments.delete(id)
      for (const c of [...comments.values()]) {
        if (c.parentId !== id) continue
        if (network === 'mastodon') comments.set(c.id, { ...c, detached: true })
        else comments.delete(c.id)
      }
    },
    /** Which registered redirect URI a request's `redirect_uri` matches, per the app's rule. */
    redirectAllowed(app: SandboxApp, redirectUri: string): boolean {
      if (app.redirectUris.includes(redirectUri)) return true
      if (!app.loopbackAnyPort) return false
      let wanted: URL
      try {
        wanted = new URL(redirectUri)
      } catch {
        return false
      }
      if (wanted.protocol !== 'http:' || !['127.0.0.1', '[::1]', 'localhost'].includes(wanted.hostname)) return false
      return app.redirectUris.some((registered) => {
        try {
          const r = new URL(registered)
          return r.hostname === wanted.hostname && r.pathname === wanted.pathname && r.search === wanted.search
        } catch {
          return false
        }
      })
    },
  }
}

export type SandboxWorld = ReturnType<typeof createWorld>

/** RFC 7636 §4.6: S256 challenge of a verifier. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

export const SANDBOX_DAY_MS = DAY
