import { MAIN_ID } from '../app/use-page-focus'

/** Dialogs open that cover the page; it is drawn again when the last one closes. */
let covering = 0

/**
 * Takes the page out of drawing while a dialog covers it (the composer over the Schedule week):
 * `content-visibility: hidden` on <main>, set on that element alone, so nothing in the page is
 * restyled. Chromium then neither lays out, paints nor layerizes the page's thousands of elements
 * on the dialog's frames; it keeps their layout and the page's scroll position, and draws the
 * page again as it was once `uncover` runs. Hidden content cannot hold focus or be read out
 * either, as with a native modal. Anything shown over the dialog must therefore live outside
 * <main> (a portal), or it is hidden too. Answers `uncover`.
 */
export function coverPage(): () => void {
  const page = document.getElementById(MAIN_ID)
  if (!page) return () => undefined
  covering += 1
  page.style.contentVisibility = 'hidden'
  return () => {
    covering -= 1
    if (covering === 0) page.style.removeProperty('content-visibility')
  }
}
