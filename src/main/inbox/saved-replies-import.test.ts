import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../../tests/fakes/clock'
import { tempDir } from '../../../tests/fakes/ports'
import { AppError } from '../../shared/errors'
import { openDatabase } from '../db/client'
import { createSavedRepliesImport } from './saved-replies-import'
import { createTriage } from './triage'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

function setup(files: Record<string, string | Buffer>) {
  dir = tempDir()
  const paths: string[] = []
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), content)
    paths.push(join(dir, name))
  }
  const asked: { title: string; format: string }[] = []
  const dialog = { chooseFile: async (input: { title: string; format: 'csv' }) => (asked.push(input), paths.shift() ?? null) }
  const triage = createTriage(openDatabase(':memory:', { nowMs: 1 }).sqlite)
  const clock = createFakeClock()
  triage.saveReply({ name: 'Thanks', text: 'Thank you!' }, clock.now())
  triage.saveReply({ name: 'Hours', text: 'We open at 8.' }, clock.now())
  return { importer: createSavedRepliesImport({ triage, dialog, clock }), triage, asked }
}

const names = (triage: ReturnType<typeof createTriage>): string[] => triage.savedReplies().map((r) => r.name)

describe('importing saved replies', () => {
  it('says what it would add before adding anything, keeps the team’s own replies of the same name, and can be undone', async () => {
    const { importer, triage, asked } = setup({ 'replies.csv': 'Name,Text\r\nthanks,Thank you!\r\nHOURS,We open at 9 now.\r\nWelcome,Welcome {first_name}!\r\nSorry,Sorry about that.\r\n' })
    const preview = await importer.preview()
    expect(asked).toEqual([{ title: 'Import saved replies from CSV', format: 'csv' }])
    expect(preview).toEqual({
      status: 'ready',
      importId: expect.any(String),
      fileName: 'replies.csv',
      add: [
        { name: 'Welcome', text: 'Welcome {first_name}!' },
        { name: 'Sorry', text: 'Sorry about that.' },
      ],
      alreadySaved: ['Thanks'],
      keptYours: ['Hours'],
    })
    expect(names(triage)).toEqual(['Hours', 'Thanks'])
    if (preview.status !== 'ready') throw new Error('not ready')

    expect(importer.confirm(preview.importId).map((r) => r.name)).toEqual(['Welcome', 'Sorry'])
    expect(names(triage)).toEqual(['Hours', 'Sorry', 'Thanks', 'Welcome'])
    expect(triage.savedReplies().find((r) => r.name === 'Hours')?.text).toBe('We open at 8.')
    // Confirmed once: a second click adds nothing.
    expect(() => importer.confirm(preview.importId)).toThrow(AppError)

    expect(importer.undo(preview.importId)).toBe(2)
    expect(names(triage)).toEqual(['Hours', 'Thanks'])
    expect(() => importer.undo(preview.importId)).toThrow(AppError)
  })

  it('adds nothing when one row is bad, and nothing when a name was taken between the preview and the confirmation', async () => {
    const { importer, triage } = setup({ 'bad.csv': 'Name,Text\r\nWelcome,Hi!\r\n,No name\r\n', 'good.csv': 'Name,Text\r\nWelcome,Hi!\r\nSorry,Sorry.\r\n' })
    expect(await importer.preview()).toEqual({ status: 'invalid', fileName: 'bad.csv', problems: [{ line: 3, message: 'Give the saved reply a name.' }] })
    expect(names(triage)).toEqual(['Hours', 'Thanks'])

    const preview = await importer.preview()
    if (preview.status !== 'ready') throw new Error('not ready')
    triage.saveReply({ name: 'sorry', text: 'typed meanwhile' }, 2)
    expect(() => importer.confirm(preview.importId)).toThrow(/“sorry” was added meanwhile; nothing was imported/)
    expect(names(triage)).toEqual(['Hours', 'sorry', 'Thanks'])
  })

  it('refuses a file over the size cap or not in UTF-8 without parsing it, and a cancelled dialog does nothing', async () => {
    const { importer } = setup({ 'huge.csv': `Name,Text\r\n${'a,b\r\n'.repeat(1_100_000)}`, 'latin1.csv': Buffer.from('Name,Text\r\nCaf\xe9,Merci\r\n', 'latin1') })
    expect(await importer.preview()).toEqual({ status: 'invalid', fileName: 'huge.csv', problems: [{ line: null, message: 'The file is 5.2 MB; a saved replies file is at most 4 MB.' }] })
    expect(await importer.preview()).toEqual({ status: 'invalid', fileName: 'latin1.csv', problems: [{ line: null, message: 'The file is not UTF-8 text. In a spreadsheet program, save it as “CSV UTF-8”.' }] })
    expect(await importer.preview()).toEqual({ status: 'cancelled' })
  })
})
