import type { Locator } from '@playwright/test'
import { expect, openApp, test, type Page } from './fixtures'

// Demo mode: every sandbox account has a picture (a 96 px PNG drawn from its id) but Chloé
// Martin's LinkedIn profile, which shows her initials.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

const main = (page: Page) => page.getByRole('main')
const row = (page: Page, text: string) => main(page).getByRole('listitem').filter({ hasText: text }).first()

/** The picture really loaded: a decoded image, not a broken or blocked one. */
async function expectLoaded(picture: Locator): Promise<void> {
  await expect(picture).toHaveAttribute('src', /^data:image\/png;base64,/)
  await expect(picture).toHaveAttribute('alt', '')
  const decodedWidth = () =>
    picture.evaluate((el) => {
      const img = el as unknown as { complete: boolean; naturalWidth: number }
      return img.complete ? img.naturalWidth : 0
    })
  await expect.poll(decodedWidth).toBe(96)
}

test('Channels, the drawer and the composer show each account’s profile picture, initials where it has none', async ({ page, relink }, testInfo) => {
  const channels = await relink.core.handlers['channels:list'](undefined)
  await openApp(page)

  // Every channel row (a channel in two brands has a row in each) has its picture once main has
  // downloaded them, and the network as a badge.
  const rows = main(page).locator('.channel-row')
  await expect(rows.first()).toBeVisible()
  const chloeRows = await rows.filter({ hasText: 'Chloé Martin' }).count()
  expect(chloeRows).toBeGreaterThan(0)
  const pictures = main(page).locator('.channel-row .channel-avatar__picture')
  await expect(pictures).toHaveCount((await rows.count()) - chloeRows)
  for (const picture of await pictures.all()) await expectLoaded(picture)

  const chloe = row(page, 'Chloé Martin')
  await expect(chloe.locator('.channel-avatar__picture')).toHaveCount(0)
  await expect(chloe.locator('.channel-avatar__initials')).toHaveText('CM')
  await expect(chloe.locator('.channel-avatar .network-mark--linkedin')).toBeVisible()
  // Decoration: the row's name says who it is; the avatar adds nothing for a screen reader.
  await expect(chloe.locator('.channel-avatar')).toHaveAttribute('aria-hidden', 'true')
  await expect(chloe.getByRole('button').first()).toHaveAccessibleName(/^Chloé Martin/)

  await page.screenshot({ path: testInfo.outputPath('channels-pictures-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('channels-pictures-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })

  // The drawer's title carries the picture too.
  const first = channels.find((c) => !c.name.startsWith('Chloé'))
  if (!first) throw new Error('The demo has no channels')
  await row(page, first.name).getByRole('button').first().click()
  const drawer = page.getByRole('dialog', { name: first.name })
  await expectLoaded(drawer.locator('.drawer-title .channel-avatar__picture'))
  await page.keyboard.press('Escape')

  // The composer's channel picker: a picture beside each name, Chloé's initials beside hers.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Schedule' }).click()
  await page.getByRole('button', { name: 'New post', exact: true }).click()
  const composer = page.getByRole('dialog', { name: 'New post' })
  const options = composer.locator('.composer-channel')
  await expect(options).toHaveCount(channels.length)
  await expect(composer.locator('.composer-channel .channel-avatar__picture')).toHaveCount(channels.length - 1)
  await expectLoaded(composer.locator('.composer-channel .channel-avatar__picture').first())
  // One letter at this size: two would run under the network's badge.
  await expect(options.filter({ hasText: 'Chloé Martin' }).locator('.channel-avatar__initials')).toHaveText('C')
  await composer.getByRole('checkbox', { name: 'Chloé Martin' }).check()
  await expect(composer.getByRole('checkbox', { name: 'Chloé Martin' })).toBeChecked()

  await page.screenshot({ path: testInfo.outputPath('composer-pictures-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('composer-pictures-900.png') })
})

test('the calendar stacks the channels’ pictures on a post, and the list shows each delivery’s channel with its picture', async ({ page, relink }, testInfo) => {
  const channels = await relink.core.handlers['channels:list'](undefined)
  // Networks that take a text-only post (Instagram needs an image), one channel each.
  const picked = (['facebook', 'x', 'mastodon'] as const).map((network) => channels.find((c) => c.network === network)).filter((c) => c !== undefined)
  await relink.core.pictures.settle()
  const publishAt = relink.ports.clock.now() + 3 * 60 * 60 * 1000
  const { problems } = await relink.core.handlers['schedule:create-post']({ text: 'Flat white Friday', channelIds: picked.map((c) => c.id), publishAt, timeZone: 'UTC' })
  expect(problems).toEqual([])
  expect(picked).toHaveLength(3)
  await openApp(page, '#/schedule')

  const card = main(page).getByRole('listitem').filter({ hasText: 'Flat white Friday' }).first()
  const stacked = card.locator('.post-card__marks .channel-avatar__picture')
  await expect(stacked).toHaveCount(3)
  await expectLoaded(stacked.first())
  await page.screenshot({ path: testInfo.outputPath('schedule-pictures-1280.png') })

  await page.getByRole('radio', { name: 'List' }).check()
  const delivery = main(page).getByRole('listitem').filter({ hasText: picked[0]?.name ?? '' }).filter({ hasText: 'Flat white Friday' }).first()
  await expectLoaded(delivery.locator('.channel-avatar__picture'))
  await page.screenshot({ path: testInfo.outputPath('schedule-list-pictures-1280.png') })

  // The post's drawer names its channel with the picture, and the other channels it goes to.
  await delivery.getByRole('button').first().click()
  const drawer = page.getByRole('dialog', { name: picked[0]?.name ?? '' })
  await expectLoaded(drawer.locator('.drawer-title .channel-avatar__picture'))
  await expect(drawer.locator('.delivery-siblings .channel-avatar__picture')).toHaveCount(2)
  await page.screenshot({ path: testInfo.outputPath('delivery-drawer-pictures-1280.png') })
})
