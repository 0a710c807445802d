import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { m0001Initial } from './0001_initial'
import { m0002Connections } from './0002_connections'
import { m0003Scheduler } from './0003_scheduler'
import { m0004Sync } from './0004_sync'
import { m0005Analytics } from './0005_analytics'
import { m0006NetworkTexts } from './0006_network_texts'
import { m0007ReviewCandidates } from './0007_review_candidates'
import { m0008MetaPeople } from './0008_meta_people'

/** A database as Relink left it before Meta people were one profile: Sam Lee split in two. */
function splitDatabase(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  for (const m of [m0001Initial, m0002Connections, m0003Scheduler, m0004Sync, m0005Analytics, m0006NetworkTexts, m0007ReviewCandidates]) m.up(db)
  db.exec(`
    INSERT INTO brands (id, name, color, created_at, updated_at) VALUES ('b1', 'Harbor Books', '#123456', 1, 1), ('b2', 'Northwind', '#654321', 1, 1);
    INSERT INTO profiles (id, network, network_user_id, display_name, health, health_reason, access_token_enc, access_expires_at, connected_at, created_at, updated_at)
      VALUES ('fb-sam', 'facebook', 'u-sam', 'Sam Lee', 'active', '', x'01', 500, 100, 100, 100),
             ('ig-sam', 'instagram', 'u-sam', 'Sam Lee', 'password_changed', 'password_changed', x'02', 400, 50, 50, 200),
             ('ig-jo', 'instagram', 'u-jo', 'Jo Park', 'active', '', x'03', 600, 70, 70, 70),
             ('x-ann', 'x', 'u-sam', 'Ann', 'active', '', x'04', 900, 10, 10, 10);
    INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES
      ('c-fb', 'facebook', 'page-1', 'page', 'Harbor Books', 1),
      ('c-ig', 'instagram', 'ig-1', 'business_account', 'Harbor Books', 1),
      ('c-ig-jo', 'instagram', 'ig-2', 'business_account', 'Jo Studio', 1);
    INSERT INTO channel_links (channel_id, profile_id, token_enc, tasks, health, health_detail, created_at) VALUES
      ('c-fb', 'fb-sam', x'11', 'CREATE_CONTENT', 'active', '', 1),
      ('c-ig', 'ig-sam', x'12', 'CREATE_CONTENT,ANALYZE', 'password_changed', 'Password changed.', 2),
      ('c-ig-jo', 'ig-jo', x'13', 'CREATE_CONTENT', 'active', '', 3);
    INSERT INTO brand_channels (brand_id, channel_id) VALUES ('b1', 'c-fb'), ('b1', 'c-ig'), ('b2', 'c-ig');
    INSERT INTO pending_channels (profile_id, network_channel_id, network, kind, name, discovered_at) VALUES ('ig-sam', 'ig-9', 'instagram', 'business_account', 'Spare', 5);
    INSERT INTO token_events (profile_id, at, kind, detail) VALUES ('fb-sam', 10, 'connected', 'fb'), ('ig-sam', 20, 'health_changed', 'ig broke');
    INSERT INTO notification_log (profile_id, stage, subject, sent_at) VALUES ('ig-sam', 'broken', '20', 21);
    INSERT INTO posts (id, status, text, time_zone, channel_ids, created_at, updated_at) VALUES ('p1', 'scheduled', 'Hello', 'UTC', 'c-fb,c-ig', 1, 1);
    INSERT INTO deliveries (post_id, channel_id, state, due_at, marker, held_reason, created_at, updated_at) VALUES ('p1', 'c-ig', 'held', 30, 'm1', 'password_changed', 1, 1), ('p1', 'c-fb', 'held', 30, 'm2', 'password_changed', 1, 1);
  `)
  return db
}

describe('0008_meta_people', () => {
  it('merges the Facebook and Instagram profiles of one person, keeping links, brands, held posts, events and notifications', () => {
    const db = splitDatabase()
    m0008MetaPeople.up(db)
    expect(db.prepare('SELECT id, network FROM profiles ORDER BY id').all()).toEqual([
      { id: 'fb-sam', network: 'facebook' },
      // Jo had no Facebook profile: the Instagram one becomes her Meta profile.
      { id: 'ig-jo', network: 'facebook' },
      { id: 'x-ann', network: 'x' },
    ])
    expect(db.prepare('SELECT channel_id, profile_id, token_enc, tasks, health, health_detail FROM channel_links ORDER BY channel_id').all()).toEqual([
      { channel_id: 'c-fb', profile_id: 'fb-sam', token_enc: Buffer.from([0x11]), tasks: 'CREATE_CONTENT', health: 'active', health_detail: '' },
      // The Instagram link keeps its own state: it is still broken until Refresh connection heals it.
      { channel_id: 'c-ig', profile_id: 'fb-sam', token_enc: Buffer.from([0x12]), tasks: 'CREATE_CONTENT,ANALYZE', health: 'password_changed', health_detail: 'Password changed.' },
      { channel_id: 'c-ig-jo', profile_id: 'ig-jo', token_enc: Buffer.from([0x13]), tasks: 'CREATE_CONTENT', health: 'active', health_detail: '' },
    ])
    expect(db.prepare('SELECT brand_id, channel_id FROM brand_channels ORDER BY brand_id, channel_id').all()).toEqual([
      { brand_id: 'b1', channel_id: 'c-fb' },
      { brand_id: 'b1', channel_id: 'c-ig' },
      { brand_id: 'b2', channel_id: 'c-ig' },
    ])
    expect(db.prepare("SELECT channel_id, state FROM deliveries WHERE state = 'held' ORDER BY channel_id").all()).toEqual([
      { channel_id: 'c-fb', state: 'held' },
      { channel_id: 'c-ig', state: 'held' },
    ])
    expect(db.prepare("SELECT profile_id, kind, detail FROM token_events WHERE kind <> 'merged' ORDER BY at").all()).toEqual([
      { profile_id: 'fb-sam', kind: 'connected', detail: 'fb' },
      { profile_id: 'fb-sam', kind: 'health_changed', detail: 'ig broke' },
    ])
    expect(db.prepare("SELECT profile_id FROM token_events WHERE kind = 'merged' ORDER BY profile_id").all()).toEqual([{ profile_id: 'fb-sam' }, { profile_id: 'ig-jo' }])
    expect(db.prepare('SELECT profile_id, stage FROM notification_log').all()).toEqual([{ profile_id: 'fb-sam', stage: 'broken' }])
    expect(db.prepare('SELECT profile_id, network_channel_id FROM pending_channels').all()).toEqual([{ profile_id: 'fb-sam', network_channel_id: 'ig-9' }])
    // The working Facebook grant is kept over the Instagram one the password change killed.
    expect(db.prepare("SELECT health, access_token_enc, access_expires_at FROM profiles WHERE id = 'fb-sam'").get()).toEqual({
      health: 'active',
      access_token_enc: Buffer.from([0x01]),
      access_expires_at: 500,
    })
    expect(db.pragma('foreign_key_check')).toEqual([])
  })

  it('keeps the working grant of the two, even when it was the Instagram one', () => {
    const db = splitDatabase()
    db.exec("UPDATE profiles SET health = 'revoked_by_user' WHERE id = 'fb-sam'; UPDATE profiles SET health = 'active' WHERE id = 'ig-sam'")
    m0008MetaPeople.up(db)
    expect(db.prepare("SELECT network, health, access_token_enc, access_expires_at FROM profiles WHERE id = 'fb-sam'").get()).toEqual({
      network: 'facebook',
      health: 'active',
      access_token_enc: Buffer.from([0x02]),
      access_expires_at: 400,
    })
  })

  it('changes nothing where no Instagram profile exists', () => {
    const db = splitDatabase()
    db.exec("DELETE FROM profiles WHERE network = 'instagram'")
    const before = db.prepare('SELECT * FROM profiles ORDER BY id').all()
    m0008MetaPeople.up(db)
    expect(db.prepare('SELECT * FROM profiles ORDER BY id').all()).toEqual(before)
  })
})
