import type { CommandName, EventName } from '../../../shared/ipc/channels'
import type { CommandInput, CommandOutputs, EventPayloads, RelinkApi } from '../../../shared/ipc/contract'
import type { AppErrorShape, ErrorCode } from '../../../shared/errors'

/** A failed command, rethrown so components can use ordinary try/catch and rejections. */
export class IpcError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean
  readonly issues: NonNullable<AppErrorShape['issues']>

  constructor(readonly shape: AppErrorShape) {
    super(shape.message)
    this.name = 'IpcError'
    this.code = shape.code
    this.retryable = shape.retryable
    this.issues = shape.issues ?? []
  }

  /** The message for one form field, matched on the issue's dotted path. */
  issueFor(path: string): string | undefined {
    return this.issues.find((issue) => issue.path === path)?.message
  }
}

const MISSING_BRIDGE: AppErrorShape = {
  code: 'internal',
  message: 'This window is not connected to Relink. Open it from the Relink app.',
  retryable: false,
}

function bridge(): RelinkApi {
  const api = window.relink
  if (!api) throw new IpcError(MISSING_BRIDGE)
  return api
}

/** A command's input, optional exactly where the contract allows leaving it out. */
export type CallArgs<K extends CommandName> = undefined extends CommandInput<K> ? [input?: CommandInput<K>] : [input: CommandInput<K>]

/** Runs a command in the main process and returns its data, or throws an `IpcError`. */
export async function call<K extends CommandName>(name: K, ...input: CallArgs<K>): Promise<CommandOutputs[K]> {
  // The contract's rest-tuple overload cannot be re-expressed generically; the shape is identical.
  const invoke = bridge().invoke as (name: K, input?: CommandInput<K>) => ReturnType<RelinkApi['invoke']>
  const result = await invoke(name, input[0])
  if (!result.ok) throw new IpcError(result.error)
  return result.data as CommandOutputs[K]
}

/** Listens for an event from main; returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
  const api = window.relink
  // Without a bridge there is nothing to hear; `call` already reports the missing connection.
  if (!api) return () => undefined
  return api.on(event, listener)
}

const UNKNOWN_FAILURE = 'Something went wrong inside Relink. Try again.'

/** The sentence to show for anything caught: the error's own message, never a stack trace. */
export function errorMessage(err: unknown): string {
  if (err instanceof IpcError) return err.message
  return UNKNOWN_FAILURE
}
