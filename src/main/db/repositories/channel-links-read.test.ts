import { describe, expect, it } from 'vitest'
import { migratedBefore } from '../../../../tests/fakes/inbox-migrations'
import { channelLinksRead, CHANNEL_WITH_LINKS_SQL } from './channel-links-read'

describe('a channel with its links in one read', () => {
  it('finds the channel, its links and their profiles by key, scanning no table', () => {
    const db = migratedBefore(Number.POSITIVE_INFINITY)
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${CHANNEL_WITH_LINKS_SQL}`).all('c1') as { detail: string }[]).map((r) => r.detail)
    expect(plan.filter((d) => d.startsWith('SCAN'))).toEqual([])
    expect(plan).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SEARCH c USING INDEX sqlite_autoindex_channels_1 \(id=\?\)/),
        expect.stringMatching(/^SEARCH l USING INDEX sqlite_autoindex_channel_links_1 \(channel_id=\?\)/),
        expect.stringMatching(/^SEARCH p USING INDEX sqlite_autoindex_profiles_1 \(id=\?\)/),
      ]),
    )
  })

  it('gives the links oldest first with their profiles whole, none for a channel without links, nothing for an unknown channel', async () => {
    const db = migratedBefore(Number.POSITIVE_INFINITY)
    const read = channelLinksRead(db)
    expect(await read('c1')).toEqual({ channel: { id: 'c1', network: 'facebook', instance: '', network_channel_id: 'page1', kind: 'page', name: 'Acme' }, links: [] })
    expect(await read('nope')).toBeUndefined()
    const profile = db.prepare(
      "INSERT INTO profiles (id, network, network_user_id, display_name, health, access_token_enc, access_expires_at, created_at, updated_at) VALUES (?, 'facebook', ?, ?, ?, ?, 50, 1, 1)",
    )
    profile.run('pB', 'u2', 'Sam', 'active', Buffer.from('sealed-b'))
    profile.run('pA', 'u1', 'Maria', 'password_changed', Buffer.from('sealed-a'))
    const link = db.prepare("INSERT INTO channel_links (channel_id, profile_id, token_enc, tasks, health, created_at) VALUES ('c1', ?, ?, ?, 'active', ?)")
    link.run('pB', Buffer.from('page-token'), 'MANAGE', 7)
    link.run('pA', null, '', 7)
    const found = await read('c1')
    expect(found?.links.map((l) => [l.profile_id, l.tasks, l.link_health, l.token_enc && Buffer.from(l.token_enc).toString()])).toEqual([
      ['pA', '', 'active', null],
      ['pB', 'MANAGE', 'active', 'page-token'],
    ])
    expect(found?.links[0]?.profile).toMatchObject({ id: 'pA', network: 'facebook', network_user_id: 'u1', display_name: 'Maria', health: 'password_changed', access_expires_at: 50 })
    expect(Buffer.from(found?.links[0]?.profile.access_token_enc ?? []).toString()).toBe('sealed-a')
    expect(Object.keys(found?.links[0]?.profile ?? {}).filter((k) => /^[cl]_/.test(k))).toEqual([])
  })
})
