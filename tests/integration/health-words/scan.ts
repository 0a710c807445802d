/**
 * Finds health sentences written straight into renderer code instead of read from the one-voice
 * table (`src/shared/domain/health-voice.ts`): every string literal, template piece and JSX text a
 * person could read is compared with the table's sentences and words, and with the health
 * vocabulary that only the table may use.
 */
import ts from 'typescript'
import { ATTENTION_WORDS, HEALTH_VOICE, MOMENT_VERBS, VOICE_KEYS } from '../../../src/shared/domain/health-voice'

export interface HardCoded {
  file: string
  line: number
  text: string
  why: string
}

/** Words and phrases that name a health state: only the table may say them. */
const VOCABULARY: readonly RegExp[] = [
  /\bexpired tokens?\b/i,
  /\bneeds? (attention|reconnecting)\b/i,
  /\b(all|every) (channels?|connections?) (are |is )?healthy\b/i,
  /\b(access removed|password changed|sign-in ended|role lost|permission missing|data access (lapsed|ended)|action needed on the network)\b/i,
  /\b(renewed automatically|expires soon|expiring soon|does not expire|backup in use|not linked)\b/i,
  /^(healthy|degraded|disconnected|expired|renewing|unfinished|slowed down|unreachable|not linked)([:.]|$)/i,
]

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** Sentences of the table that must never be retyped. */
function tableSentences(): string[] {
  const sentences = new Set<string>()
  for (const key of VOICE_KEYS) {
    const voice = HEALTH_VOICE[key]
    sentences.add(voice.cause)
    if (voice.action.kind !== 'none') sentences.add(voice.action.sentence)
  }
  sentences.add(ATTENTION_WORDS.emptyText)
  return [...sentences].map(normalise)
}

/** Words of the table that must never stand alone as a literal (badges, action labels, moment verbs). */
function tableWords(): Set<string> {
  const words = new Set<string>()
  for (const key of VOICE_KEYS) {
    words.add(HEALTH_VOICE[key].badge.toLowerCase())
    // "Connect a profile" is also the plain command to add one; the fixes themselves are the table's.
    if (HEALTH_VOICE[key].action.kind !== 'connect' && HEALTH_VOICE[key].action.label) words.add(HEALTH_VOICE[key].action.label.toLowerCase())
  }
  for (const verb of Object.values(MOMENT_VERBS)) words.add(verb.toLowerCase())
  for (const word of [ATTENTION_WORDS.title, ATTENTION_WORDS.allClear, ATTENTION_WORDS.emptyTitle]) words.add(word.toLowerCase())
  return words
}

/** Identifiers, class names, event names and state keys: not text a person reads. */
const looksLikeCode = (text: string): boolean => /^[a-z0-9_\-:./@#[\]=]*$/.test(text)

export function findHardCodedHealthWords(file: string, source: string): HardCoded[] {
  const sentences = tableSentences()
  const words = tableWords()
  const found: HardCoded[] = []
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)

  function check(node: ts.Node, raw: string): void {
    const text = normalise(raw)
    if (!text || looksLikeCode(text)) return
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1
    const sentence = sentences.find((s) => text.includes(s))
    if (sentence) return void found.push({ file, line, text, why: `retypes the table's sentence "${sentence}"` })
    if (words.has(text.replace(/[.:]$/, '').toLowerCase())) return void found.push({ file, line, text, why: 'retypes a word of the table' })
    const word = VOCABULARY.find((re) => re.test(text))
    if (word) found.push({ file, line, text, why: `uses health vocabulary (${word.source})` })
  }

  function visit(node: ts.Node): void {
    // Class names and test ids are for code, not people.
    if (ts.isJsxAttribute(node) && ['className', 'data-testid', 'key', 'id'].includes(node.name.getText(sf))) return
    // `import … from '…'` paths and `case 'x':` / `=== 'x'` keys are code.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) check(node, node.text)
    else if (ts.isTemplateExpression(node)) {
      check(node.head, node.head.text)
      for (const span of node.templateSpans) check(span.literal, span.literal.text)
    } else if (ts.isJsxText(node)) check(node, node.getText(sf))
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}
