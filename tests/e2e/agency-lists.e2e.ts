import type { CommandName } from '../../src/shared/ipc/channels'
import { expect, openApp, test, type Page, type RelinkHarness } from './fixtures'

// More channels and profiles than the pages draw whole, so only the part in view is in the document.
test.use({ demo: false, workspace: { profiles: 60, channels: 200, brands: 4, deliveries: 200, brokenProfiles: 2 } })

const main = (page: Page) => page.getByRole('main')
const scrollPage = (page: Page, to: 'top' | 'end') =>
  main(page).evaluate((el, where) => el.scrollTo(0, where === 'top' ? 0 : el.scrollHeight), to)

/** Records every call of the named commands, in order, and lets each through to the core. */
function recordCalls(relink: RelinkHarness, commands: readonly CommandName[]): CommandName[] {
  const asked: CommandName[] = []
  const handlers = relink.core.handlers as unknown as Record<CommandName, (input: unknown) => unknown>
  for (const name of commands) {
    const real = handlers[name]
    handlers[name] = (input) => {
      asked.push(name)
      return real(input)
    }
  }
  return asked
}

test('Channels at agency scale draws the rows in view, reaches every group by scrolling, and Home and End reach the ends', async ({ page, relink }, testInfo) => {
  const channels = await relink.core.handlers['channels:list'](undefined)
  const brands = await relink.core.handlers['brands:list'](undefined)
  await openApp(page, '#/channels')
  await expect(main(page).locator('.channels-page__meta')).toContainText(`${channels.length} channels`)
  const rows = main(page).locator('.channel-row')
  await expect(rows.first()).toBeVisible()
  // About a dozen rows are in view; a little more than that is drawn, in small blocks, so scrolling
  // brings a few rows at a time rather than a dozen in one frame.
  expect(await rows.count()).toBeLessThan(30)
  // The list's height is known before its blocks are drawn: each block is estimated as tall as it
  // is (rows 57 px, a brand's heading 30 px, its end 25 px, fixed in the stylesheet), so no block
  // is measured and moved as it is drawn.
  const sizes = [...brands.map((b) => channels.filter((c) => c.brandIds.includes(b.id)).length), channels.filter((c) => !c.brandIds.some((id) => brands.some((b) => b.id === id))).length]
  const height = sizes.filter((n) => n > 0).reduce((sum, n) => sum + 30 + n * 57 + 25, 0)
  await expect.poll(() => main(page).locator('.channel-groups').evaluate((el) => el.getBoundingClientRect().height)).toBe(height)
  await page.screenshot({ path: testInfo.outputPath('channels-agency-1280.png') })

  // Scrolling to the end draws the last channel of the last brand, and no more rows than before.
  await scrollPage(page, 'end')
  const lastRow = rows.last()
  await expect(lastRow).toBeVisible()
  await expect(lastRow).toHaveAttribute('aria-posinset', (await lastRow.getAttribute('aria-setsize')) ?? '')
  await expect(lastRow).toContainText(brands.at(-1)?.name.split(' ')[0] ?? '')
  expect(await rows.count()).toBeLessThan(30)

  // Home and End move the focus to the first and last channel of the whole list.
  await scrollPage(page, 'top')
  const first = main(page).locator('.channel-row__open').first()
  await first.focus()
  await first.press('End')
  await expect(lastRow.locator('.channel-row__open')).toBeFocused()
  await expect(lastRow).toHaveAttribute('aria-posinset', (await lastRow.getAttribute('aria-setsize')) ?? '')
  await page.keyboard.press('Home')
  await expect(main(page).locator('.channel-row__open').first()).toBeFocused()
  await expect(rows.first()).toHaveAttribute('aria-posinset', '1')
  await expect(main(page).getByRole('region', { name: new RegExp(`^${brands[0]?.name ?? ''}`) })).toBeVisible()

  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('channels-agency-900.png') })
})

test('Connection health at agency scale draws the cards in view, keeps the focused one while scrolling, and opens a profile’s details', async ({ page, relink }, testInfo) => {
  const profiles = await relink.core.handlers['connections:list-profiles'](undefined)
  await openApp(page, '#/health')
  const cards = main(page).getByRole('list', { name: 'Connections' }).getByRole('listitem')
  await expect(cards.first()).toBeVisible()
  expect(await cards.count()).toBeLessThan(20)
  await expect(cards.first()).toHaveAttribute('aria-setsize', String(profiles.length))
  await page.screenshot({ path: testInfo.outputPath('health-agency-1280.png') })

  // The focused card stays in the document while the page scrolls away from it.
  await cards.first().getByRole('button', { name: /^Details:/ }).focus()
  await scrollPage(page, 'end')
  await expect(cards.last()).toHaveAttribute('aria-posinset', String(profiles.length))
  await expect(main(page).locator('li.profile-card:has(:focus)')).toHaveAttribute('aria-posinset', '1')
  await page.keyboard.press('Enter')
  const drawer = page.getByRole('dialog')
  await expect(drawer).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('health-agency-drawer-1280.png') })
  // Opened without the browser's modal mode (which restyles the whole page), it still keeps Tab
  // and Shift+Tab inside, and Escape closes it and gives the focus back.
  await expect(drawer).toHaveAttribute('aria-modal', 'true')
  const inDrawer = () => drawer.evaluate((d) => d.contains(d.ownerDocument.activeElement))
  await drawer.getByRole('button', { name: 'Close' }).focus()
  await page.keyboard.press('Shift+Tab')
  expect(await inDrawer()).toBe(true)
  for (let i = 0; i < 30; i++) await page.keyboard.press('Tab')
  expect(await inDrawer()).toBe(true)
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await expect(main(page).locator('li.profile-card:has(:focus)')).toHaveAttribute('aria-posinset', '1')

  await page.setViewportSize({ width: 900, height: 600 })
  await scrollPage(page, 'top')
  await page.screenshot({ path: testInfo.outputPath('health-agency-900.png') })
})

test('Connection health reads no channel list or links when nothing is held (they say only who could release held posts)', async ({ page, relink }) => {
  expect(await relink.core.handlers['schedule:list-held'](undefined)).toEqual([])
  const asked = recordCalls(relink, ['channels:list', 'channels:list-links'])
  await openApp(page, '#/health')
  await expect(main(page).getByRole('list', { name: 'Connections' }).getByRole('listitem').first()).toBeVisible()
  await expect(main(page).getByText(/at risk|connections ·/).first()).toBeVisible()
  expect(asked).toEqual([])
})

test('the channel list Settings read is the one Channels shows: opening Channels next does not read it again', async ({ page, relink }) => {
  const reads = recordCalls(relink, ['channels:list'])
  await openApp(page, '#/settings')
  await expect(page.getByRole('region', { name: 'Posting slots' }).getByRole('combobox', { name: 'Channel' })).toBeVisible()
  expect(reads).toHaveLength(1)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Channels' }).click()
  await expect(main(page).locator('.channel-row').first()).toBeVisible()
  expect(reads).toHaveLength(1)
})

test('Settings at agency scale draws a few dozen channels in the posting-slots field, typing finds any of them, and copying slots offers the others as they scroll into view', async ({ page, relink }, testInfo) => {
  const channels = await relink.core.handlers['channels:list'](undefined)
  const last = channels.at(-1)
  if (!last) throw new Error('The agency workspace has channels')
  await openApp(page, '#/settings')
  const slots = page.getByRole('region', { name: 'Posting slots' })
  const picker = slots.getByRole('combobox', { name: 'Channel' })
  await expect(picker).toHaveValue(new RegExp(`^${channels[0]?.name ?? ''} `))
  // Nothing of the list is in the page until the field is opened, and then only a few dozen.
  await expect(slots.locator('option, [role=option]')).toHaveCount(0)
  await picker.click()
  const options = slots.getByRole('option')
  await expect(options).toHaveCount(50)
  await expect(slots.getByText(`${channels.length - 50} more channels: type a name, handle or network to narrow the list.`)).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('settings-slots-agency-1280.png') })
  await picker.fill(last.handle)
  await expect(options.first()).toContainText(last.name)
  await picker.press('Enter')
  await expect(picker).toHaveValue(new RegExp(`^${last.name} `))
  await expect(slots.getByRole('option')).toHaveCount(0)
  await page.setViewportSize({ width: 900, height: 600 })
  await picker.press('ArrowDown')
  await page.screenshot({ path: testInfo.outputPath('settings-slots-agency-900.png') })
  await picker.press('Escape')
  await expect(picker).toHaveValue(new RegExp(`^${last.name} `))

  // Copying the slots offers every other channel, drawn as they scroll into view, and a search.
  await page.setViewportSize({ width: 1280, height: 800 })
  const time = slots.getByLabel('Time', { exact: true })
  await time.fill('09:30')
  await time.press('Enter')
  await expect(slots.getByRole('listitem')).toHaveCount(1)
  await slots.getByRole('button', { name: 'Copy to other channels…' }).click()
  const copy = page.getByRole('dialog', { name: `Copy the posting slots of ${last.name}` })
  const boxes = copy.getByRole('checkbox')
  await expect(boxes.first()).toBeVisible()
  expect(await boxes.count()).toBeLessThan(40)
  await page.screenshot({ path: testInfo.outputPath('settings-copy-agency-1280.png') })
  const target = channels[channels.length - 2]
  if (!target) throw new Error('The agency workspace has two channels')
  await copy.getByRole('searchbox', { name: 'Find a channel' }).fill(target.handle)
  await copy.getByRole('checkbox', { name: new RegExp(`^${target.name} `) }).first().check()
  await copy.getByRole('button', { name: 'Copy slots' }).click()
  await expect(page.getByText(`Copied the posting slots of ${last.name} to 1 channel.`)).toBeVisible()
  const stored = await relink.core.handlers['slots:list'](undefined)
  expect(stored.filter((s) => s.slots.some((slot) => slot.time === '09:30')).length).toBe(2)
})

test('Analytics at agency scale draws no option per channel until the channel field is opened', async ({ page, relink }) => {
  const channels = await relink.core.handlers['channels:list'](undefined)
  await openApp(page, '#/analytics')
  const channel = page.getByRole('combobox', { name: 'Channel', exact: true })
  await expect(channel).toHaveValue('All channels')
  // The brand and network filters' options only; a select of every channel had hundreds.
  expect(await page.getByRole('main').locator('option, [role=option]').count()).toBeLessThan(20)
  await channel.click()
  const options = page.getByRole('listbox', { name: 'Channels' }).getByRole('option')
  await expect(options).toHaveCount(51)
  await expect(options.first()).toHaveText('All channels')
  const last = channels.at(-1)
  if (!last) throw new Error('The agency workspace has channels')
  await channel.fill(last.handle)
  await options.filter({ hasText: new RegExp(`^${last.name} `) }).first().click()
  await expect(channel).toHaveValue(new RegExp(`^${last.name} `))
})

test('the Inbox at agency scale draws no option per channel until its channel filter is opened', async ({ page, relink }) => {
  const channels = await relink.core.handlers['channels:list'](undefined)
  await openApp(page, '#/inbox')
  const channel = page.getByRole('combobox', { name: 'Channel', exact: true })
  await expect(channel).toHaveValue('All channels')
  // The other filters' options only; a select of every channel had hundreds.
  expect(await main(page).locator('select option').count()).toBeLessThan(30)
  await channel.click()
  const options = page.getByRole('listbox', { name: 'Channels' }).getByRole('option')
  await expect(options).toHaveCount(51)
  const last = channels.at(-1)
  if (!last) throw new Error('The agency workspace has channels')
  await channel.fill(last.handle)
  await options.filter({ hasText: new RegExp(`^${last.name} `) }).first().click()
  await expect(channel).toHaveValue(new RegExp(`^${last.name} `))
})

test('the channel list the Schedule read serves the composer and the Inbox: neither reads it again', async ({ page, relink }) => {
  const reads = recordCalls(relink, ['channels:list'])
  await openApp(page, '#/schedule')
  await expect(main(page).locator('.week-view')).toBeVisible()
  await expect.poll(() => reads.length).toBe(1)
  await page.getByRole('button', { name: 'New post', exact: true }).click()
  const composer = page.getByRole('dialog', { name: 'New post' })
  await expect(composer.getByRole('group', { name: 'Channels to publish to' }).getByRole('checkbox').first()).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(composer).toBeHidden()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inbox' }).click()
  await expect(page.getByRole('combobox', { name: 'Channel', exact: true })).toHaveValue('All channels')
  expect(reads).toHaveLength(1)
})
