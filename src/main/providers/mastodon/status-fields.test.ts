import { describe, expect, it } from 'vitest'
import { nextMaxId } from './status-fields'

const page = [{ id: '300' }, { id: '200' }]

describe('the next page of a Mastodon list', () => {
  it('starts at the max_id of the Link header’s next link, and there is none without one', () => {
    const both = '<https://social.example/api/v1/accounts/1/statuses?limit=2&max_id=200>; rel="next", <https://social.example/api/v1/accounts/1/statuses?limit=2&min_id=300>; rel="prev"'
    expect(nextMaxId({ link: both }, page, 2)).toBe('200')
    expect(nextMaxId({ link: '<https://social.example/api/v1/accounts/1/statuses?min_id=300>; rel="prev"' }, page, 2)).toBeUndefined()
    expect(nextMaxId({ link: '<not a url>; rel="next"' }, page, 2)).toBeUndefined()
    expect(nextMaxId({ link: '<https://social.example/api/v1/accounts/1/statuses?max_id=9%3B1>; rel="next"' }, page, 2)).toBeUndefined()
  })

  it('without a Link header, follows a full page below its oldest id and ends at a short one', () => {
    expect(nextMaxId({}, page, 2)).toBe('200')
    expect(nextMaxId({}, page, 40)).toBeUndefined()
    expect(nextMaxId({}, [], 40)).toBeUndefined()
  })
})
