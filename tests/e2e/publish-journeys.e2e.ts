import type { ChannelSummary } from '../../src/shared/domain/entities'
import { expect, openApp, test, type Page, type RelinkHarness } from './fixtures'
import { sandboxUser, signInThroughBrowser } from './sandbox-sign-in'
import { writePng } from '../fakes/png'
import { tempDir } from '../fakes/ports'

// The demo starts on Monday 5 January 2026, 09:00 UTC; a fixed locale and zone keep dates stable.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

const main = (page: Page) => page.getByRole('main')
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' })
const item = (page: Page, text: string) => main(page).getByRole('listitem').filter({ hasText: text })
const needsYou = (page: Page) => main(page).getByRole('region', { name: /^Needs you/ })
const HOUR = 3_600_000
const sandboxControls = (page: Page) => page.getByRole('region', { name: 'Sandbox controls' })

async function channel(relink: RelinkHarness, network: string, name: string): Promise<ChannelSummary> {
  const found = (await relink.core.handlers['channels:list'](undefined)).find((c) => c.network === network && c.name === name)
  if (!found) throw new Error(`No ${network} channel ${name} in the demo workspace`)
  return found
}

/** Sandbox posts carrying this text: what really reached the networks. */
function onNetwork(relink: RelinkHarness, text: string) {
  return [...(relink.sandbox?.world.posts.values() ?? [])].filter((p) => p.text.includes(text))
}

/** The sandbox clock (Relink's too, in the demo) moves on; the scheduler's wake-up fires on the way. */
async function passTime(relink: RelinkHarness, ms: number): Promise<void> {
  relink.ports.clock.advance(ms)
  await relink.core.scheduler.whenIdle()
}

test('compose one post to two channels, let the sandbox clock pass its time: both are published once, with links', async ({ page, relink }) => {
  const x = await channel(relink, 'x', 'Relink Coffee')
  const mastodon = (await relink.core.handlers['channels:list'](undefined)).find((c) => c.network === 'mastodon')
  if (!mastodon) throw new Error('No Mastodon channel')

  await openApp(page, '#/schedule')
  await page.getByRole('button', { name: 'New post', exact: true }).click()
  const composer = page.getByRole('dialog', { name: 'New post' })
  await composer.getByLabel('Post text').fill('Spring blend lands on Friday')
  await composer.getByLabel(/^Link/).fill('https://relink.example/spring')
  await composer.getByRole('group', { name: 'X', exact: true }).getByRole('checkbox', { name: x.name, exact: true }).check()
  await composer.getByRole('group', { name: 'Mastodon', exact: true }).getByRole('checkbox', { name: mastodon.name, exact: true }).check()
  // The suggested time: the next quarter hour an hour from now (10:00 on the demo's Monday).
  await expect(composer.getByLabel('Time', { exact: true })).toHaveValue('10:00')
  await composer.getByRole('button', { name: 'Schedule', exact: true }).click()
  await expect(composer).toBeHidden()

  // One card for the post, with both channels' states in its description.
  const card = item(page, 'Spring blend lands on Friday')
  await expect(card).toHaveCount(1)
  await expect(card).toContainText(`${mastodon.name}: Scheduled`)
  await expect(card).toContainText(`${x.name}: Scheduled`)
  expect(onNetwork(relink, 'Spring blend lands on Friday')).toHaveLength(0)

  await passTime(relink, HOUR)
  await expect(card).toContainText(`${mastodon.name}: Published`)
  await expect(card).toContainText(`${x.name}: Published`)
  const published = onNetwork(relink, 'Spring blend lands on Friday')
  expect(published).toHaveLength(2)
  // The list shows each channel's delivery with the link the network gave for it.
  await page.getByRole('radio', { name: 'List' }).check()
  const entries = item(page, 'Spring blend lands on Friday')
  await expect(entries).toHaveCount(2)
  const deliveries = await relink.core.handlers['schedule:list-deliveries']({ from: relink.ports.clock.now() - 2 * 86_400_000, to: relink.ports.clock.now() + HOUR })
  const mine = deliveries.filter((d) => d.preview.startsWith('Spring blend'))
  expect(mine.map((d) => d.state)).toEqual(['published', 'published'])
  for (const d of mine) {
    const entry = entries.filter({ hasText: d.channelName })
    await expect(entry).toContainText('Published')
    await expect(entry.getByRole('link', { name: 'View post' })).toHaveAttribute('href', d.url ?? '')
  }
})

test('a text too long for X is customised on X’s tab: X publishes the short text, Mastodon the full one', async ({ page, relink }, testInfo) => {
  const x = await channel(relink, 'x', 'Relink Coffee')
  const mastodon = (await relink.core.handlers['channels:list'](undefined)).find((c) => c.network === 'mastodon')
  if (!mastodon) throw new Error('No Mastodon channel')
  const long = `Our spring menu is here: ${'oat flat whites, cardamom buns and a new single origin from Huila. '.repeat(4)}See you soon.`
  const short = 'Spring menu is here: oat flat whites and cardamom buns.'

  await openApp(page, '#/schedule')
  await page.getByRole('button', { name: 'New post', exact: true }).click()
  const composer = page.getByRole('dialog', { name: 'New post' })
  await composer.getByLabel('Post text').fill(long)
  await composer.getByRole('group', { name: 'X', exact: true }).getByRole('checkbox', { name: x.name, exact: true }).check()
  await composer.getByRole('group', { name: 'Mastodon', exact: true }).getByRole('checkbox', { name: mastodon.name, exact: true }).check()
  // Too long for X only: its tab is marked, and Schedule waits.
  const tabs = composer.getByRole('tablist', { name: 'Text for' })
  await expect(tabs.getByRole('tab', { name: /^X.*needs changes/ })).toBeVisible()
  await expect(composer.getByRole('button', { name: 'Schedule', exact: true })).toBeDisabled()

  await tabs.getByRole('tab', { name: /^X/ }).click()
  await expect(composer.getByText('X publishes the shared text.')).toBeVisible()
  await composer.getByRole('button', { name: 'Customise for X' }).click()
  const forX = composer.getByLabel('Text for X')
  await expect(forX).toBeFocused()
  await expect(forX).toHaveValue(long)
  await forX.fill(short)
  await expect(tabs.getByRole('tab', { name: /^X/ })).toContainText('own text')
  await expect(tabs.getByRole('tab', { name: /^X.*needs changes/ })).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('composer-network-text-1280.png') })
  await composer.getByRole('button', { name: 'Schedule', exact: true }).click()
  await expect(composer).toBeHidden()

  const card = item(page, 'Our spring menu is here')
  const stored = (await relink.core.handlers['schedule:list-deliveries']({ from: relink.ports.clock.now(), to: relink.ports.clock.now() + 3 * HOUR })).find((d) =>
    d.preview.startsWith('Our spring menu'),
  )
  const post = await relink.core.handlers['schedule:get-post']({ postId: stored?.postId ?? '' })
  expect(post.networkTexts).toEqual({ x: short })
  expect(post.text).toBe(long)

  await passTime(relink, HOUR)
  await expect(card).toContainText(`${x.name}: Published`)
  await expect(card).toContainText(`${mastodon.name}: Published`)
  const published = [...(relink.sandbox?.world.posts.values() ?? [])]
  expect(published.filter((p) => p.text.includes(short))).toHaveLength(1)
  expect(published.filter((p) => p.text.includes('single origin from Huila'))).toHaveLength(1)
})

test('PNG converted for Instagram: a PNG picked for Instagram and Mastodon reaches Instagram as a JPEG and Mastodon as the PNG', async ({ page, relink }, testInfo) => {
  const instagram = await channel(relink, 'instagram', 'Northwind Coffee')
  const mastodon = (await relink.core.handlers['channels:list'](undefined)).find((c) => c.network === 'mastodon')
  if (!mastodon) throw new Error('No Mastodon channel')
  const file = writePng(tempDir('relink-png-'), 'latte-art.png', 1080, 1080)
  relink.ports.pickedFiles.push(file)

  await openApp(page, '#/schedule')
  await page.getByRole('button', { name: 'New post', exact: true }).click()
  const composer = page.getByRole('dialog', { name: 'New post' })
  await composer.getByLabel('Post text').fill('Latte art Friday')
  await composer.getByRole('group', { name: 'Instagram', exact: true }).getByRole('checkbox', { name: instagram.name, exact: true }).check()
  await composer.getByRole('group', { name: 'Mastodon', exact: true }).getByRole('checkbox', { name: mastodon.name, exact: true }).check()
  await composer.getByRole('button', { name: 'Add image' }).click()
  await expect(composer.getByRole('img', { name: 'Preview of latte-art.png' })).toBeVisible()
  await composer.getByRole('textbox', { name: 'Alt text' }).fill('A rosetta in a latte')
  await expect(composer.getByTestId('image-conversion')).toHaveText('Instagram takes JPEG only: this PNG is sent to Instagram as a JPEG.')
  await expect(composer.getByRole('button', { name: 'Schedule', exact: true })).toBeEnabled()
  await page.screenshot({ path: testInfo.outputPath('composer-png-instagram-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('composer-png-instagram-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })
  await composer.getByRole('button', { name: 'Schedule', exact: true }).click()
  await expect(composer).toBeHidden()

  const card = item(page, 'Latte art Friday')
  await passTime(relink, HOUR)
  await expect(card).toContainText(`${instagram.name}: Published`)
  await expect(card).toContainText(`${mastodon.name}: Published`)
  const [onInstagram] = onNetwork(relink, 'Latte art Friday').filter((p) => p.network === 'facebook')
  const [onMastodon] = onNetwork(relink, 'Latte art Friday').filter((p) => p.network === 'mastodon')
  // What each network serves is what it was sent: a JPEG on Instagram, the PNG on Mastodon.
  expect(onInstagram?.imageUrl).toMatch(/\.jpg$/)
  expect(onMastodon?.imageUrl).toBeTruthy()
  const stored = await relink.core.handlers['schedule:list-deliveries']({ from: relink.ports.clock.now() - 2 * 86_400_000, to: relink.ports.clock.now() + HOUR })
  const post = await relink.core.handlers['schedule:get-post']({ postId: stored.find((d) => d.preview.includes('Latte art'))?.postId ?? '' })
  expect(post.image).toMatchObject({ mimeType: 'image/png', width: 1080, height: 1080, altText: 'A rosetta in a latte' })
})

test('a first comment for Instagram and LinkedIn is posted under each post once, right after it', async ({ page, relink }, testInfo) => {
  const instagram = await channel(relink, 'instagram', 'Northwind Coffee')
  const linkedin = await channel(relink, 'linkedin', 'Ava Lindqvist')
  const x = await channel(relink, 'x', 'Relink Coffee')
  const file = writePng(tempDir('relink-comment-'), 'roast.png', 1080, 1080)
  relink.ports.pickedFiles.push(file)

  await openApp(page, '#/schedule')
  await page.getByRole('button', { name: 'New post', exact: true }).click()
  const composer = page.getByRole('dialog', { name: 'New post' })
  await composer.getByLabel('Post text').fill('The autumn roast is in')
  await composer.getByRole('group', { name: 'X', exact: true }).getByRole('checkbox', { name: x.name, exact: true }).check()
  // Only networks that take a first comment offer the field.
  await expect(composer.getByLabel('First comment')).toHaveCount(0)
  await composer.getByRole('group', { name: 'Instagram', exact: true }).getByRole('checkbox', { name: instagram.name, exact: true }).check()
  await composer.getByRole('group', { name: 'LinkedIn', exact: true }).getByRole('checkbox', { name: linkedin.name, exact: true }).check()
  await composer.getByRole('button', { name: 'Add image' }).click()
  await expect(composer.getByRole('img', { name: 'Preview of roast.png' })).toBeVisible()
  await composer.getByLabel('First comment').fill('#coffee #autumnroast')
  await expect(composer.getByText('Instagram and LinkedIn get it as the channel’s own comment under the post', { exact: false })).toBeVisible()
  await expect(composer.getByText('Instagram 20 of 2,200 · LinkedIn 20 of 1,250', { exact: true })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('composer-first-comment-1280.png') })
  await composer.getByRole('button', { name: 'Schedule', exact: true }).click()
  await expect(composer).toBeHidden()

  const comments = () => [...(relink.sandbox?.world.comments.values() ?? [])].filter((c) => c.text === '#coffee #autumnroast')
  expect(comments()).toHaveLength(0)
  const card = item(page, 'The autumn roast is in')
  await passTime(relink, HOUR)
  await expect(card).toContainText(`${instagram.name}: Published`)
  await expect(card).toContainText(`${linkedin.name}: Published`)
  await expect(card).toContainText(`${x.name}: Published`)
  // One comment under the Instagram post and one under the LinkedIn post; none on X.
  const posts = onNetwork(relink, 'The autumn roast is in')
  expect(comments().map((c) => posts.find((p) => p.id === c.postId)?.network).sort()).toEqual(['facebook', 'linkedin'])
  await passTime(relink, HOUR)
  expect(comments()).toHaveLength(2)

  // The delivery says where its first comment is.
  await page.getByRole('radio', { name: 'List' }).check()
  await item(page, 'The autumn roast is in').filter({ hasText: instagram.name }).getByRole('button').first().click()
  await expect(page.getByRole('dialog').getByText('First comment: posted under the post.')).toBeVisible()
})

test('a revoked token holds the next post and flags it; Refresh connection, release, and it is published exactly once', async ({ page, context, relink }) => {
  const ava = sandboxUser(relink, 'ava-lindqvist')
  const linkedin = await channel(relink, 'linkedin', 'Ava Lindqvist')
  const now = relink.ports.clock.now()
  await relink.core.handlers['schedule:create-post']({ text: 'Join our roastery crew this spring', channelIds: [linkedin.id], publishAt: now + 2 * HOUR, timeZone: 'UTC' })

  // The person revokes Relink on LinkedIn (the sandbox's "Remove app" for Ava).
  await openApp(page, '#/settings')
  await sandboxControls(page).getByRole('combobox', { name: 'Network' }).selectOption({ label: 'LinkedIn' })
  await sandboxControls(page).getByRole('combobox', { name: 'User' }).selectOption({ label: `${ava.name} (${ava.handle})` })
  await sandboxControls(page).getByRole('button', { name: 'Remove app', exact: true }).click()
  await expect(page.getByText(/Relink has checked every connection\./).last()).toBeVisible()

  // Flagged before its time, on the schedule and in Connection health.
  await nav(page).getByRole('button', { name: 'Schedule' }).click()
  const entry = item(page, 'Join our roastery crew this spring')
  await expect(entry).toContainText('At risk: LinkedIn connection is broken')
  await nav(page).getByRole('button', { name: 'Connection health' }).click()
  await expect(page.getByRole('listitem', { name: 'Ava Lindqvist, LinkedIn' })).toContainText(/1 post at risk/)

  // Its time passes: held, not failed, and nothing reached the network.
  await nav(page).getByRole('button', { name: 'Schedule' }).click()
  await passTime(relink, 2 * HOUR)
  const held = needsYou(page).getByRole('listitem').filter({ hasText: 'Join our roastery crew this spring' })
  await expect(held).toContainText('Held')
  await expect(entry.last()).toContainText('Held')
  expect(onNetwork(relink, 'Join our roastery crew this spring')).toHaveLength(0)

  // Refresh connection from the held post's details, signing in again on the sandbox.
  await held.getByRole('button').first().click()
  const details = page.getByRole('dialog', { name: linkedin.name })
  await signInThroughBrowser(
    context,
    () => details.getByRole('button', { name: 'Refresh connection: Ava Lindqvist (LinkedIn)' }).click(),
    ava,
  )
  const release = page.getByRole('dialog', { name: 'Release held posts' })
  await expect(release.getByRole('list', { name: 'Held posts' }).getByRole('listitem')).toHaveCount(1)
  await release.getByLabel('For every post').selectOption({ label: 'Publish now' })
  await release.getByRole('button', { name: 'Release posts' }).click()
  await expect(release).toBeHidden()
  await relink.core.scheduler.whenIdle()

  if (await details.isVisible()) await page.keyboard.press('Escape')
  await expect(needsYou(page)).toHaveCount(0)
  await expect(entry).toContainText('Published')
  await expect(entry.getByRole('link', { name: 'View post' })).toHaveAttribute('href', /^https?:\/\//)
  expect(onNetwork(relink, 'Join our roastery crew this spring')).toHaveLength(1)

  // A day passes: nothing goes out twice.
  await passTime(relink, 24 * HOUR)
  expect(onNetwork(relink, 'Join our roastery crew this spring')).toHaveLength(1)
  expect(await relink.core.handlers['schedule:list-held'](undefined)).toEqual([])
})
