/**
 * The team answering visitors from the inbox while the month goes on: replies asked for through
 * the window's own command, sent through the faults (a quarter of them after the network acted,
 * the answer lost) and the token incidents, and held against what the network received at the end.
 */
import type { DemoHarness } from '../connections/harness'

const REPLY = /Sim reply (\d+):/

export interface ReplyVerdict {
  /** Replies the team asked for (the inbox took them). */
  asked: number
  sent: number
  /** Replies whose outcome Relink had to look up on the network (an answer lost, a timeout). */
  lookedUp: number
  /** Replies that failed because the comment they answer left the network first: rightly. */
  failedGone: number
  /** Replies the network received more than once. */
  duplicated: string[]
  /** Relink says sent and the network has none, or the network has it and Relink says it failed. */
  wrong: string[]
  /** Still queued, claimed, in flight or held at the end, although every incident was fixed. */
  stuck: string[]
  /** Left for a person to decide, with why. */
  needsReview: string[]
}

export interface TeamReplies {
  /** One reply to a random visitor comment in the inbox not yet answered; false when there is none. */
  reply(): Promise<boolean>
  judge(): ReplyVerdict
}

interface Asked {
  n: number
  actionId: number
  /** The comment answered, on the network. */
  parent: string
}

/**
 * `rng` is the replies' own stream, so a seed's other events stay as they were without them.
 * `loseAnswer` has the network act on the write carrying a text and its answer lost: the first
 * reply and every fourth after it meet that (the passing faults alone reach about one in eighty).
 */
export function createTeamReplies(h: DemoHarness, rng: () => number, loseAnswer: (text: string) => void): TeamReplies {
  const { core, sandbox } = h
  const world = sandbox.world
  const sqlite = core.database.sqlite
  // Every reply the network takes, counted by its number as it is created (later deletions of the
  // thread must not hide a second copy).
  const received = new Map<number, number>()
  const add = world.addComment.bind(world)
  world.addComment = (comment) => {
    const record = add(comment)
    const n = Number(REPLY.exec(record.text)?.[1])
    if (Number.isFinite(n)) received.set(n, (received.get(n) ?? 0) + 1)
    return record
  }
  const open = sqlite.prepare(
    `SELECT i.id, i.network_comment_id AS parent FROM inbox_items i
      WHERE i.own = 0 AND i.deleted_at IS NULL AND i.text LIKE '%Sim comment %'
        AND NOT EXISTS (SELECT 1 FROM inbox_actions a WHERE a.item_id = i.id AND a.kind = 'reply')
      ORDER BY i.id`,
  )
  const actionOf = sqlite.prepare(
    "SELECT state, reason, detail, EXISTS (SELECT 1 FROM inbox_action_attempts t WHERE t.action_id = a.id AND t.kind = 'lookup') AS looked FROM inbox_actions a WHERE id = ?",
  )
  const asked: Asked[] = []

  return {
    async reply() {
      const items = open.all() as { id: number; parent: string }[]
      const item = items[Math.floor(rng() * items.length)]
      if (!item) return false
      const n = asked.length + 1
      if (n % 4 === 1) loseAnswer(`Sim reply ${n}:`)
      const answer = await core.handlers['inbox:act']({ itemId: item.id, kind: 'reply', text: `Sim reply ${n}: yes, from nine to five.` })
      asked.push({ n, actionId: answer.action.id, parent: item.parent })
      return true
    },
    judge() {
      const verdict: ReplyVerdict = { asked: asked.length, sent: 0, lookedUp: 0, failedGone: 0, duplicated: [], wrong: [], stuck: [], needsReview: [] }
      for (const a of asked) {
        const copies = received.get(a.n) ?? 0
        const row = actionOf.get(a.actionId) as { state: string; reason: string | null; detail: string; looked: number }
        verdict.lookedUp += row.looked
        const label = `Sim reply ${a.n} (action ${a.actionId}, ${row.state}${row.reason ? ` ${row.reason}` : ''})`
        if (copies > 1) verdict.duplicated.push(`${label}: the network has it ${copies} times`)
        if (row.state === 'sent') {
          verdict.sent += 1
          if (copies === 0) verdict.wrong.push(`${label}: marked sent, never reached the network`)
        } else if (row.state === 'failed') {
          const parent = world.comments.get(a.parent)
          const gone = !parent || parent.detached === true
          if (copies > 0) verdict.wrong.push(`${label}: on the network, yet failed: ${row.detail}`)
          else if (gone) verdict.failedGone += 1
          else verdict.wrong.push(`${label}: failed while the comment is still there: ${row.detail}`)
        } else if (row.state === 'needs_review') verdict.needsReview.push(`${label}: ${row.detail}`)
        else verdict.stuck.push(`${label}: ${row.detail}`)
      }
      return verdict
    },
  }
}
