import type { Database } from 'better-sqlite3'
import type { Migration } from './types'

/** Grant healths in which a person must act (frozen here: a migration imports no application code). */
const BROKEN = new Set(['expired', 'refresh_token_dead', 'revoked_by_user', 'password_changed', 'account_action_required', 'role_lost', 'data_access_expired', 'scope_missing'])

interface ProfileRow {
  id: string
  instance: string
  network_user_id: string
  health: string
  setup_state: string
  updated_at: number
  connected_at: number | null
}

/** Columns of a profile that belong to its grant and its health: taken together from the better of two. */
const GRANT_COLUMNS = [
  'access_token_enc',
  'refresh_token_enc',
  'access_expires_at',
  'refresh_expires_at',
  'data_access_expires_at',
  'scopes',
  'health',
  'health_detail',
  'health_changed_at',
  'health_reason',
  'last_probe_at',
  'last_refresh_at',
  'last_error_raw',
  'connected_at',
] as const

const MERGED_DETAIL = 'Facebook and Instagram are one Meta sign-in now: this profile reaches the person’s pages and the Instagram accounts linked to them.'

/** The grant to keep of two sign-ins of one person: a working one over a broken one, else the newer. */
function better(a: ProfileRow, b: ProfileRow): ProfileRow {
  const brokenA = BROKEN.has(a.health)
  const brokenB = BROKEN.has(b.health)
  if (brokenA !== brokenB) return brokenA ? b : a
  const whenA = a.connected_at ?? a.updated_at
  const whenB = b.connected_at ?? b.updated_at
  return whenB > whenA ? b : a
}

function mergeInto(db: Database, keep: ProfileRow, gone: ProfileRow, now: number): void {
  const from = { gone: gone.id, keep: keep.id }
  db.prepare(
    `INSERT OR IGNORE INTO channel_links (channel_id, profile_id, token_enc, tasks, health, health_detail, created_at)
     SELECT channel_id, @keep, token_enc, tasks, health, health_detail, created_at FROM channel_links WHERE profile_id = @gone`,
  ).run(from)
  db.prepare(
    `INSERT OR IGNORE INTO pending_channels (profile_id, network_channel_id, network, kind, name, handle, tasks, token_enc, discovered_at)
     SELECT @keep, network_channel_id, network, kind, name, handle, tasks, token_enc, discovered_at FROM pending_channels WHERE profile_id = @gone`,
  ).run(from)
  db.prepare('INSERT OR IGNORE INTO notification_log (profile_id, stage, subject, sent_at) SELECT @keep, stage, subject, sent_at FROM notification_log WHERE profile_id = @gone').run(from)
  db.prepare('UPDATE token_events SET profile_id = @keep WHERE profile_id = @gone').run(from)
  const source = better(keep, gone)
  if (source.id === gone.id) {
    const sets = GRANT_COLUMNS.map((c) => `${c} = (SELECT ${c} FROM profiles WHERE id = @gone)`).join(', ')
    db.prepare(`UPDATE profiles SET ${sets} WHERE id = @keep`).run(from)
  }
  const ready = keep.setup_state === 'ready' || gone.setup_state === 'ready'
  db.prepare("UPDATE profiles SET setup_state = CASE WHEN @ready = 1 THEN 'ready' ELSE setup_state END, updated_at = @now WHERE id = @keep").run({
    keep: keep.id,
    ready: ready ? 1 : 0,
    now,
  })
  db.prepare('DELETE FROM profiles WHERE id = ?').run(gone.id)
}

/**
 * A Meta person is one profile. Instagram business accounts are reached through Facebook Login
 * with the person's own Facebook sign-in, so a Facebook profile and an Instagram profile of the
 * same person (same Facebook user id) become one Facebook profile, keeping every link (and so
 * every brand and held post of its channels), pending pick, event and notification record. An
 * Instagram profile with no Facebook twin simply becomes the person's Facebook profile.
 */
export const m0008MetaPeople: Migration = {
  version: 8,
  name: '0008_meta_people',
  up(db) {
    // The database's own clock: a migration runs before the app's ports exist.
    const now = (db.prepare("SELECT CAST(strftime('%s', 'now') AS INTEGER) * 1000 AS t").get() as { t: number }).t
    const instagram = db
      .prepare("SELECT id, instance, network_user_id, health, setup_state, updated_at, connected_at FROM profiles WHERE network = 'instagram' ORDER BY created_at, id")
      .all() as ProfileRow[]
    const twinOf = db.prepare(
      "SELECT id, instance, network_user_id, health, setup_state, updated_at, connected_at FROM profiles WHERE network = 'facebook' AND instance = ? AND network_user_id = ?",
    )
    const logMerge = db.prepare("INSERT INTO token_events (profile_id, at, kind, detail) VALUES (?, ?, 'merged', ?)")
    for (const ig of instagram) {
      const twin = twinOf.get(ig.instance, ig.network_user_id) as ProfileRow | undefined
      if (twin) mergeInto(db, twin, ig, now)
      else db.prepare("UPDATE profiles SET network = 'facebook', updated_at = ? WHERE id = ?").run(now, ig.id)
      logMerge.run(twin?.id ?? ig.id, now, MERGED_DETAIL)
    }
  },
}
