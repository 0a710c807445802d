import { describe, expect, it } from 'vitest'
import type { DeliveryView } from '../../../../../shared/domain/schedule'
import { deliveryView } from '../delivery-view.fixture'
import { mergeHeld } from './held-batch'

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
