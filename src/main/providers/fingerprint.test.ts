import { describe, expect, it } from 'vitest'
import { fingerprintOf, judgeTimeline, likeness, type SeenPost } from './fingerprint'

const post = (id: string, text: string, extra: Partial<SeenPost> = {}): SeenPost => ({
  post: { networkPostId: id, url: `https://net.example/${id}`, publishedAt: 1 },
  text,
  links: [],
  media: 0,
  ...extra,
})
const sent = fingerprintOf('Fresh roast on Friday https://relink.example/roast', [], 0)

describe('the content fingerprint', () => {
  it('ignores white space, Unicode forms and where the link sits, not the words', () => {
    expect(likeness(sent, post('1', '  Fresh roast\non   Friday\n\nhttps://relink.example/roast/'))).toBe('same')
    expect(likeness(fingerprintOf('Caf\u00e9 open', [], 0), post('1', 'Cafe\u0301 open'))).toBe('same')
    // Like it, but only the network's word that it was edited makes it a candidate: texts from one template are not edits.
    expect(likeness(sent, post('1', 'Fresh roast on Saturday https://relink.example/roast', { edited: true }))).toBe('edited')
    expect(likeness(sent, post('1', 'Fresh roast on Saturday https://relink.example/roast'))).toBe('other')
    expect(likeness(sent, post('1', 'Our new mugs are in https://relink.example/roast'))).toBe('other')
  })

  it('compares links through shorteners by the full address the network reports, and counts images', () => {
    const shortened = post('1', 'Fresh roast on Friday https://t.co/abc123', { links: ['https://relink.example/roast'] })
    expect(likeness(sent, shortened)).toBe('same')
    expect(likeness(sent, { ...shortened, links: ['https://relink.example/other'] })).toBe('other')
    expect(likeness(sent, { ...shortened, media: 1 })).toBe('other')
    // A network that does not say how many images a post has is not held against it.
    expect(likeness(sent, { ...shortened, media: undefined })).toBe('same')
  })

  it('finds posts published with the old tracking marker in their text', () => {
    const marked = post('1', 'Fresh roast on Friday https://relink.example/roast\n\nrl-qk8s7o8kj06j')
    expect(likeness(sent, marked)).toBe('other')
    expect(likeness(sent, marked, 'rl-qk8s7o8kj06j')).toBe('same')
  })
})

describe('judging a timeline', () => {
  it('one match is found; two are for a person; an edited copy is for a person; none is absent', () => {
    const same = post('a', 'Fresh roast on Friday https://relink.example/roast')
    expect(judgeTimeline(sent, { posts: [post('x', 'Unrelated'), same], complete: true }, 'X', {})).toEqual({ kind: 'found', post: same.post })
    const twice = judgeTimeline(sent, { posts: [same, { ...same, post: { ...same.post, networkPostId: 'b' } }], complete: true }, 'X', {})
    expect(twice).toMatchObject({ kind: 'ambiguous', candidates: [{ networkPostId: 'a' }, { networkPostId: 'b' }] })
    expect(judgeTimeline(sent, { posts: [post('e', 'Fresh roast on Saturday! https://relink.example/roast', { edited: true })], complete: true }, 'X', {})).toMatchObject({
      kind: 'ambiguous',
      candidates: [{ networkPostId: 'e' }],
    })
    expect(judgeTimeline(sent, { posts: [post('x', 'Unrelated')], complete: true }, 'X', {})).toEqual({ kind: 'absent' })
    // Posts made from one template ("Crash run post 12", "… 13") are other posts, not edits.
    const template = fingerprintOf('Crash run post 12', [], 0)
    expect(judgeTimeline(template, { posts: [post('t', 'Crash run post 13')], complete: true }, 'X', {})).toEqual({ kind: 'absent' })
  })

  it('skips posts known as other deliveries, and cannot call a post absent from a window it did not read to the end', () => {
    const same = post('a', 'Fresh roast on Friday https://relink.example/roast')
    const other = { ...same, post: { ...same.post, networkPostId: 'b' } }
    expect(judgeTimeline(sent, { posts: [same, other], complete: true }, 'X', { knownPostIds: new Set(['a']) })).toEqual({ kind: 'found', post: other.post })
    expect(judgeTimeline(sent, { posts: [post('x', 'Unrelated')], complete: false }, 'X', {})).toMatchObject({ kind: 'unanswerable' })
    // What was read is enough when it holds the post.
    expect(judgeTimeline(sent, { posts: [same], complete: false }, 'X', {})).toEqual({ kind: 'found', post: same.post })
  })
})
