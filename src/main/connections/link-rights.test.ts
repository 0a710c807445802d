import { describe, expect, it } from 'vitest'
import { LINKEDIN_MEMBER_CAPABILITIES } from '../providers/linkedin/config'
import { kindAllows, linkCan, type LinkAction } from './link-rights'

const ACTIONS: LinkAction[] = ['publish', 'moderate', 'analyze']

describe('link rights', () => {
  it('says of a LinkedIn member channel what the adapter records when it finds one', () => {
    for (const action of ACTIONS) {
      expect(kindAllows('linkedin', 'member', action)).toBe(LINKEDIN_MEMBER_CAPABILITIES[action])
      expect(linkCan('linkedin', 'member', ['MEMBER'], action)).toBe(LINKEDIN_MEMBER_CAPABILITIES[action])
    }
  })

  it('leaves every other kind to the link’s roles', () => {
    for (const action of ACTIONS) {
      expect(kindAllows('linkedin', 'organization', action)).toBe(true)
      expect(kindAllows('facebook', 'page', action)).toBe(true)
    }
    expect(linkCan('linkedin', 'organization', ['ANALYST'], 'publish')).toBe(false)
  })
})
