import { writeFile } from 'node:fs/promises'
import { stringify } from 'csv-stringify/sync'
import type { SavedReply } from '../../shared/domain/inbox'
import type { SaveDialog } from '../ports'
import { CSV_OPTIONS } from '../reports/csv-report'

/** Saved replies as CSV (Name, Text), written the way reports are: formulas escaped, line breaks quoted. */
export function savedRepliesCsv(replies: readonly SavedReply[]): string {
  return stringify([['Name', 'Text'], ...replies.map((r) => [r.name, r.text])], CSV_OPTIONS)
}

/** Asks where to save the team's saved replies and writes them there as CSV. */
export async function exportSavedReplies(deps: { replies: readonly SavedReply[]; saveDialog: SaveDialog; today: string }): Promise<{ saved: boolean; path: string | null; count: number }> {
  const path = await deps.saveDialog.chooseReportPath({ title: 'Save the saved replies as CSV', defaultName: `relink-saved-replies-${deps.today}.csv`, format: 'csv' })
  if (!path) return { saved: false, path: null, count: 0 }
  await writeFile(path, savedRepliesCsv(deps.replies), 'utf8')
  return { saved: true, path, count: deps.replies.length }
}
