/** What a person reads about deliveries the scheduler could not publish on its own. */
import type { IntentWords } from '../intents'

export const MISSED_DETAIL = 'Its time passed while Relink was closed or the computer was asleep. Publish it now, pick a new time, or skip it.'

export const PUBLISH_WORDS: IntentWords = {
  notFound: 'Relink was interrupted while publishing and the network shows no post with this content. Check the channel, then publish it again or skip it.',
  confirmingAbsence: 'The network did not answer the publish request and does not show the post yet. Relink looks once more in a moment before publishing it again.',
  publishingAgain: 'The network confirmed twice that the post is not there, so Relink publishes it again.',
  offline: 'Relink cannot reach the network right now. It will publish as soon as the connection is back.',
  heldSuffix: 'The post is held, not lost: it can be released once the connection is refreshed.',
  channelRemoved: 'The channel was removed from Relink, so this post cannot go out there.',
  lostTrack: 'Relink lost track of the publish request.',
  couldNotCheck: (detail, passing) =>
    passing
      ? `Relink could not check whether the post went out: ${detail}`
      : `Relink could not check whether the post went out (${detail}) Look at the channel, then publish it again or mark it published.`,
  ambiguous: (detail) => `Relink cannot tell which post on the channel is this one: ${detail} Pick the one that is, or publish it again.`,
  duplicateUnseen: (detail) => `${detail.replace(/\s*Change the text[^.]*\.\s*$/, '')} An earlier try of this post may be that copy, but Relink cannot see it on the channel yet. Look at the channel, then mark it published or publish it again.`,
}
