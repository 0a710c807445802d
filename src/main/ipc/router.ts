import type { ZodType } from 'zod'
import { isCommandName, type CommandName } from '../../shared/ipc/channels'
import { commandInputs, type CommandArgs, type CommandOutputs } from '../../shared/ipc/contract'
import { AppError, fail, type Result } from '../../shared/errors'
import { databaseFailure } from '../db/db-errors'
import type { Logger } from '../ports'

export type CommandHandlers = {
  [K in CommandName]: (args: CommandArgs<K>) => Promise<CommandOutputs[K]>
}

/** What main knows about the frame that sent a message. */
export interface SenderInfo {
  /** The frame's URL at the time of sending. */
  url: string
  /** False for iframes: only the app's own top-level document may call main. */
  isMainFrame: boolean
}

export type SenderCheck = (sender: SenderInfo) => boolean

export interface IpcRouter {
  dispatch(sender: SenderInfo, channel: string, raw: unknown): Promise<Result<unknown>>
}

/**
 * The single path every command takes: sender check → zod parse → service → `Result`. Nothing
 * thrown inside a handler escapes as an exception; invalid input is an error value.
 */
export function createIpcRouter(deps: { handlers: CommandHandlers; isTrustedSender: SenderCheck; logger: Logger }): IpcRouter {
  const { handlers, isTrustedSender, logger } = deps
  return {
    async dispatch(sender, channel, raw) {
      if (!isCommandName(channel)) {
        return fail(new AppError('validation', `Unknown command "${channel}".`))
      }
      if (!isTrustedSender(sender)) {
        logger.log('warn', 'ipc: rejected message from untrusted frame', { channel, url: sender.url, isMainFrame: sender.isMainFrame })
        return fail(new AppError('forbidden', 'This window is not allowed to talk to Relink.'))
      }
      const schema: ZodType = commandInputs[channel]
      const parsed = schema.safeParse(raw)
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
        return fail(
          new AppError('validation', `Relink could not accept that request: ${issues.map((i) => (i.path ? `${i.path}: ` : '') + i.message).join('; ')}`, { issues }),
        )
      }
      try {
        const run = handlers[channel] as (args: unknown) => Promise<unknown>
        return { ok: true, data: await run(parsed.data) }
      } catch (err) {
        const error = err instanceof AppError ? err : (databaseFailure(err) ?? AppError.from(err))
        logger.log(error.code === 'internal' ? 'error' : 'warn', `ipc: ${channel} failed`, { code: error.code, error: err })
        return fail(error)
      }
    },
  }
}

/**
 * Trusts only the app's own top-level document: in a packaged build the exact `file:` URL of its
 * `index.html` (any hash or query), while developing the dev server's origin. A bare `file:`
 * scheme is not enough: `file://attacker.example/…` (a UNC share on Windows) or a page saved in
 * Downloads would otherwise pass (VS Code's validatedIpcMain checks the exact app URL as well).
 *
 * @param allowed exact `file:` URLs of the entry document, and http(s) origins
 */
export function createSenderCheck(allowed: readonly string[]): SenderCheck {
  const files: URL[] = []
  const origins = new Set<string>()
  for (const entry of allowed) {
    const url = new URL(entry)
    if (url.protocol === 'file:') files.push(url)
    else origins.add(url.origin)
  }
  return (sender) => {
    if (!sender.isMainFrame) return false
    let url: URL
    try {
      url = new URL(sender.url)
    } catch {
      return false
    }
    if (url.protocol === 'file:') return files.some((own) => url.host === own.host && url.pathname === own.pathname)
    return origins.has(url.origin)
  }
}
