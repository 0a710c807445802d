/**
 * The inbox's side of the simulated month, started once the team's channels are connected: sync
 * reading every channel on its plan, the queue of replies and moderation, the visitors commenting
 * (`inbox-traffic.ts`) and the team answering them from the inbox (`inbox-replies.ts`).
 */
import type { DemoHarness } from '../connections/harness'
import { createTeamReplies, type TeamReplies } from './inbox-replies'
import { createInboxTraffic, type InboxTraffic } from './inbox-traffic'

export interface InboxRun {
  traffic: InboxTraffic
  team: TeamReplies
  /** The replies' own random stream (when they are asked for, and which comment they answer). */
  replyRng: () => number
  relinkChannelOf(sandboxChannelId: string): string | undefined
}

/** Starts sync, the inbox's replies and the visitors, on the channels whose comments or mentions Relink reads. */
export async function startInbox(h: DemoHarness, rng: () => number, changeRng: () => number, replyRng: () => number, loseAnswer: (text: string) => void): Promise<InboxRun> {
  await h.core.sync.start()
  await h.core.inboxActions.start()
  const rows = await h.core.database.db.selectFrom('channels').select(['id', 'network_channel_id']).execute()
  const relinkId = new Map(rows.map((r) => [r.network_channel_id, r.id]))
  const read = new Set((await h.core.sync.health()).filter((s) => s.stream === 'comments' || s.stream === 'mentions').map((s) => s.channelId))
  const relinkChannelOf = (sandboxChannelId: string): string | undefined => relinkId.get(sandboxChannelId)
  const traffic = createInboxTraffic(h.sandbox, rng, (id) => read.has(relinkChannelOf(id) ?? ''), changeRng)
  return { traffic, team: createTeamReplies(h, replyRng, loseAnswer), replyRng, relinkChannelOf }
}
