import type { ZodType } from 'zod'
import { isCommandName, type CommandName } from '../../shared/ipc/channels'
import { commandInputs, type CommandArgs, type CommandOutputs } from '../../shared/ipc/contract'
import { AppError, fail, type Result } from '../../shared/errors'
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
        const error = AppError.from(err)
        logger.log(error.code === 'internal' ? 'error' : 'warn', `ipc: ${channel} failed`, { code: error.code, error: err })
        return fail(error)
      }
    },
  }
}

/**
 * Trusts only the top-level document loaded from the app's own origin: `file://` in a packaged
 * build, the dev server while developing (VS Code's validatedIpcMain does the same).
 */
export function createSenderCheck(allowedOrigins: readonly string[]): SenderCheck {
  return (sender) => {
    if (!sender.isMainFrame) return false
    let url: URL
    try {
      url = new URL(sender.url)
    } catch {
      return false
    }
    if (url.protocol === 'file:') return allowedOrigins.includes('file://')
    return allowedOrigins.includes(url.origin)
  }
}

