/**
 * The pages the window benchmark visits: how to reach each page's starting point, the navigation
 * it measures and what says the page is there, and the page-side script that times it.
 */
import type { Locator, Page } from '@playwright/test'

export interface PageStep {
  name: string
  /** Brings the window to the page's starting point and marks what `go` clicks (not measured). */
  before?: (page: Page) => Promise<void>
  /** Page-side statement that starts the navigation: the clock starts just before it, in the page. */
  go: string
  /** Shown when the page is there: an element matching `css` (with exactly `text`, if given). */
  ready: { css: string; text?: string }
}

const heading = (text: string): PageStep['ready'] => ({ css: 'header h1', text })

const hash = (id: string): string => `window.location.hash = '/${id}'`
const toHash = (id: string) => async (page: Page) => {
  await page.evaluate(hash(id))
  await page.waitForFunction('window.__pending === 0')
  await page.waitForTimeout(300)
}
/**
 * Marks the element `go` clicks before the measurement; `go` clicks it by a plain DOM click in the
 * page. Playwright's role query reads the accessible name of every element on the page (300-400
 * ms behind the Schedule week on this machine) and its click waits on round trips: the bench's
 * time, not the window's.
 */
const mark = async (target: Locator): Promise<void> => {
  await target.page().evaluate(`for (const old of document.querySelectorAll('[data-bench-go]')) old.removeAttribute('data-bench-go')`)
  await target.evaluate((el) => el.setAttribute('data-bench-go', ''))
}
const CLICK_MARKED = `document.querySelector('[data-bench-go]').click()`
/** On the Schedule in the given view, then (optionally) somewhere else. */
const scheduleIn = (label: string, then?: string) => async (page: Page) => {
  await toHash('schedule')(page)
  await page.getByRole('radio', { name: label }).check({ noWaitAfter: true })
  await page.waitForFunction('window.__pending === 0')
  await page.waitForTimeout(300)
  if (then) await toHash(then)(page)
}
const weekThenView = (label: string) => async (page: Page) => {
  await scheduleIn('Week')(page)
  await mark(page.getByRole('radio', { name: label }))
}

export const STEPS: PageStep[] = [
  { name: 'Channels', before: toHash('settings'), go: hash('channels'), ready: heading('Channels') },
  { name: 'Connection health', before: toHash('settings'), go: hash('health'), ready: heading('Connection health') },
  { name: 'Schedule week', before: scheduleIn('Week', 'settings'), go: hash('schedule'), ready: heading('Schedule') },
  { name: 'Schedule month', before: weekThenView('Month'), go: CLICK_MARKED, ready: { css: '.month-grid' } },
  // The list, or the note that says its month has nothing (the demo's month may be empty).
  { name: 'Schedule list', before: weekThenView('List'), go: CLICK_MARKED, ready: { css: '.schedule-list, .schedule-empty' } },
  {
    name: 'Profile drawer',
    before: async (page) => {
      await toHash('health')(page)
      await mark(page.getByRole('button', { name: /^Details:/ }).first())
    },
    go: CLICK_MARKED,
    ready: { css: 'dialog[open]' },
  },
  {
    name: 'Composer',
    before: async (page) => {
      await scheduleIn('Week')(page)
      await mark(page.getByRole('button', { name: 'New post' }).first())
    },
    go: CLICK_MARKED,
    ready: { css: 'dialog[open]' },
  },
  // The comments drawn, or the note that says there are none: the heading shows before the list
  // is read, and the list's answer can be in while its rows are not drawn yet.
  { name: 'Inbox', before: toHash('settings'), go: hash('inbox'), ready: { css: '.inbox-list [data-testid="inbox-row"], .inbox-panes__list .empty-state' } },
  { name: 'Analytics', before: toHash('settings'), go: hash('analytics'), ready: heading('Analytics') },
  { name: 'Settings', before: toHash('channels'), go: hash('settings'), ready: heading('Settings') },
  {
    name: 'Attention dropdown',
    before: async (page) => {
      await toHash('settings')(page)
      await mark(page.getByRole('banner').getByRole('button').filter({ has: page.getByRole('status') }).first())
    },
    go: CLICK_MARKED,
    ready: { css: '.attention-popover' },
  },
]

/**
 * Page-side script: starts the clock, starts the navigation, and resolves with the clock and the
 * time of the second animation frame in a row in which the page's ready element is there and no
 * command is in flight (the first such frame may come before React has drawn the last answer).
 * Watched from inside the page, so no Playwright round trip or polling interval is counted.
 */
export const navigate = (step: PageStep): string => `new Promise((resolve, reject) => {
  const ready = () => Array.from(document.querySelectorAll(${JSON.stringify(step.ready.css)}))
    .some((el) => ${step.ready.text === undefined ? 'true' : `el.textContent.trim() === ${JSON.stringify(step.ready.text)}`})
  const t0 = performance.now()
  ${step.go}
  let quiet = 0
  const tick = () => {
    quiet = ready() && window.__pending === 0 ? quiet + 1 : 0
    if (quiet >= 2) resolve({ t0, tReady: performance.now() })
    else if (performance.now() - t0 > 180000) reject(new Error('not ready after 180 s'))
    else requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})`
