import { appendFileSync } from 'node:fs'
import type { Clock, Logger, LogLevel } from '../ports'

/** Field names whose values are token material or secrets; they never reach a log line. */
const SECRET_KEY = /token|secret|password|authorization|cookie|code_verifier|verifier|^code$|assertion|client_secret/i
/** Bearer values and long opaque strings that look like tokens, wherever they appear. */
const SECRET_VALUE = /(bearer\s+)[A-Za-z0-9._~+/=-]+|\b(access_token|refresh_token|code|client_secret|fb_exchange_token)=([^&\s"]+)/gi

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]'
  if (typeof value === 'string') {
    return value.replace(SECRET_VALUE, (_m, bearer: string | undefined, key: string | undefined) =>
      bearer ? `${bearer}[redacted]` : `${key}=[redacted]`,
    )
  }
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message, depth + 1), cause: value.cause === undefined ? undefined : redact(value.cause, depth + 1) }
  }
  if (value instanceof Uint8Array) return `[${value.length} bytes]`
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)
    return out
  }
  return value
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/** JSON lines, redacted, appended to a file and/or handed to a sink (stderr in development). */
export function createLogger(options: { clock: Clock; file?: string; sink?: (line: string) => void; minLevel?: LogLevel }): Logger {
  const min = ORDER[options.minLevel ?? 'info']
  return {
    log(level, message, fields) {
      if (ORDER[level] < min) return
      const line = JSON.stringify({ t: new Date(options.clock.now()).toISOString(), level, msg: redact(message), ...(fields ? (redact(fields) as object) : {}) })
      options.sink?.(line)
      if (options.file) {
        try {
          appendFileSync(options.file, line + '\n')
        } catch {
          // A full or read-only disk must not take the app down with it.
        }
      }
    },
  }
}
