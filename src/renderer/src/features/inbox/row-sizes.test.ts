import { describe, expect, it } from 'vitest'
import type { InboxItem } from '../../../../shared/domain/inbox'
import type { InboxRow } from './inbox-rows'
import { createRowSizes, rowText } from './row-sizes'

const item = (id: number, text: string, extra: Partial<InboxItem> = {}): InboxRow => ({
  kind: 'item',
  item: { id, text, highlight: null, deletedAt: null, hidden: false, own: false, answered: false, state: 'new', assignee: null, labels: [], lastAction: null, channelName: 'Northwind', ...extra } as InboxItem,
})
const gap: InboxRow = { kind: 'gap', key: 'gap-1', sentence: 'No comments synced', gap: {} as never }
// One character, one pixel: a row 100 px wide holds a line of 100 characters.
const box = { width: 100, font: '13px sans-serif' }

describe('inbox row sizes', () => {
  it('estimates a row as tall as the rows of its shape measured, once one of them was drawn', () => {
    const sizes = createRowSizes((text) => text.length)
    const short = item(1, 'Nice one')
    const long = item(2, 'x'.repeat(150))
    const answered = item(3, 'Thanks', { answered: true })
    expect(sizes.estimate(short)).toBe(88)
    sizes.learn(short, 84, box)
    sizes.learn(long, 103, box)
    sizes.learn(answered, 60, box)
    expect(sizes.estimate(item(4, 'Another short one'))).toBe(84)
    expect(sizes.estimate(item(5, 'y'.repeat(300)))).toBe(103)
    expect(sizes.estimate(item(6, 'Done already', { state: 'done' }))).toBe(84)
    expect(sizes.estimate(item(7, 'Replied to', { answered: true }))).toBe(60)
    expect(sizes.estimate(gap)).toBe(64)
    sizes.learn(gap, 70, undefined)
    expect(sizes.estimate(gap)).toBe(70)
  })

  it('keeps the size most rows of a shape measured, not the last odd one (tags that wrapped)', () => {
    const sizes = createRowSizes((text) => text.length)
    sizes.learn(item(1, 'a'), 84, box)
    sizes.learn(item(2, 'b'), 84, box)
    sizes.learn(item(3, 'c', { labels: ['one', 'two', 'three'] }), 106, box)
    expect(sizes.estimate(item(4, 'd'))).toBe(84)
  })

  it('counts the lines again when the rows get narrower', () => {
    const sizes = createRowSizes((text) => text.length)
    const row = item(1, 'x'.repeat(80))
    sizes.learn(row, 84, box)
    sizes.learn(item(2, 'x'.repeat(150)), 103, box)
    expect(sizes.estimate(item(3, 'z'.repeat(80)))).toBe(84)
    sizes.learn(item(4, 'short'), 84, { ...box, width: 60 })
    expect(sizes.estimate(item(3, 'z'.repeat(80)))).toBe(103)
    expect(sizes.estimate(row)).toBe(103)
  })

  it('tells plain text far shorter or longer than a line by its length, and measures the rest', () => {
    const measured: string[] = []
    const sizes = createRowSizes((text) => {
      measured.push(text)
      return text.length
    })
    sizes.learn(item(1, 'short'), 84, box)
    sizes.learn(item(2, 'x'.repeat(150)), 103, box)
    sizes.learn(item(3, 'y'.repeat(95)), 84, box)
    sizes.learn(item(4, '東京のカフェ'), 84, box)
    expect(measured.filter((t) => t.length < 50 || t.length > 100).filter((t) => !t.startsWith('Thanks for'))).toEqual(['東京のカフェ'])
    expect(measured).toContain('y'.repeat(95))
  })

  it('measures the words the row shows: the notes before the text and the highlighted parts', () => {
    const itemOf = (row: InboxRow): InboxItem => (row as { item: InboxItem }).item
    expect(rowText(itemOf(item(1, 'hello', { deletedAt: 5, hidden: true })))).toBe('Deleted on the network. Hidden. hello')
    expect(rowText(itemOf(item(2, 'cafe au lait', { highlight: [{ text: 'café', match: true }, { text: ' au lait', match: false }] })))).toBe('café au lait')
  })
})
