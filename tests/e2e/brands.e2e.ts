import { expect, openApp, storedBrands, test, type Page } from './fixtures'

const brandList = (page: Page) => page.getByRole('list', { name: 'Brands' })
const brandsSection = (page: Page) => page.getByRole('region', { name: 'Brands' })

async function addBrand(page: Page, name: string): Promise<void> {
  await brandsSection(page).getByLabel('New brand name').fill(name)
  await brandsSection(page).getByRole('button', { name: 'Add brand' }).click()
}

test.beforeEach(async ({ page }) => {
  await openApp(page, '#/settings')
  await expect(brandsSection(page).getByText('No brands yet.')).toBeVisible()
})

test('create, rename, delete and undo a brand', async ({ page, relink }) => {
  await addBrand(page, '  Northwind  ')
  await expect(brandList(page).getByRole('listitem')).toHaveText([/^Northwind\s*0 channels/])
  await expect(brandsSection(page).getByLabel('New brand name')).toHaveValue('')
  expect((await storedBrands(relink)).map((b) => b.name)).toEqual(['Northwind'])

  await brandList(page).getByRole('button', { name: 'Rename Northwind' }).click()
  const nameField = brandList(page).getByLabel('Brand name')
  await expect(nameField).toBeFocused()
  await nameField.fill('Northwind Coffee')
  await nameField.press('Enter')
  await expect(brandList(page).getByText('Northwind Coffee')).toBeVisible()
  expect((await storedBrands(relink)).map((b) => b.name)).toEqual(['Northwind Coffee'])
  const [created] = await storedBrands(relink)

  await brandList(page).getByRole('button', { name: 'Delete Northwind Coffee' }).click()
  await expect(page.getByText('Deleted “Northwind Coffee”.')).toBeVisible()
  await expect(brandsSection(page).getByText('No brands yet.')).toBeVisible()
  expect(await storedBrands(relink)).toEqual([])

  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(brandList(page).getByText('Northwind Coffee')).toBeVisible()
  await expect(page.getByText('Deleted “Northwind Coffee”.')).toBeHidden()
  // Undo restores the same brand, not a look-alike: id and colour come back too.
  expect(await storedBrands(relink)).toEqual([created])
})

test('Escape cancels a rename without saving', async ({ page, relink }) => {
  await addBrand(page, 'Harbor Labs')
  await brandList(page).getByRole('button', { name: 'Rename Harbor Labs' }).click()
  await brandList(page).getByLabel('Brand name').fill('Something else')
  await brandList(page).getByLabel('Brand name').press('Escape')
  await expect(brandList(page).getByText('Harbor Labs')).toBeVisible()
  expect((await storedBrands(relink)).map((b) => b.name)).toEqual(['Harbor Labs'])
})

test('a duplicate name shows the conflict and an empty name the field message', async ({ page, relink }) => {
  await addBrand(page, 'Northwind')
  await expect(brandList(page).getByRole('listitem')).toHaveCount(1)

  await addBrand(page, 'northwind')
  const field = brandsSection(page).getByLabel('New brand name')
  await expect(brandsSection(page).getByRole('alert')).toHaveText('A brand called "northwind" already exists. Pick another name.')
  await expect(field).toHaveAttribute('aria-invalid', 'true')

  await addBrand(page, '   ')
  await expect(brandsSection(page).getByRole('alert')).toHaveText('Give the brand a name.')
  await field.fill('N')
  await expect(brandsSection(page).getByRole('alert')).toBeHidden()
  expect((await storedBrands(relink)).map((b) => b.name)).toEqual(['Northwind'])

  // Renaming into a taken name is refused the same way, next to the field being edited.
  await addBrand(page, 'Harbor Labs')
  await brandList(page).getByRole('button', { name: 'Rename Harbor Labs' }).click()
  await brandList(page).getByLabel('Brand name').fill('Northwind')
  await brandList(page).getByRole('button', { name: 'Save' }).click()
  await expect(brandList(page).getByRole('alert')).toHaveText('A brand called "Northwind" already exists. Pick another name.')
})

test('the undo toast goes away on its own after about eight seconds', async ({ page, relink }) => {
  await page.clock.install()
  await page.reload()
  await addBrand(page, 'Short-lived')
  await brandList(page).getByRole('button', { name: 'Delete Short-lived' }).click()
  const toast = page.getByText('Deleted “Short-lived”.')
  await expect(toast).toBeVisible()

  await page.clock.fastForward(7_000)
  await expect(toast).toBeVisible()
  await page.clock.fastForward(1_500)
  await expect(toast).toBeHidden()
  expect(await storedBrands(relink)).toEqual([])
})
