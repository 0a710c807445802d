import { describe, expect, it } from 'vitest'
import { TEXT_LIMITS } from '../../shared/domain/text-length'
import { FACEBOOK_CONTENT } from './facebook/config'
import { INSTAGRAM_CONTENT } from './instagram/config'
import { LINKEDIN_CONTENT } from './linkedin/config'
import { MASTODON_CONTENT } from './mastodon/config'
import { X_TEXT_RULES } from './x/config'

describe('the composer’s text limits', () => {
  it('are the adapters’ own', () => {
    expect(TEXT_LIMITS).toEqual({
      x: X_TEXT_RULES.maxWeightedLength,
      mastodon: MASTODON_CONTENT.defaultMaxChars,
      linkedin: LINKEDIN_CONTENT.maxCommentaryChars,
      instagram: INSTAGRAM_CONTENT.maxCaptionChars,
      facebook: FACEBOOK_CONTENT.maxChars,
    })
  })
})
