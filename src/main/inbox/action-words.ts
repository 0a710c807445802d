/** What a person reads about replies and moderation actions the inbox could not send on its own. */
import type { IntentWords } from '../intents'

export const ACTION_WORDS: IntentWords = {
  notFound: 'Relink was interrupted while sending and the network does not show it. Check the comment on the network, then send it again or discard it.',
  confirmingAbsence: 'The network did not answer and does not show it yet. Relink looks once more in a moment before sending it again.',
  publishingAgain: 'The network confirmed twice that it is not there, so Relink sends it again.',
  offline: 'Relink cannot reach the network right now. It will be sent as soon as the connection is back.',
  heldSuffix: 'It waits, not lost: it goes out once the connection is refreshed.',
  channelRemoved: 'The channel was removed from Relink, so this cannot be sent.',
  lostTrack: 'Relink lost track of the request.',
  couldNotCheck: (detail, passing) =>
    passing
      ? `Relink could not check whether it went out: ${detail}`
      : `Relink could not check whether it went out (${detail}) Look at the comment on the network, then mark it sent or send it again.`,
  ambiguous: (detail) => `Relink cannot tell which of the channel's replies is this one: ${detail} Look at the thread on the network, then mark it sent or send it again.`,
  duplicateUnseen: (detail) => `${detail} An earlier try may be that copy, but Relink cannot see it yet. Look at the thread on the network, then mark it sent or send it again.`,
}
