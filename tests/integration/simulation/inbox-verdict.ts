/**
 * What the simulation concludes about the inbox: every visitor comment held against what Relink
 * stored, and every gap in the ledger held against the incidents that could explain it.
 */
import type { SyncGap } from '../../../src/shared/domain/sync'
import { INBOX_STREAM } from '../../../src/main/inbox'
import type { DemoHarness } from '../connections/harness'
import { FOLLOWED, type SimComment } from './inbox-traffic'
import type { Incident } from './incidents'

export interface InboxVerdict {
  comments: number
  /** Comments stored once, and the ones the network no longer served when Relink could read again (a gap says so). */
  inInbox: number
  lostAndSaid: number
  /** Comments stored more than once, and ones missing with no gap saying they are gone. */
  duplicated: string[]
  lost: string[]
  /** Comments deleted on the network before Relink read them: never in the inbox, rightly. */
  deletedUnread: number
  /** Edits and deletions a read should have followed (`FOLLOWED`), and those it did not. */
  edits: number
  staleEdits: string[]
  deletions: number
  missedDeletions: string[]
  /** Items marked deleted that the network still has. */
  falseDeletions: string[]
  gaps: number
  recovered: number
  /** Gaps still open at the end although every incident was fixed. */
  open: string[]
  /** Gaps for a broken sign-in on a channel no incident touched at that time. */
  unexplained: string[]
  /** Gaps opened because reads kept failing for passing reasons (the network's faults). */
  failing: string[]
  /** With RELINK_SIM_LOG, the runs around each of those gaps (for reading, not judging). */
  failingRuns: string[]
}

const MIN = 60_000

export async function judgeInbox(h: DemoHarness, run: { written: readonly SimComment[]; incidents: readonly Incident[]; relinkChannelOf: (sandboxChannelId: string) => string | undefined }): Promise<InboxVerdict> {
  const { core } = h
  const sqlite = core.database.sqlite
  const rows = sqlite.prepare("SELECT text, deleted_at FROM inbox_items WHERE text LIKE '%Sim comment %'").all() as { text: string; deleted_at: number | null }[]
  const stored = new Map<number, { text: string; deleted_at: number | null }[]>()
  for (const row of rows) {
    const n = Number(/Sim comment (\d+):/.exec(row.text)?.[1])
    if (Number.isFinite(n)) stored.set(n, [...(stored.get(n) ?? []), row])
  }
  const readOk = sqlite.prepare('SELECT 1 FROM sync_runs WHERE channel_id = ? AND stream = ? AND ok = 1 AND started_at BETWEEN ? AND ? LIMIT 1')
  /** Whether a read that follows changes on this network succeeded after a change at `at` and while the post was still re-read. */
  const followed = (c: SimComment, channelId: string, at: number, kind: 'edits' | 'deletions'): boolean => {
    const rule = FOLLOWED[c.network]
    return rule !== undefined && rule[kind] && readOk.get(channelId, INBOX_STREAM[c.network], at + rule.periodMs, c.postAt + rule.windowMs) !== undefined
  }
  const gaps: SyncGap[] = await core.sync.gaps.list({})
  /** When each gap was opened: the failed read that found the break. */
  const openedAt = new Map((sqlite.prepare('SELECT id, created_at FROM sync_gaps').all() as { id: number; created_at: number }[]).map((r) => [r.id, r.created_at]))
  const said = (c: SimComment, channelId: string): boolean =>
    gaps.some((g) => g.channelId === channelId && (g.stream === 'comments' || g.stream === 'mentions') && g.lostBefore !== null && c.createdAt >= g.from - MIN && c.createdAt < g.lostBefore)

  const verdict: InboxVerdict = {
    comments: run.written.length,
    inInbox: 0,
    lostAndSaid: 0,
    duplicated: [],
    lost: [],
    deletedUnread: 0,
    edits: 0,
    staleEdits: [],
    deletions: 0,
    missedDeletions: [],
    falseDeletions: [],
    gaps: gaps.length,
    recovered: 0,
    open: [],
    unexplained: [],
    failing: [],
    failingRuns: [],
  }
  for (const c of run.written) {
    const channelId = run.relinkChannelOf(c.sandboxChannelId) ?? ''
    const copies = stored.get(c.n) ?? []
    const label = `Sim comment ${c.n} on ${channelId} (${c.network})`
    if (copies.length > 1) verdict.duplicated.push(`${label} stored ${copies.length} times`)
    else if (copies.length === 0 && c.deletedAt !== undefined) verdict.deletedUnread += 1
    else if (copies.length === 0 && said(c, channelId)) verdict.lostAndSaid += 1
    else if (copies.length === 0) verdict.lost.push(`${label} at ${new Date(c.createdAt).toISOString()}`)
    const row = copies.length === 1 ? copies[0] : undefined
    if (!row) continue
    verdict.inInbox += 1
    if (c.deletedAt !== undefined && followed(c, channelId, c.deletedAt, 'deletions')) {
      verdict.deletions += 1
      if (row.deleted_at === null) verdict.missedDeletions.push(`${label}, deleted at ${new Date(c.deletedAt).toISOString()}`)
    } else if (c.deletedAt === undefined && c.editedAt !== undefined && followed(c, channelId, c.editedAt, 'edits')) {
      verdict.edits += 1
      if (row.text !== c.text) verdict.staleEdits.push(`${label}, edited at ${new Date(c.editedAt).toISOString()}: stored "${row.text}"`)
    }
  }
  const marked = sqlite.prepare('SELECT network, network_comment_id AS id FROM inbox_items WHERE deleted_at IS NOT NULL').all() as { network: string; id: string }[]
  for (const m of marked) {
    const there = h.sandbox.world.comments.get(m.id)
    if (there && there.network === (m.network === 'instagram' ? 'facebook' : m.network)) verdict.falseDeletions.push(`${m.network} ${m.id}: "${there.text}"`)
  }
  for (const g of gaps) {
    const label = `${g.stream} gap on ${g.channelId} from ${new Date(g.from).toISOString()} (${g.reason})`
    if (g.state !== 'closed') verdict.open.push(label)
    if (g.recoveredUnit === 'items') verdict.recovered += g.recovered
    if (g.reason === 'sync_failing') {
      verdict.failing.push(`${label}, ${Math.round(((g.to ?? g.from) - g.from) / MIN)} min: ${g.detail}`)
      if (process.env.RELINK_SIM_LOG) {
        const runs = core.database.sqlite.prepare('SELECT mode, started_at, ok, items, reason FROM sync_runs WHERE channel_id = ? AND stream = ? AND started_at BETWEEN ? AND ? ORDER BY started_at').all(g.channelId, g.stream, g.from - 6 * 60 * MIN, (g.to ?? g.from) + 10 * MIN) as { mode: string; started_at: number; ok: number; items: number; reason: string }[]
        verdict.failingRuns.push(`${label}\n` + runs.map((r) => `   ${new Date(r.started_at).toISOString().slice(11, 19)} ${r.mode} ${r.ok ? 'ok' : r.reason} ${r.items}`).join('\n'))
      }
      continue
    }
    // A broken sign-in is explained by an incident on the channel, begun before the gap was opened
    // and not fixed (and cleared in Relink) before the gap's period began. The period begins at the
    // stream's last good read, so on a stream read every few hours (metrics) or between two polls
    // the incident can begin after it: what it must precede is the failed read that opened the gap.
    const explained = run.incidents.some(
      (i) => i.channelIds.includes(g.channelId) && i.at <= (openedAt.get(g.id) ?? g.from) && (i.fixedAt === null || i.fixedAt >= g.from - MIN),
    )
    if (!explained) verdict.unexplained.push(label)
  }
  return verdict
}
