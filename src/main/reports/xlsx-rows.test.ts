import { describe, expect, it } from 'vitest'
import { packedBuffers, packRows, unpackRows } from './xlsx-rows'

describe('daily rows packed for the Excel thread', () => {
  it('come back as they went, each text stored once, numbers in buffers a thread can take over', async () => {
    const rows = [
      { day: new Date('2026-01-02T00:00:00Z'), channel: 'Harbor Books', network: 'Facebook', metric: 'Views', value: 12.5, source: 'page_media_view' },
      { day: new Date('2026-01-02T00:00:00Z'), channel: 'Maya Chen', network: 'X', metric: 'Follower change', value: -3, source: 'daily follower snapshots' },
      { day: new Date('2026-01-03T00:00:00Z'), channel: 'Harbor Books', network: 'Facebook', metric: 'Views', value: 0, source: 'page_media_view' },
    ]
    const packed = await packRows(rows)
    expect(packed.texts).toEqual(['Harbor Books', 'Facebook', 'Views', 'page_media_view', 'Maya Chen', 'X', 'Follower change', 'daily follower snapshots'])
    expect(packedBuffers(packed).every((b) => b instanceof ArrayBuffer)).toBe(true)
    const back = structuredClone(packed, { transfer: packedBuffers(packed) })
    expect(packed.days.length).toBe(0) // moved, not copied
    const unpacked = unpackRows(back)
    expect(unpacked).toEqual(rows)
    expect(unpacked[0]?.day).toBe(unpacked[1]?.day)
    expect(unpackRows(await packRows([]))).toEqual([])
  })

  it('let the event loop run every ten thousand rows while packing a large table', async () => {
    const day = new Date('2026-01-02T00:00:00Z')
    const rows = Array.from({ length: 25_000 }, (_, i) => ({ day, channel: `Channel ${i % 7}`, network: 'Facebook', metric: 'Views', value: i, source: 'page_media_view' }))
    let yields = 0
    const packed = await packRows(rows, async () => void (yields += 1))
    expect(yields).toBe(2)
    expect(packed.values[24_999]).toBe(24_999)
  })
})
