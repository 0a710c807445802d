import { parseString } from '@fast-csv/parse'
import { savedReplyName, savedReplyText, type ImportProblem } from '../../shared/domain/saved-replies'

export interface ParsedReply {
  line: number
  name: string
  text: string
}

/** What `csv-stringify`'s `escape_formulas` puts a quote before; the export wrote it, the import takes it off. */
const ESCAPED_FORMULA = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/
const unescapeFormula = (cell: string): string => (ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell)

/** Rows as the parser reads them, each with the file line it starts on (a quoted line break makes a row span lines). */
async function readRows(text: string): Promise<{ rows: { line: number; cells: string[] }[]; broken: ImportProblem | null }> {
  const rows: { line: number; cells: string[] }[] = []
  let line = 1
  return new Promise((resolve) => {
    parseString<string[], string[]>(text, { headers: false, ignoreEmpty: false })
      .on('data', (cells: string[]) => {
        rows.push({ line, cells })
        line += 1 + cells.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0)
      })
      .on('error', (err: Error) => {
        const reason = /missing closing: '"'/.test(err.message) ? 'a quoted cell is never closed' : 'a quoted cell has text after its closing quote'
        resolve({ rows, broken: { line, message: `This is not readable CSV: ${reason}.` } })
      })
      .on('end', () => resolve({ rows, broken: null }))
  })
}

/**
 * Reads saved replies from CSV the way the export writes it: a `Name,Text` header, then one reply
 * a row. Every row is checked; any problem anywhere means no replies, so a file is imported whole
 * or not at all. Empty rows are skipped; a name twice in the file is a problem (which one counts?).
 */
export async function parseSavedRepliesCsv(text: string, maxRows: number): Promise<{ replies: ParsedReply[]; problems: ImportProblem[] }> {
  const { rows, broken } = await readRows(text)
  const filled = rows.filter((r) => r.cells.some((c) => c.trim() !== ''))
  const [header, ...body] = filled
  const problems: ImportProblem[] = []
  if (!header || header.cells.length !== 2 || header.cells[0]?.trim().toLowerCase() !== 'name' || header.cells[1]?.trim().toLowerCase() !== 'text') {
    problems.push({ line: header?.line ?? 1, message: 'The first row should be the header Name,Text, as Relink exports saved replies.' })
  }
  if (broken) problems.push(broken)
  if (problems.length > 0) return { replies: [], problems }
  if (body.length === 0) return { replies: [], problems: [{ line: null, message: 'The file holds no saved replies, only the header.' }] }
  if (body.length > maxRows) return { replies: [], problems: [{ line: null, message: `The file holds ${body.length.toLocaleString('en')} saved replies; import at most ${maxRows.toLocaleString('en')} at a time.` }] }

  const replies: ParsedReply[] = []
  const seen = new Map<string, number>()
  for (const { line, cells } of body) {
    if (cells.length !== 2) {
      problems.push({ line, message: `This row has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}; each row holds a name and a reply text.` })
      continue
    }
    const name = savedReplyName.safeParse(unescapeFormula(cells[0] ?? ''))
    const reply = savedReplyText.safeParse(unescapeFormula(cells[1] ?? ''))
    const issues = [...(name.error?.issues ?? []), ...(reply.error?.issues ?? [])].map((i) => i.message)
    if (!name.success || !reply.success) {
      problems.push({ line, message: issues.join(' ') })
      continue
    }
    const key = name.data.toLocaleLowerCase('en')
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      problems.push({ line, message: `“${name.data}” is named on line ${earlier} already.` })
      continue
    }
    seen.set(key, line)
    replies.push({ line, name: name.data, text: reply.data })
  }
  return problems.length > 0 ? { replies: [], problems } : { replies, problems }
}
