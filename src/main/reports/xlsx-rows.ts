import type { DailyReportRow } from './report-data'

/**
 * A report's daily rows packed for a worker thread: numbers in typed arrays (moved, not copied)
 * and each distinct text once. Cloning 100k row objects took the main process half a second,
 * during which it answered nothing; packing 100k takes 15-20 ms on a loaded machine, done in
 * steps with the loop yielded to in between.
 */
export interface PackedRows {
  count: number
  texts: string[]
  /** Per row: the day (unix ms) and the value. */
  days: Float64Array
  values: Float64Array
  /** Per row, four indexes into `texts`: channel, network, metric, network metric. */
  refs: Uint32Array
}

/** Rows packed between yields to the event loop (about 2 ms of work). */
const ROWS_PER_STEP = 10_000

export async function packRows(rows: readonly DailyReportRow[], yieldToLoop: () => Promise<void> = async () => undefined): Promise<PackedRows> {
  const texts: string[] = []
  const index = new Map<string, number>()
  const ref = (text: string): number => {
    let i = index.get(text)
    if (i === undefined) {
      i = texts.push(text) - 1
      index.set(text, i)
    }
    return i
  }
  const days = new Float64Array(rows.length)
  const values = new Float64Array(rows.length)
  const refs = new Uint32Array(rows.length * 4)
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as DailyReportRow
    days[i] = r.day.getTime()
    values[i] = r.value
    refs[4 * i] = ref(r.channel)
    refs[4 * i + 1] = ref(r.network)
    refs[4 * i + 2] = ref(r.metric)
    refs[4 * i + 3] = ref(r.source)
    if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) await yieldToLoop()
  }
  return { count: rows.length, texts, days, values, refs }
}

/** The buffers a worker can take over instead of copying. */
export const packedBuffers = (packed: PackedRows): ArrayBuffer[] => [packed.days.buffer, packed.values.buffer, packed.refs.buffer] as ArrayBuffer[]

/** The rows back, one Date per distinct day. */
export function unpackRows(packed: PackedRows): DailyReportRow[] {
  const dates = new Map<number, Date>()
  const text = (i: number): string => packed.texts[packed.refs[i] ?? 0] ?? ''
  return Array.from({ length: packed.count }, (_, i) => {
    const ms = packed.days[i] ?? 0
    let day = dates.get(ms)
    if (!day) dates.set(ms, (day = new Date(ms)))
    return { day, channel: text(4 * i), network: text(4 * i + 1), metric: text(4 * i + 2), value: packed.values[i] ?? 0, source: text(4 * i + 3) }
  })
}
