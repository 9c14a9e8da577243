import { expect, test } from './support/fixtures.ts'
import { logInAsAdmin } from './support/users.ts'

// Journey: the administrator keeps the reference data current as the law changes. The codes after
// the cash-benefit reform of 1 July 2025 are there; a later reform gets a new version of a code from
// its first day after the old one is given an end; the next funding period is added with its effort
// areas. On the way, the plan's privacy page shows the safe default after the plan's end. Dates are
// set far ahead so the codes other journeys choose today keep their words.

test('the administrator gives a target group a new version for a later reform and adds the next funding period', async ({ page, request, expectPage }) => {
  test.setTimeout(180_000)

  await test.step('the administrator opens the reference data from the menu', async () => {
    await page.goto('/log-ind')
    await expectPage(page, 'Log ind')
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Referencedata' }).click()
    await expectPage(page, 'Referencedata')
    const codes = page.getByRole('table', { name: 'Målgruppekoder med betegnelse og gyldighed, efter kode' })
    await expect(codes.getByRole('row', { name: /6\.2 Jobparat kontanthjælpsmodtager Fra 1\. juli 2025/ })).toBeVisible()
    await expect(codes.getByRole('row', { name: /6\.8 Ressourceforløb/ })).toContainText('Rehabilitent')
  })

  await test.step('a new version of 6.3 is refused while the current one has no end, and accepted once it has', async () => {
    const add = page.getByRole('form', { name: 'Tilføj en målgruppe eller en ny version' })
    await add.getByLabel('Kode').fill('6.3')
    await add.getByLabel('Betegnelse').fill('Aktivitetsparat modtager af kontanthjælp efter beskæftigelsesreformen')
    await add.getByLabel('Gælder fra').fill('2031-01-01')
    await add.getByRole('button', { name: 'Tilføj målgruppe' }).click()
    await expect(add.locator('.error-summary')).toContainText('Målgruppe 6.3 gælder allerede fra 1. juli 2025')

    await page.getByRole('button', { name: 'Ret 6.3 fra 1. juli 2025' }).click()
    const edit = page.getByRole('form', { name: 'Ret 6.3 fra 1. juli 2025' })
    await edit.getByLabel('Gælder til og med').fill('2030-12-31')
    await edit.getByRole('button', { name: 'Gem' }).click()
    await expect(page.getByRole('table', { name: /Målgruppekoder/ }).getByRole('row', { name: /6\.3 Aktivitetsparat kontanthjælpsmodtager 1\. juli 2025 – 31\. december 2030/ })).toBeVisible()

    await add.getByRole('button', { name: 'Tilføj målgruppe' }).click()
    await expect(page.getByRole('heading', { name: 'Målgruppen er tilføjet' })).toBeVisible()
    await expect(page.getByRole('table', { name: /Målgruppekoder/ }).getByRole('row', { name: /6\.3 Aktivitetsparat modtager af kontanthjælp efter beskæftigelsesreformen Fra 1\. januar 2031/ })).toBeVisible()
  })

  await test.step('the next funding period is added with its effort areas', async () => {
    const period = page.getByRole('form', { name: 'Tilføj en prioriteringsperiode' })
    await period.getByLabel('Kode').fill('2031-34')
    await period.getByLabel('Navn').fill('Landsbyggefondens boligsociale midler 2031-2034')
    await period.getByLabel('Første dag').fill('2031-01-01')
    await period.getByLabel('Sidste dag').fill('2034-12-31')
    await period.getByLabel('Indsatsområder').fill('Beskæftigelse\nUddannelse og livschancer')
    await period.getByRole('button', { name: 'Tilføj periode' }).click()
    await expect(page.getByRole('heading', { name: 'Prioriteringsperioden er tilføjet' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Landsbyggefondens boligsociale midler 2031-2034' })).toBeVisible()
  })

  await test.step("the plan's privacy page keeps residents a year after the plan ends by default", async () => {
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Forside' }).click()
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    await page.getByRole('link', { name: 'Aktiv i fællesskabet' }).click()
    await expectPage(page, 'Aktiv i fællesskabet')
    await page.getByRole('link', { name: 'Persondata og opbevaring' }).click()
    await expectPage(page, 'Persondata og opbevaring')
    const facts = page.locator('.privacy-facts')
    await expect(facts).toContainText('Efter helhedsplanens afslutning')
    await expect(facts).toContainText('12 måneder')
  })
})
