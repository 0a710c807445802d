import type { InboxItem } from '../../../../shared/domain/inbox'
import type { InboxRow } from './inbox-rows'
import { rowTags } from './row-tags'

/** Until a row of a shape has been drawn and measured. */
const GUESS = { item: 88, gap: 64 }

/** Text of this kind, in these proportions, has about the average width per character. */
const SAMPLE = 'Thanks for the quick reply! When does the new blend arrive in stores, and will it come in 250 g bags?'
/** Wide or unusual characters (CJK, emoji, accents) are measured, not guessed. */
const NOT_PLAIN = /[^\x20-\x7e]/

/** The text box of a drawn row: how wide its lines are and in which font. */
export interface TextBox {
  width: number
  font: string
}

export interface RowSizes {
  /** How tall `row` will be when drawn: the size most often measured for rows of its shape. */
  estimate(row: InboxRow): number
  /** A drawn row measured `size` tall, its text set in `text` (absent for a gap). */
  learn(row: InboxRow, size: number, text: TextBox | undefined): void
}

/** The words a row's text line shows, as it draws them (InboxList's ItemRow). */
export function rowText(item: InboxItem): string {
  const body = item.highlight ? item.highlight.map((p) => p.text).join('') : item.text
  return `${item.deletedAt !== null ? 'Deleted on the network. ' : ''}${item.hidden ? 'Hidden. ' : ''}${body}`
}

/**
 * The list's row sizes, learned from the rows drawn so far. A row's height depends on its shape:
 * one line of text or two (the text is cut after two), and whether it has tags. Rows of one shape
 * measure the same, so once one of each has been drawn, every row after it is estimated exactly
 * and the virtualiser has nothing to correct: measuring a row that differs from its estimate moves
 * the rows below it and draws the list again, which cost every frame of a scroll through new rows
 * a second render and a second layout. Whether the text takes one line is told by the width of the
 * words in the row's font (`measure`, a canvas in the window); a row that still comes out another
 * size (tags that wrap) is measured and placed as before.
 */
export function createRowSizes(measure: (text: string, font: string) => number): RowSizes {
  let box: TextBox | undefined
  const shapes = new WeakMap<InboxItem, { box: TextBox; shape: string }>()
  const sizes = new Map<string, Map<number, number>>()
  const typical = new Map<string, number>()

  // The width of an average character in each font, from a sample of text.
  const perChar = new Map<string, number>()
  function linesOf(words: string, text: TextBox): number {
    if (words === '') return 0
    // Plain text far shorter or longer than the line is told by its length alone; measuring each
    // row's words took a few milliseconds for a first page of 150 on a busy machine.
    if (!NOT_PLAIN.test(words)) {
      const average = perChar.get(text.font) ?? measure(SAMPLE, text.font) / SAMPLE.length
      perChar.set(text.font, average)
      const guess = words.length * average
      if (guess < 0.7 * text.width) return 1
      if (guess > 1.4 * text.width) return 2
    }
    return measure(words, text.font) <= text.width ? 1 : 2
  }

  function shapeOf(row: InboxRow, text: TextBox | undefined): string | undefined {
    if (row.kind === 'gap') return 'gap'
    if (!text) return undefined
    const known = shapes.get(row.item)
    if (known && known.box.width === text.width && known.box.font === text.font) return known.shape
    const shape = `${linesOf(rowText(row.item), text)}${rowTags(row.item).length > 0 ? '+tags' : ''}`
    shapes.set(row.item, { box: text, shape })
    return shape
  }

  return {
    estimate(row) {
      const shape = shapeOf(row, box)
      return (shape !== undefined ? typical.get(shape) : undefined) ?? GUESS[row.kind]
    },
    learn(row, size, text) {
      if (text && (text.width !== box?.width || text.font !== box.font)) box = text
      const shape = shapeOf(row, text ?? box)
      if (shape === undefined || size <= 0) return
      const seen = sizes.get(shape) ?? new Map<number, number>()
      sizes.set(shape, seen.set(size, (seen.get(size) ?? 0) + 1))
      const best = typical.get(shape)
      if (best === undefined || (seen.get(size) ?? 0) > (seen.get(best) ?? 0)) typical.set(shape, size)
    },
  }
}

/** Text widths in the window, from one canvas. */
export function canvasMeasure(): (text: string, font: string) => number {
  let context: CanvasRenderingContext2D | null | undefined
  let set = ''
  return (text, font) => {
    context ??= document.createElement('canvas').getContext('2d')
    if (!context) return Number.POSITIVE_INFINITY
    if (set !== font) context.font = set = font
    return context.measureText(text).width
  }
}
