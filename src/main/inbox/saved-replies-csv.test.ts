import { describe, expect, it } from 'vitest'
import { parseSavedRepliesCsv } from './saved-replies-csv'
import { savedRepliesCsv } from './saved-replies-export'

const parse = (text: string, maxRows = 1_000) => parseSavedRepliesCsv(text, maxRows)

describe('reading saved replies from CSV', () => {
  it('reads back what the export wrote: line breaks, quotes, accents, and escaped formulas unescaped', async () => {
    const replies = [
      { id: 1, name: 'Opening hours', text: 'Hi {first_name}, we open at 8:00,\nSundays at 9:00 ☕️' },
      { id: 2, name: '=HYPERLINK("x")', text: 'Merci, "à bientôt" !' },
      { id: 3, name: 'Minus', text: '-10% this week' },
    ]
    expect(await parse(savedRepliesCsv(replies))).toEqual({
      replies: [
        { line: 2, name: 'Opening hours', text: 'Hi {first_name}, we open at 8:00,\nSundays at 9:00 ☕️' },
        // The reply above spans two lines of the file, so this one starts on line 4.
        { line: 4, name: '=HYPERLINK("x")', text: 'Merci, "à bientôt" !' },
        { line: 5, name: 'Minus', text: '-10% this week' },
      ],
      problems: [],
    })
  })

  it('takes a byte order mark, LF line ends, header case and empty rows as a spreadsheet leaves them, and trims cells', async () => {
    expect(await parse('\uFEFFname,TEXT\n\n  Thanks , Thank you!  \n,\n')).toEqual({ replies: [{ line: 3, name: 'Thanks', text: 'Thank you!' }], problems: [] })
  })

  it('names the line of every bad row and imports none of them', async () => {
    const text = ['Name,Text', 'Good,Fine', ',No name', `Long,${'x'.repeat(2_001)}`, 'Three,cells,here', 'good,Same name as line 2', 'Empty,'].join('\r\n')
    expect(await parse(text)).toEqual({
      replies: [],
      problems: [
        { line: 3, message: 'Give the saved reply a name.' },
        { line: 4, message: 'Saved replies are at most 2,000 characters.' },
        { line: 5, message: 'This row has 3 cells; each row holds a name and a reply text.' },
        { line: 6, message: '“good” is named on line 2 already.' },
        { line: 7, message: 'Write the reply first.' },
      ],
    })
  })

  it('refuses a file without the header, with only the header, with too many rows, or with a quote never closed', async () => {
    expect((await parse('Thanks,Thank you\r\n')).problems).toEqual([{ line: 1, message: 'The first row should be the header Name,Text, as Relink exports saved replies.' }])
    expect((await parse('')).problems).toEqual([{ line: 1, message: 'The first row should be the header Name,Text, as Relink exports saved replies.' }])
    expect((await parse('Name,Text\r\n')).problems).toEqual([{ line: null, message: 'The file holds no saved replies, only the header.' }])
    expect((await parse('Name,Text\r\na,1\r\nb,2\r\nc,3\r\n', 2)).problems).toEqual([{ line: null, message: 'The file holds 3 saved replies; import at most 2 at a time.' }])
    expect(await parse('Name,Text\r\nFine,ok\r\nBroken,"never closed\r\n')).toEqual({ replies: [], problems: [{ line: 3, message: 'This is not readable CSV: a quoted cell is never closed.' }] })
  })
})
