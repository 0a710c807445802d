import { describe, expect, it } from 'vitest'
import type { DeliveryView } from '../../../../../shared/domain/schedule'
import { deliveryView } from '../delivery-view.fixture'
import type { ProfileView } from '../../../../../shared/domain/connections'
import type { ChannelLinkSummary, ChannelSummary } from '../../../../../shared/domain/entities'
import { mergeHeld, NO_HELD, releasableOf, usableByProfile } from './held-batch'

function held(id: number, channelId: string, dueAt: number, preview = `post ${id}`): DeliveryView {
  return deliveryView({ id, postId: `p${id}`, channelId, channelName: channelId, network: 'linkedin', state: 'held', dueAt, marker: `m${id}`, heldReason: 'password_changed', preview })
}

describe('mergeHeld', () => {
  it('starts from the first batch, earliest due first', () => {
    const merged = mergeHeld(undefined, { channelIds: ['a', 'a'], deliveries: [held(2, 'a', 20), held(1, 'a', 10)] })
    expect(merged.channelIds).toEqual(['a'])
    expect(merged.deliveries.map((d) => d.id)).toEqual([1, 2])
  })

  it('adds a later batch once per channel and delivery, keeping the later view', () => {
    const first = mergeHeld(undefined, { channelIds: ['a'], deliveries: [held(1, 'a', 10), held(3, 'a', 30)] })
    const merged = mergeHeld(first, { channelIds: ['a', 'b'], deliveries: [held(2, 'b', 20), held(3, 'a', 30, 'edited')] })
    expect(merged.channelIds).toEqual(['a', 'b'])
    expect(merged.deliveries.map((d) => [d.id, d.preview])).toEqual([
      [1, 'post 1'],
      [2, 'post 2'],
      [3, 'edited'],
    ])
  })
})

describe('releasable held posts for a page of profiles', () => {
  const channel = (id: string, health: ChannelSummary['health']): ChannelSummary =>
    ({ id, network: 'linkedin', name: id, handle: '', kind: 'page', health, brandIds: [], linkCount: 1, healthyLinkCount: 1 }) as ChannelSummary
  const link = (profileId: string, channelId: string): ChannelLinkSummary => ({ profileId, channelId }) as ChannelLinkSummary
  const profile = (id: string, health: ProfileView['health']): ProfileView => ({ id, health, setupState: 'ready' }) as ProfileView

  it('gives each profile the channels it reaches that work, from one list of links and channels', () => {
    const usable = usableByProfile(
      [link('p1', 'a'), link('p1', 'b'), link('p2', 'b'), link('p2', 'c')],
      [channel('a', 'healthy'), channel('b', 'degraded'), channel('c', 'disconnected')],
    )
    expect([...(usable.get('p1') ?? [])]).toEqual(['a', 'b'])
    expect([...(usable.get('p2') ?? [])]).toEqual(['b'])
  })

  it('offers a working profile the held posts on its working channels, and a broken one nothing', () => {
    const posts = [held(1, 'a', 10), held(2, 'c', 20), held(3, 'a', 30)]
    const batch = releasableOf(profile('p1', 'active'), new Set(['a']), posts)
    expect(batch.channelIds).toEqual(['a'])
    expect(batch.deliveries.map((d) => d.id)).toEqual([1, 3])
    expect(releasableOf(profile('p1', 'password_changed'), new Set(['a']), posts)).toBe(NO_HELD)
    expect(releasableOf(profile('p1', 'active'), new Set(['b']), posts)).toBe(NO_HELD)
  })
})
