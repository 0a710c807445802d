import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from './fixtures'
import { openInbox } from './harbor-books'

// A fixed locale and zone, so dates read the same on every machine.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

/** Where the keyboard is: `body` when focus was lost, else the focused element's tag, id and name. */
function focused(page: Page): Promise<string> {
  return page.locator('body').evaluate((body) => {
    const el = body.ownerDocument.activeElement
    if (!el || el === body) return 'body'
    return [el.tagName.toLowerCase(), el.id, el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40)].join(' ')
  })
}

test('in a small window the keyboard follows a thread that takes the page, and comes back to its row in the list', async ({ page, relink }, testInfo) => {
  test.slow()
  const list = await openInbox(page, relink)
  const thread = page.locator('section.thread')
  const title = page.locator('#thread-title')
  const activeRow = page.locator('[data-testid="inbox-row"][aria-selected="true"]')

  // A wide window: the thread opens beside the list and the keyboard stays where it was.
  const openTab = page.getByRole('group', { name: 'State' }).getByRole('button', { name: 'Open', exact: true })
  await openTab.focus()
  await page.keyboard.press('j')
  await expect(thread).toBeVisible()
  await expect(openTab).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(thread).toHaveCount(0)
  await expect(openTab).toBeFocused()

  await page.setViewportSize({ width: 900, height: 600 })
  // From a state tab, which the thread covers: the keyboard goes to the thread's heading, named by it.
  await openTab.focus()
  await page.keyboard.press('j')
  await expect(page.getByRole('button', { name: /All comments/ })).toBeVisible()
  await expect.poll(() => focused(page)).toMatch(/^h2 thread-title /)
  await expect(title).toHaveAccessibleName(/ on /)
  expect(await thread.evaluate((t) => t.contains(t.ownerDocument.activeElement))).toBe(true)
  await page.screenshot({ path: testInfo.outputPath('inbox-focus-thread-900.png') })
  expect(await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze().then((r) => r.violations.map((v) => v.id))).toEqual([])

  // J and K move to the next thread, and the keyboard goes with them.
  const first = (await title.textContent()) ?? ''
  await page.keyboard.press('j')
  await expect(title).not.toHaveText(first)
  await expect(title).toBeFocused()
  await page.keyboard.press('k')
  await expect(title).toHaveText(first)
  await expect(title).toBeFocused()

  // Esc: back on that thread's row in the list.
  const row = await activeRow.getAttribute('id')
  await page.keyboard.press('Escape')
  await expect(thread).toHaveCount(0)
  await expect(list).toBeFocused()
  await expect(list).toHaveAttribute('aria-activedescendant', row ?? '')
  await expect(page.locator(`#${row}`)).toHaveAttribute('aria-selected', 'true')
  await page.screenshot({ path: testInfo.outputPath('inbox-focus-back-900.png') })

  // From Sync now and back with the All comments button, from the keyboard.
  await page.getByRole('button', { name: 'Sync now' }).focus()
  await page.keyboard.press('j')
  await expect(title).toBeFocused()
  const next = await activeRow.getAttribute('id')
  expect(next).not.toBe(row)
  await page.keyboard.press('Shift+Tab')
  await expect(page.getByRole('button', { name: /All comments/ })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(thread).toHaveCount(0)
  await expect(list).toBeFocused()
  await expect(list).toHaveAttribute('aria-activedescendant', next ?? '')

  // From the Filters button, with K; R from there puts the keyboard in the reply box, not on the heading.
  await page.getByRole('button', { name: /^Filters/ }).focus()
  await page.keyboard.press('k')
  await expect(title).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(list).toBeFocused()
  await page.getByRole('button', { name: /^Filters/ }).focus()
  await page.keyboard.press('r')
  await expect(page.getByRole('textbox', { name: /Reply as/ })).toBeFocused()
  // The first Esc leaves the field, the second goes back.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect(thread).toHaveCount(0)
  await expect(list).toBeFocused()
  expect(await focused(page)).not.toBe('body')

  // A window made small with a thread open beside the list: the keyboard goes into the thread, and
  // stays there when the window is wide again, the thread being still on screen.
  await page.setViewportSize({ width: 1280, height: 800 })
  await list.focus()
  await page.keyboard.press('j')
  await expect(thread).toBeVisible()
  await expect(list).toBeFocused()
  await page.setViewportSize({ width: 900, height: 600 })
  await expect(title).toBeFocused()
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(thread).toBeVisible()
  await expect(title).toBeFocused()
})

test('in a wide window the keyboard in a thread goes to the next thread’s heading when J or K replaces it, and stays in the list when it was there', async ({ page, relink }, testInfo) => {
  test.slow()
  const list = await openInbox(page, relink)
  const thread = page.locator('section.thread')
  const title = page.locator('#thread-title')

  // From the list: the thread opens beside it and the list keeps the keyboard.
  await list.focus()
  await page.keyboard.press('j')
  await expect(thread).toBeVisible()
  await expect(list).toBeFocused()
  const first = (await title.textContent()) ?? ''

  // On one of the thread's buttons: J replaces the thread, and the keyboard goes to the new one's heading.
  await thread.getByRole('button', { name: /Mark done/ }).focus()
  await page.keyboard.press('j')
  await expect(title).not.toHaveText(first)
  await expect.poll(() => focused(page)).toMatch(/^h2 thread-title /)
  const second = (await title.textContent()) ?? ''
  await page.screenshot({ path: testInfo.outputPath('inbox-focus-next-1280.png') })

  // Tabbed on into the thread: K goes back, and so does the keyboard.
  await page.keyboard.press('Tab')
  expect(await thread.evaluate((t) => t.contains(t.ownerDocument.activeElement) && t.ownerDocument.activeElement?.id !== 'thread-title')).toBe(true)
  await page.keyboard.press('k')
  await expect(title).toHaveText(first)
  await expect.poll(() => focused(page)).toMatch(/^h2 thread-title /)

  // R from the thread puts it in the reply box, not on the heading; Esc leaves the box.
  await page.keyboard.press('r')
  await expect(page.getByRole('textbox', { name: /Reply as/ })).toBeFocused()
  await page.keyboard.press('Escape')

  // Back in the list, J leaves it there.
  await list.focus()
  await page.keyboard.press('j')
  await expect(title).toHaveText(second)
  await expect(list).toBeFocused()
})
