/**
 * The inbox's store the ingest crash test kills: it reads pages of comments into the database the
 * parent names (RELINK_INGEST_CRASH_DB) through the app's own ingest, as sync does, forever, and
 * prints `stored <n>` after each page is committed. Comment ids carry on from what the file holds.
 */
import { openDatabase } from '../../../src/main/db/client'
import { createIngest, type IngestChannel } from '../../../src/main/inbox/ingest'

const CHANNEL: IngestChannel = { id: 'crash-channel', network: 'facebook', name: 'Northwind Coffee', handle: 'northwind', networkChannelId: 'page1' }
const WORDS = ['café', 'refund', 'parcel', 'délicieux', 'コーヒー', 'merci', 'order', 'again']

const database = openDatabase(process.env.RELINK_INGEST_CRASH_DB ?? '', { nowMs: 1 })
const { sqlite } = database
sqlite
  .prepare("INSERT OR IGNORE INTO channels (id, network, network_channel_id, kind, name, handle, created_at) VALUES (?, 'facebook', 'page1', 'page', ?, 'northwind', 1)")
  .run(CHANNEL.id, CHANNEL.name)
const ingest = createIngest(sqlite)
let stored = sqlite.prepare('SELECT count(*) FROM inbox_items').pluck().get() as number
process.stdout.write('ready\n')
for (;;) {
  const comments = Array.from({ length: 100 }, (_, k) => {
    const n = stored + k
    return {
      networkCommentId: `c${n}`,
      networkPostId: `post${Math.floor(n / 1000)}`,
      parentCommentId: k % 4 === 3 ? `c${n - 1}` : null,
      authorName: `Zoë ${n % 97}`,
      authorHandle: `zoe${n % 97}`,
      text: `crashword ${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} n${n}`,
      createdAt: 1_000 + n,
    }
  })
  stored += ingest.ingest(CHANNEL, 'comments', comments, 5_000).inserted
  process.stdout.write(`stored ${stored}\n`)
}
