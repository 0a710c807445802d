/**
 * The run's event log: every request the network was sent while faults were on (when, what, and
 * what the fault layer made of it) and every alert the team saw, folded into one digest as it goes.
 * Two runs of a seed must give the same digest (`replay.test.ts`). With RELINK_SIM_EVENTS=folder
 * the lines are also written out, one file per run, to find where two runs part.
 */
import { createHash } from 'node:crypto'
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

export interface EventLog {
  add(line: string, body?: string | Uint8Array): void
  /**
   * Writes `text` as `as` in lines and text bodies from now on: the sandbox's origin, whose port
   * the operating system picks (it is in URLs the core is given, such as a staged photo's).
   */
  hide(text: string, as: string): void
  /** Lines so far and the digest of them all. */
  summary(): { events: number; digest: string }
}

export function createEventLog(now: () => number, name: string, folder = process.env.RELINK_SIM_EVENTS): EventLog {
  const hash = createHash('sha256')
  let events = 0
  const hidden: [string, string][] = []
  const masked = (text: string): string => hidden.reduce((out, [from, to]) => out.replaceAll(from, to), text)
  const file = folder ? join(folder, `${name}-${process.pid}-${Date.now()}.log`) : undefined
  if (folder) mkdirSync(folder, { recursive: true })
  let pending: string[] = []
  const flush = (): void => {
    if (file && pending.length > 0) appendFileSync(file, `${pending.join('\n')}\n`)
    pending = []
  }
  return {
    add(line, body) {
      const stamped = `${new Date(now()).toISOString()} ${masked(line)}`
      hash.update(`${stamped}\n`)
      let bodyDigest = ''
      if (body !== undefined && body.length > 0) {
        bodyDigest = createHash('sha256')
          .update(typeof body === 'string' ? masked(body) : body)
          .digest('hex')
          .slice(0, 16)
        hash.update(bodyDigest)
      }
      events += 1
      if (file) {
        pending.push(bodyDigest ? `${stamped} body ${bodyDigest}` : stamped)
        if (pending.length >= 10_000) flush()
      }
    },
    hide: (text, as) => void hidden.push([text, as]),
    summary() {
      flush()
      return { events, digest: hash.copy().digest('hex') }
    },
  }
}
