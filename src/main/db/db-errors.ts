import { AppError } from '../../shared/errors'

/** better-sqlite3's error codes are SQLite's extended result code names (SQLITE_CONSTRAINT_UNIQUE, …). */
export function sqliteCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined
}

export type ConstraintKind = 'unique' | 'foreign_key' | 'other'

/** Which constraint a write broke, or undefined when it was not a constraint violation. */
export function constraintKind(err: unknown): ConstraintKind | undefined {
  const code = sqliteCode(err)
  if (code === undefined || !code.startsWith('SQLITE_CONSTRAINT')) return undefined
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique'
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign_key'
  return 'other'
}

/**
 * The last line of defence at the IPC boundary: a database failure a service did not translate
 * itself still reaches the window as a typed error with a sentence, not as `internal`.
 */
export function databaseFailure(err: unknown): AppError | undefined {
  const constraint = constraintKind(err)
  if (constraint === 'unique') {
    return new AppError('conflict', 'That already exists: something else saved the same thing a moment ago. Look again and retry if it is still needed.', { cause: err })
  }
  if (constraint === 'foreign_key') {
    return new AppError('conflict', 'Something this change refers to was removed a moment ago. Look again and retry if it is still needed.', { cause: err })
  }
  if (constraint === 'other') {
    return new AppError('conflict', 'Relink could not save that: it does not fit with what is already saved. Look again and retry.', { cause: err })
  }
  const code = sqliteCode(err)
  if (code === undefined) return undefined
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('database_locked', 'Relink’s database is busy in another program (perhaps a second Relink or a backup tool). Close it and try again.', {
      cause: err,
      retryable: true,
    })
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return new AppError('database_unreadable', 'Relink cannot write to its database. Check that its data folder and file are writable, then try again.', { cause: err })
  }
  if (code.startsWith('SQLITE_FULL')) {
    return new AppError('database_unreadable', 'The disk holding Relink’s database is full. Free some space, then try again.', { cause: err, retryable: true })
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    return new AppError('database_corrupt', 'Relink’s database is damaged. Quit Relink and restore it from a backup.', { cause: err })
  }
  return undefined
}
