import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PostView } from '../../../../../shared/domain/schedule'
import { createInput, emptyForm, fileName, formFromPost, formKey, imagePatch, localTimeZone, textForNetwork, updateInput, type ComposerImage } from './compose-form'

const stored: NonNullable<PostView['image']> = { path: '/photos/beans.png', mimeType: 'image/png', width: 4, height: 3, sizeBytes: 120, altText: 'Beans' }

const post: PostView = {
  id: 'p1',
  status: 'draft',
  text: 'Hello',
  networkTexts: { x: 'Hi X' },
  firstComment: null,
  link: 'https://example.com',
  image: stored,
  publishAt: Date.UTC(2026, 0, 6, 15, 30),
  timeZone: 'America/New_York',
  channelIds: ['c1', 'c2'],
  createdAt: 0,
  updatedAt: 0,
  deliveries: [],
}

const attached = (overrides: Partial<ComposerImage> = {}): ComposerImage => ({
  path: stored.path,
  name: 'beans.png',
  mimeType: 'image/png',
  width: 4,
  height: 3,
  sizeBytes: 120,
  previewUrl: null,
  altText: 'Beans',
  ...overrides,
})

describe('imagePatch', () => {
  it('sends nothing for the stored image with its description unchanged', () => {
    expect(imagePatch(attached(), stored)).toBeUndefined()
    expect(imagePatch(attached({ altText: ' Beans ' }), stored)).toBeUndefined()
    expect(imagePatch(null, null)).toBeUndefined()
  })

  it('sends the same path with the new description when only the description changed', () => {
    expect(imagePatch(attached({ altText: 'Two bags of beans' }), stored)).toEqual({ path: stored.path, altText: 'Two bags of beans' })
    expect(imagePatch(attached({ altText: '' }), stored)).toEqual({ path: stored.path })
  })

  it('sends a newly picked image, and null when the image was removed', () => {
    expect(imagePatch(attached({ path: '/photos/cups.png', altText: '' }), stored)).toEqual({ path: '/photos/cups.png' })
    expect(imagePatch(attached({ path: '/photos/cups.png' }), null)).toEqual({ path: '/photos/cups.png', altText: 'Beans' })
    expect(imagePatch(null, stored)).toBeNull()
  })
})

describe('compose inputs', () => {
  it('leaves out an empty link, a missing image and a missing time when creating', () => {
    const form = { ...emptyForm('Europe/Berlin', undefined), text: 'Hi', link: '  ', channelIds: ['c1'] }
    expect(createInput(form, undefined, true)).toEqual({ text: 'Hi', channelIds: ['c1'], timeZone: 'Europe/Berlin', draft: true })
    expect(createInput({ ...form, link: ' https://example.com ' }, 5, false)).toEqual({
      text: 'Hi',
      link: 'https://example.com',
      channelIds: ['c1'],
      timeZone: 'Europe/Berlin',
      publishAt: 5,
    })
  })

  it('clears the link with null when updating, and carries the status', () => {
    const form = { ...formFromPost(post, null), link: '' }
    expect(updateInput(form, post, 7, 'scheduled')).toEqual({
      postId: 'p1',
      text: 'Hello',
      networkTexts: { x: 'Hi X' },
      firstComment: null,
      link: null,
      channelIds: ['c1', 'c2'],
      publishAt: 7,
      timeZone: 'America/New_York',
      status: 'scheduled',
    })
  })
})

describe('formFromPost', () => {
  it('reads the time on the wall clock of the zone it was chosen in', () => {
    const form = formFromPost(post, 'data:image/png;base64,AA==')
    expect(form.when).toEqual({ date: '2026-01-06', time: '10:30' })
    expect(form.image).toMatchObject({ name: 'beans.png', altText: 'Beans', previewUrl: 'data:image/png;base64,AA==' })
    expect(formFromPost({ ...post, publishAt: null }, null).when).toBeNull()
  })

  it('round-trips to the same key, so an untouched post is not "changed"', () => {
    const form = formFromPost(post, null)
    expect(formKey({ ...form, channelIds: ['c2', 'c1'] })).toBe(formKey(form))
    expect(formKey({ ...form, text: 'Hello!' })).not.toBe(formKey(form))
    expect(formKey({ ...form, networkTexts: {} })).not.toBe(formKey(form))
  })

  it('sends the networks’ own texts only when some are customised', () => {
    const form = formFromPost(post, null)
    expect(createInput(form, 5, false).networkTexts).toEqual({ x: 'Hi X' })
    expect('networkTexts' in createInput({ ...form, networkTexts: {} }, 5, false)).toBe(false)
    expect(textForNetwork(form, 'x')).toBe('Hi X')
    expect(textForNetwork(form, 'mastodon')).toBe('Hello')
  })
})

describe('fileName', () => {
  it('takes the last part of POSIX and Windows paths', () => {
    expect(fileName('/home/ana/beans.png')).toBe('beans.png')
    expect(fileName('C:\\Users\\Ana\\beans.png')).toBe('beans.png')
  })
})

describe('localTimeZone', () => {
  afterEach(() => vi.restoreAllMocks())

  it('reads the computer’s zone at most once a minute, not on every render that asks', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    const clock = vi.spyOn(performance, 'now').mockReturnValue(1_000_000)
    expect(localTimeZone()).toBe(zone)
    const built = vi.spyOn(Intl, 'DateTimeFormat')
    for (let i = 0; i < 100; i++) expect(localTimeZone()).toBe(zone)
    expect(built).not.toHaveBeenCalled()
    // A minute on, it is read again: a zone changed meanwhile shows.
    clock.mockReturnValue(1_000_000 + 60_001)
    expect(localTimeZone()).toBe(zone)
    expect(built).toHaveBeenCalledTimes(1)
  })
})
