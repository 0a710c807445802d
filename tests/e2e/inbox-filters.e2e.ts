import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from './fixtures'
import { openInbox } from './harbor-books'

// A fixed locale and zone, so dates read the same on every machine.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

async function seriousProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test('in a small window the filters fold behind a Filters button: opened, set and closed from the keyboard, with what is in use said beside it', async ({ page, relink }, testInfo) => {
  test.slow()
  const list = await openInbox(page, relink)
  const filters = page.getByRole('button', { name: /^Filters/ })
  const brand = page.getByRole('combobox', { name: 'Brand' })
  const needsReply = page.getByRole('checkbox', { name: 'Needs reply' })

  // A wide window has room for the filters in a row of their own: no button.
  await expect(brand).toBeVisible()
  await expect(filters).toHaveCount(0)
  const middle = async (box: Promise<{ y: number; height: number } | null>): Promise<number> => {
    const b = await box
    return b ? Math.round(b.y + b.height / 2) : NaN
  }
  expect(await middle(needsReply.boundingBox())).toBe(await middle(brand.boundingBox()))
  await page.screenshot({ path: testInfo.outputPath('inbox-filters-1280.png') })

  await page.setViewportSize({ width: 900, height: 600 })
  await expect(filters).toBeVisible()
  await expect(brand).toBeHidden()
  await expect(needsReply).toBeVisible()
  await expect(filters).toHaveAttribute('aria-expanded', 'false')
  // Search, state and Sync now on one row, the Filters button and needs reply on the next.
  const toolbar = page.locator('.inbox-toolbar')
  expect((await toolbar.boundingBox())?.height).toBeLessThan(90)

  // Tab reaches it (after Sync now); Enter opens the panel over the list, which stays where it was.
  const listBox = await list.boundingBox()
  await page.getByRole('button', { name: 'Sync now' }).focus()
  await page.keyboard.press('Tab')
  await expect(filters).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(filters).toHaveAttribute('aria-expanded', 'true')
  const panel = page.getByRole('group', { name: 'Filters' })
  await expect(panel).toBeVisible()
  expect(await filters.getAttribute('aria-controls')).toBe(await panel.getAttribute('id'))
  expect(await list.boundingBox()).toEqual(listBox)
  await page.screenshot({ path: testInfo.outputPath('inbox-filters-open-900.png') })

  // Into the panel and a brand picked with the arrow keys: the count and a chip say so.
  await page.keyboard.press('Tab')
  await expect(brand).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(brand).not.toHaveValue('')
  const brandName = (await brand.locator('option:checked').textContent()) ?? ''
  await expect(filters).toContainText('Filters · 1')
  await expect(filters).toHaveAccessibleName(/Filters.*1 in use/)
  // Letters typed in a filter field stay there: J does not open a thread.
  await page.getByRole('combobox', { name: 'Channel', exact: true }).focus()
  await page.keyboard.press('j')
  await expect(page.locator('section.thread')).toHaveCount(0)
  // Esc closes the channel list first, then the panel, and the button has the focus again.
  await page.keyboard.press('Escape')
  await expect(panel).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(panel).toBeHidden()
  await expect(filters).toHaveAttribute('aria-expanded', 'false')
  await expect(filters).toBeFocused()
  const chip = page.getByRole('list', { name: 'Filters in use' }).getByRole('button')
  await expect(chip).toHaveText(`Remove the filter Brand: ${brandName}`)
  await page.screenshot({ path: testInfo.outputPath('inbox-filters-900.png') })

  // Space opens it too; a press outside closes it without moving anything.
  await page.keyboard.press('Space')
  await expect(panel).toBeVisible()
  expect(await seriousProblems(page)).toEqual([])
  await page.emulateMedia({ colorScheme: 'dark' })
  expect(await seriousProblems(page)).toEqual([])
  await page.screenshot({ path: testInfo.outputPath('inbox-filters-open-900-dark.png') })
  await page.emulateMedia({ colorScheme: 'light' })
  await page.getByRole('heading', { name: 'Inbox' }).click()
  await expect(panel).toBeHidden()

  // The shortcuts still work with the button focused; a thread taking the page closes the panel.
  await filters.focus()
  await page.keyboard.press('Enter')
  await expect(panel).toBeVisible()
  await page.keyboard.press('j')
  await expect(page.locator('section.thread')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.locator('section.thread')).toHaveCount(0)
  await expect(page.getByTestId('inbox-list')).toBeVisible()
  await expect(panel).toBeHidden()

  // Removing the chip from the keyboard clears the brand; with no chip left the button has the focus.
  await chip.focus()
  await page.keyboard.press('Enter')
  await expect(chip).toHaveCount(0)
  await expect(filters).toHaveText(/^Filters$/)
  await expect(filters).toBeFocused()

  // A field with the focus keeps it when the window grows and the filters unfold, and again when it shrinks.
  await page.keyboard.press('Enter')
  await page.keyboard.press('Tab')
  await expect(brand).toBeFocused()
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(filters).toHaveCount(0)
  await expect(brand).toBeFocused()
  await page.setViewportSize({ width: 900, height: 600 })
  await expect(panel).toBeVisible()
  await expect(brand).toBeFocused()
  // The button, gone when the filters unfold, hands the focus to the first of them.
  await page.keyboard.press('Escape')
  await expect(filters).toBeFocused()
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(brand).toBeFocused()
})

test('in a small window with folded filters and nothing listed, one Clear filters brings every comment back', async ({ page, relink }, testInfo) => {
  test.slow()
  await openInbox(page, relink)
  await page.setViewportSize({ width: 900, height: 600 })
  const filters = page.getByRole('button', { name: /^Filters/ })
  const chip = page.getByRole('list', { name: 'Filters in use' }).getByRole('button')
  const clear = page.getByRole('button', { name: 'Clear filters' })

  // A brand folded behind the button, said as a chip, with Clear filters beside it.
  await filters.click()
  await page.getByRole('combobox', { name: 'Brand' }).selectOption({ index: 1 })
  await page.keyboard.press('Escape')
  await expect(chip).toHaveCount(1)
  await expect(clear).toHaveCount(1)

  // A search nothing matches: the empty state offers the one Clear filters; the chip still says why.
  await page.getByRole('searchbox', { name: 'Search comments' }).fill('no comment says this')
  await expect(page.getByText('Nothing matches')).toBeVisible()
  await expect(chip).toHaveCount(1)
  await expect(clear).toHaveCount(1)
  await page.screenshot({ path: testInfo.outputPath('inbox-filters-nothing-900.png') })

  // It clears the search as well as the folded filters, so the list comes back.
  await clear.click()
  await expect(page.getByTestId('inbox-list')).toBeVisible()
  await expect(chip).toHaveCount(0)
  await expect(page.getByRole('searchbox', { name: 'Search comments' })).toHaveValue('')
})
