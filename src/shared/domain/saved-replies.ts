import * as z from 'zod'

/** A saved reply's name and text, the same rules whether typed in the window or read from a CSV file. */
export const savedReplyName = z.string().trim().min(1, 'Give the saved reply a name.').max(80, 'Names are at most 80 characters.')
export const savedReplyText = z.string().trim().min(1, 'Write the reply first.').max(2_000, 'Saved replies are at most 2,000 characters.')

/** The largest saved replies file Relink reads (1,000 replies of 2,000 Latin characters come to about 2 MB). */
export const SAVED_REPLIES_IMPORT_MAX_BYTES = 4 * 1024 * 1024
/** The most saved replies one file may bring in. */
export const SAVED_REPLIES_IMPORT_MAX_ROWS = 1_000

/** Something wrong in a saved replies file: `line` is where it starts in the file (1 is the header), null for the whole file. */
export interface ImportProblem {
  line: number | null
  message: string
}

/**
 * What importing a saved replies file would do, shown before anything is added. `alreadySaved`:
 * names saved with the same text (nothing to do); `keptYours`: names saved with a different text,
 * which stay as they are (the file's version is not imported).
 */
export type SavedRepliesImportPreview =
  | { status: 'cancelled' }
  | { status: 'invalid'; fileName: string; problems: ImportProblem[] }
  | { status: 'ready'; importId: string; fileName: string; add: { name: string; text: string }[]; alreadySaved: string[]; keptYours: string[] }
