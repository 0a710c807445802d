/**
 * The closed set of error codes that may cross a process boundary. Each has a plain-language
 * message written where it is raised; the renderer shows that message, never a stack trace.
 */
export type ErrorCode =
  | 'validation'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'not_connected'
  | 'reauth_required'
  | 'upstream_unavailable'
  | 'database_corrupt'
  | 'database_unreadable'
  | 'database_locked'
  | 'database_too_new'
  | 'database_foreign'
  | 'insecure_storage'
  | 'cancelled'
  | 'internal'

/** What crosses IPC: plain data, so structured clone keeps every field. */
export interface AppErrorShape {
  code: ErrorCode
  message: string
  retryable: boolean
  /** Field-level problems for `validation`, keyed by dotted path. */
  issues?: { path: string; message: string }[]
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape }

export class AppError extends Error {
  readonly retryable: boolean
  readonly issues: AppErrorShape['issues']

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { retryable?: boolean; cause?: unknown; issues?: AppErrorShape['issues'] } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'AppError'
    this.retryable = options.retryable ?? false
    this.issues = options.issues
  }

  /** Normalises anything thrown; unknown failures become `internal` with a generic sentence. */
  static from(err: unknown): AppError {
    if (err instanceof AppError) return err
    return new AppError('internal', 'Something went wrong inside Relink. The details are in the log.', {
      cause: err,
    })
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, message: this.message, retryable: this.retryable }
    if (this.issues) shape.issues = this.issues
    return shape
  }
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
export const fail = (error: AppError): Result<never> => ({ ok: false, error: error.toShape() })
