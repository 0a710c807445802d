import { describe, expect, it } from 'vitest'
import type { ProfileView } from '../../../../shared/domain/connections'
import type { DeliveryView } from '../../../../shared/domain/schedule'
import { mergeAttention } from './use-attention'

const profile = (id: string, over: Partial<ProfileView>): ProfileView => ({ id, displayName: id, urgency: 0, health: 'active', setupState: 'ready', ...over }) as ProfileView
const post = (id: number, state: DeliveryView['state'], dueAt: number): DeliveryView => ({ id, state, dueAt, channelName: 'C', preview: 'p' }) as DeliveryView

describe('mergeAttention', () => {
  it('puts broken connections first, then failed, unconfirmed, missed and held posts, then expiring and unfinished connections', () => {
    const entries = mergeAttention(
      [profile('exp', { health: 'expiring', urgency: 5 }), profile('pick', { setupState: 'picking', urgency: 9 }), profile('dead', { health: 'password_changed', urgency: 1 }), profile('ok', {})],
      [post(1, 'held', 10), post(2, 'missed', 10), post(3, 'failed', 30), post(4, 'failed', 20), post(5, 'needs_review', 10), post(6, 'published', 1)],
    )
    expect(entries.map((e) => e.id)).toEqual(['profile:dead', 'post:4', 'post:3', 'post:5', 'post:2', 'post:1', 'profile:exp', 'profile:pick'])
  })
})
