import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { SavedReply } from '../../shared/domain/inbox'
import { SAVED_REPLIES_IMPORT_MAX_BYTES, SAVED_REPLIES_IMPORT_MAX_ROWS, type SavedRepliesImportPreview } from '../../shared/domain/saved-replies'
import { AppError } from '../../shared/errors'
import type { Clock, OpenFileDialog } from '../ports'
import { parseSavedRepliesCsv } from './saved-replies-csv'
import type { Triage } from './triage'

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} MB`

/** The file's text, or why it cannot be read as a saved replies file. */
async function readCsv(path: string): Promise<{ text: string } | { problem: string }> {
  const { size } = await stat(path)
  if (size > SAVED_REPLIES_IMPORT_MAX_BYTES) return { problem: `The file is ${megabytes(size)}; a saved replies file is at most ${megabytes(SAVED_REPLIES_IMPORT_MAX_BYTES)}.` }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path)) }
  } catch {
    return { problem: 'The file is not UTF-8 text. In a spreadsheet program, save it as “CSV UTF-8”.' }
  }
}

/**
 * Saved replies from a CSV file, in two steps: `preview` asks for the file in main's own dialog,
 * reads and checks all of it and says what would be added; `confirm` adds exactly that, all in one
 * transaction; `undo` takes the last import back out. A name the team has saved already is never
 * overwritten: the same text is left alone, a different text keeps theirs and is reported.
 */
export function createSavedRepliesImport(deps: { triage: Triage; dialog: OpenFileDialog; clock: Clock }) {
  let count = 0
  let pending: { importId: string; add: { name: string; text: string }[] } | null = null
  let last: { importId: string; ids: number[] } | null = null

  return {
    async preview(): Promise<SavedRepliesImportPreview> {
      pending = null
      const path = await deps.dialog.chooseFile({ title: 'Import saved replies from CSV', format: 'csv' })
      if (!path) return { status: 'cancelled' }
      const fileName = basename(path)
      const read = await readCsv(path)
      if ('problem' in read) return { status: 'invalid', fileName, problems: [{ line: null, message: read.problem }] }
      const { replies, problems } = await parseSavedRepliesCsv(read.text, SAVED_REPLIES_IMPORT_MAX_ROWS)
      if (problems.length > 0) return { status: 'invalid', fileName, problems }

      const saved = new Map(deps.triage.savedReplies().map((r) => [r.name.toLocaleLowerCase('en'), r]))
      const add: { name: string; text: string }[] = []
      const alreadySaved: string[] = []
      const keptYours: string[] = []
      for (const reply of replies) {
        const mine = saved.get(reply.name.toLocaleLowerCase('en'))
        if (!mine) add.push({ name: reply.name, text: reply.text })
        else (mine.text === reply.text ? alreadySaved : keptYours).push(mine.name)
      }
      const importId = `import-${++count}`
      if (add.length > 0) pending = { importId, add }
      return { status: 'ready', importId, fileName, add, alreadySaved, keptYours }
    },

    confirm(importId: string): SavedReply[] {
      if (pending?.importId !== importId) throw new AppError('not_found', 'That import is no longer waiting; choose the file again.')
      const added = deps.triage.addReplies(pending.add, deps.clock.now())
      pending = null
      last = { importId, ids: added.map((r) => r.id) }
      return added
    },

    undo(importId: string): number {
      if (last?.importId !== importId) throw new AppError('not_found', 'That import can no longer be undone.')
      const removed = deps.triage.deleteReplies(last.ids)
      last = null
      return removed
    },
  }
}
