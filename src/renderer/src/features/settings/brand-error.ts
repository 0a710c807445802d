import { errorMessage, IpcError } from '../../lib/api'

/** The sentence to put under a brand-name field: the field's own issue if main named one. */
export function brandNameError(err: unknown): string {
  if (err instanceof IpcError) return err.issueFor('name') ?? err.message
  return errorMessage(err)
}
