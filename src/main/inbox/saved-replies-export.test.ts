import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/fakes/ports'
import { exportSavedReplies, savedRepliesCsv } from './saved-replies-export'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const REPLIES = [
  { id: 1, name: 'Opening hours', text: 'Hi {first_name}, we open at 8:00,\nSundays at 9:00 ☕️' },
  { id: 2, name: '=HYPERLINK("x")', text: 'Merci, "à bientôt" !' },
]

describe('saved replies export', () => {
  it('writes Name and Text as CSV that reads back as it was, with formulas escaped', () => {
    expect(savedRepliesCsv(REPLIES)).toBe(
      'Name,Text\r\n' +
        'Opening hours,"Hi {first_name}, we open at 8:00,\nSundays at 9:00 ☕️"\r\n' +
        `"'=HYPERLINK(""x"")","Merci, ""à bientôt"" !"\r\n`,
    )
  })

  it('saves where the person chose through the save dialog, and nothing when they cancel', async () => {
    dir = tempDir()
    const path = join(dir, 'replies.csv')
    const asked: { title: string; defaultName: string; format: string }[] = []
    const saveDialog = { chooseReportPath: async (input: { title: string; defaultName: string; format: 'csv' | 'xlsx' | 'pdf' }) => (asked.push(input), path), chooseFolder: async () => null }
    expect(await exportSavedReplies({ replies: REPLIES, saveDialog, today: '2026-03-02' })).toEqual({ saved: true, path, count: 2 })
    expect(asked).toEqual([{ title: 'Save the saved replies as CSV', defaultName: 'relink-saved-replies-2026-03-02.csv', format: 'csv' }])
    expect(readFileSync(path, 'utf8')).toBe(savedRepliesCsv(REPLIES))
    const cancelled = { ...saveDialog, chooseReportPath: async () => null }
    expect(await exportSavedReplies({ replies: REPLIES, saveDialog: cancelled, today: '2026-03-02' })).toEqual({ saved: false, path: null, count: 0 })
  })
})
