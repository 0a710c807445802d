/**
 * The agency workspace the window benchmark measures: 150 profiles, 500 channels over the five
 * networks, 20 brands and 100,000 deliveries over a year (half published, half scheduled), with
 * a handful of broken sign-ins so the at-risk and held questions have answers.
 *
 * Written straight into the database. Going through the window's commands would take hours here
 * (every profile is an OAuth sign-in, every channel a pick), and what the benchmark measures is
 * reading this state back, which does not depend on how it was written.
 */
import { join } from 'node:path'
import { openDatabase } from '../../src/main/db/client'
import type { Network } from '../../src/shared/domain/network'

const DAY = 24 * 60 * 60 * 1000

export interface AgencyShape {
  profiles: number
  channels: number
  brands: number
  deliveries: number
  /** Profiles whose sign-in is broken (password changed). */
  brokenProfiles: number
}

export const AGENCY: AgencyShape = { profiles: 150, channels: 500, brands: 20, deliveries: 100_000, brokenProfiles: 6 }

const NETWORKS: readonly Network[] = ['facebook', 'instagram', 'linkedin', 'x', 'mastodon']
const KIND: Record<Network, string> = { facebook: 'page', instagram: 'account', linkedin: 'organization', x: 'account', mastodon: 'account' }
const BRAND_WORDS = ['Northwind', 'Harbor', 'Contoso', 'Fabrikam', 'Tailspin', 'Woodgrove', 'Litware', 'Proseware', 'Adatum', 'Lucerne']
const PLACE_WORDS = ['Coffee', 'Books', 'Cycles', 'Bakery', 'Studio', 'Outdoors', 'Garden', 'Records', 'Kitchen', 'Travel']

/** A small seeded generator so every run builds the same workspace. */
export function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export async function seedAgencyWorkspace(dataDir: string, now: number, shape: AgencyShape = AGENCY): Promise<void> {
  const database = openDatabase(join(dataDir, 'relink.db'), { nowMs: now })
  const db = database.sqlite
  const rand = random(42)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T

  db.transaction(() => {
    const brand = db.prepare('INSERT INTO brands (id, name, color, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    const brandIds: string[] = []
    for (let i = 0; i < shape.brands; i++) {
      const id = `brand-${i}`
      brand.run(id, `${BRAND_WORDS[i % BRAND_WORDS.length]} ${PLACE_WORDS[Math.floor(i / BRAND_WORDS.length) % PLACE_WORDS.length]}`, `#${(0x336699 + i * 0x0a0b0c).toString(16).slice(-6)}`, now, now)
      brandIds.push(id)
    }

    const profile = db.prepare(
      `INSERT INTO profiles (id, network, instance, network_user_id, display_name, handle, health, health_reason, health_changed_at,
        access_expires_at, refresh_expires_at, scopes, created_at, updated_at, connected_at, setup_state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, 'ready')`,
    )
    const profiles: { id: string; network: Network }[] = []
    for (let i = 0; i < shape.profiles; i++) {
      const network = NETWORKS[i % NETWORKS.length] as Network
      const id = `profile-${i}`
      const broken = i < shape.brokenProfiles
      const access = network === 'x' ? now + 2 * 60 * 60 * 1000 : network === 'linkedin' ? now + 40 * DAY : network === 'mastodon' ? null : now + 50 * DAY
      const refresh = network === 'linkedin' ? now + 300 * DAY : null
      profile.run(
        id, network, network === 'mastodon' ? 'mastodon.example' : '', `user-${i}`, `Manager ${i}`, `manager${i}`,
        broken ? 'password_changed' : 'active', broken ? 'password_changed' : '', now - 2 * DAY, access, refresh, now - 90 * DAY, now, now - 90 * DAY,
      )
      profiles.push({ id, network })
    }

    const channel = db.prepare('INSERT INTO channels (id, network, instance, network_channel_id, kind, name, handle, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    const link = db.prepare('INSERT INTO channel_links (channel_id, profile_id, tasks, health, created_at) VALUES (?, ?, ?, ?, ?)')
    const inBrand = db.prepare('INSERT INTO brand_channels (brand_id, channel_id) VALUES (?, ?)')
    const channelIds: string[] = []
    for (let i = 0; i < shape.channels; i++) {
      const owner = profiles[i % profiles.length] as { id: string; network: Network }
      const id = `channel-${i}`
      const brandIndex = i % shape.brands
      const name = `${BRAND_WORDS[brandIndex % BRAND_WORDS.length]} ${PLACE_WORDS[i % PLACE_WORDS.length]} ${i}`
      channel.run(id, owner.network, owner.network === 'mastodon' ? 'mastodon.example' : '', `net-${i}`, KIND[owner.network], name, `handle${i}`, now - 90 * DAY)
      const tasks = owner.network === 'facebook' ? 'CREATE_CONTENT,MODERATE' : owner.network === 'linkedin' ? 'ADMINISTRATOR' : ''
      link.run(id, owner.id, tasks, 'active', now - 90 * DAY)
      inBrand.run(brandIds[brandIndex], id)
      channelIds.push(id)
    }

    const post = db.prepare(
      `INSERT INTO posts (id, status, text, link, publish_at, time_zone, channel_ids, created_at, updated_at)
       VALUES (?, 'scheduled', ?, NULL, ?, 'Europe/Berlin', ?, ?, ?)`,
    )
    const delivery = db.prepare(
      `INSERT INTO deliveries (post_id, channel_id, state, due_at, next_attempt_at, marker, network_post_id, published_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    // Half in the past six months (published), half in the next six months (scheduled).
    let written = 0
    let postNumber = 0
    while (written < shape.deliveries) {
      const postId = `post-${postNumber}`
      const past = written < shape.deliveries / 2
      const due = Math.floor(past ? now - rand() * 182 * DAY : now + 60_000 + rand() * 182 * DAY)
      const fanOut = Math.min(1 + Math.floor(rand() * 4), shape.deliveries - written)
      const brandIndex = Math.floor(rand() * shape.brands)
      const chosen = new Set<string>()
      while (chosen.size < fanOut) chosen.add(channelIds[(brandIndex + shape.brands * Math.floor(rand() * (shape.channels / shape.brands))) % shape.channels] as string)
      post.run(postId, `${pick(PLACE_WORDS)} news number ${postNumber}: new season, new playlist and a word from the team`, due, [...chosen].join(','), due - 7 * DAY, due - 7 * DAY)
      for (const channelId of chosen) {
        written++
        delivery.run(
          postId, channelId, past ? 'published' : 'scheduled', due, past ? null : due, `m${written}`,
          past ? `np-${written}` : null, past ? due : null, due - 7 * DAY, due - 7 * DAY,
        )
      }
      postNumber++
    }
  })()
  await database.close()
}
