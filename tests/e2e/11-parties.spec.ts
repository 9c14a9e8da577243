import type { Page } from '@playwright/test'
import { type ExpectPage, expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey: parties as the agreements name them (decision 012). In Varde a housing-social worker
// registers a 16-year-old and records her consent that Pro Varde's business guide (erhvervsguide)
// may see her contact details and employment information, for finding a leisure job. The business
// guide, an external partner of the Pro Varde party, signs in and sees that young person and no one
// else, and not the notes; once the consent is withdrawn the guide's view is empty at once.

const run = Date.now().toString(36)
const worker = { name: 'Bente Boligsocial', email: `bente.${run}@example.dk`, password: 'bente vælger sin egen lange kode' }
const guide = { name: 'Gustav Erhvervsguide', email: `gustav.${run}@example.dk`, password: 'gustav vælger også en lang kode' }
const YOUNG = `Maja Sørensen ${run}`
const PRO_VARDE = 'Pro Varde, erhvervsguide'
const NOTE = `Fortalte om svære forhold derhjemme ${run}`

async function openResidents(page: Page, expectPage: ExpectPage) {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Deltagere' }).click()
  await expectPage(page, 'Deltagere')
}

test('a young person’s consent lets Pro Varde’s business guide see her, only what it names, until it is withdrawn', async ({ page, request, openBrowser, expectPage }) => {
  // Two users and a dozen pages, each scanned by axe, on a machine that may be busy.
  test.setTimeout(480_000)
  let planId = ''
  let workerCode = ''
  let guideCode = ''
  let residentUrl = ''
  let pseudonym = ''

  await test.step('the administrator gives a housing-social worker and Pro Varde’s business guide access to Varde', async () => {
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const plans = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    planId = plans.plans.find((plan) => plan.municipality === 'Varde')!.id
    workerCode = await createPlanUser(page, worker, 'boligsocial', planId, 'Det Boligsociale Team')
    // A partner belongs to the plan's first partner party unless the form chooses another: Pro Varde.
    guideCode = await createPlanUser(page, guide, 'samarbejdspartner', planId, 'Pro Varde')
    // The users page says which party each user belongs to in the plan.
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Brugere' }).click()
    await expectPage(page, 'Brugere')
    await expect(page.getByRole('row', { name: new RegExp(guide.name) })).toContainText(`Part: ${PRO_VARDE}`)
  })

  const workerPage = await openBrowser()
  const guidePage = await openBrowser()

  await test.step('the plan page lists the parties the agreement names', async () => {
    await firstLogin(workerPage, worker, workerCode, expectPage)
    await workerPage.goto(`/planer/${planId}`)
    await expectPage(workerPage, 'Den boligsociale indsats i Isbjergparken og Lerpøtparken')
    const parties = workerPage.getByRole('table', { name: 'Parter' })
    await expect(parties).toContainText('Det Boligsociale Team')
    await expect(parties).toContainText('Jobcenter Varde, Afdeling Ung')
    await expect(parties).toContainText(PRO_VARDE)
  })

  await test.step('the worker registers a 16-year-old and writes a note from their talk', async () => {
    await openResidents(workerPage, expectPage)
    await workerPage.getByRole('link', { name: 'Registrér deltager' }).click()
    await expectPage(workerPage, 'Registrér deltager')
    const form = workerPage.getByRole('form', { name: 'Registrér deltager' })
    await form.getByLabel('Navn').fill(YOUNG)
    await form.getByLabel('Telefon').fill('40 50 60 70')
    await form.getByLabel('Fødselsår').fill(String(new Date().getFullYear() - 16))
    await form.getByRole('button', { name: 'Registrér deltager' }).click()
    await expect(workerPage.getByText(/D-\d{4} er registreret/)).toBeVisible()
    pseudonym = (await workerPage.getByRole('heading', { level: 1 }).textContent())!.match(/D-\d{4}/)![0]
    residentUrl = new URL(workerPage.url()).pathname
    await expectPage(workerPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(pseudonym) })
    await expect(workerPage.getByRole('main')).toContainText('Oplysningerne ejes af Det Boligsociale Team')
    await workerPage.locator('summary', { hasText: 'Skriv en note' }).click()
    const note = workerPage.getByRole('form', { name: 'Skriv en note' })
    await note.getByLabel('Kategori').selectOption({ label: 'Notater fra samtaler med dig' })
    await note.getByLabel('Note', { exact: true }).fill(NOTE)
    await note.getByRole('button', { name: 'Gem note' }).click()
    await expect(workerPage.getByText(/Noten er gemt/)).toBeVisible()
  })

  await test.step('the worker records her consent to Pro Varde’s business guide, reading the text aloud', async () => {
    await workerPage.locator('summary', { hasText: 'Registrér samtykke' }).click()
    const form = workerPage.getByRole('form', { name: 'Registrér samtykke' })
    await form.getByLabel(PRO_VARDE).check()
    await form.getByLabel('Navn, adresse og telefonnummer').check()
    await form.getByLabel('Job, uddannelse og praktik, og dine forløb hos os').check()
    await form.getByLabel('Formål').fill('At finde et fritidsjob, der passer til dig')
    await form.getByLabel('Mundtligt').check()
    const said = form.locator('section, div, aside').filter({ has: workerPage.getByRole('heading', { name: 'Det siger du til beboeren' }) }).last()
    await expect(said).toContainText(`Jeg giver lov til, at Det Boligsociale Team og ${PRO_VARDE} må dele disse oplysninger om mig med hinanden`)
    await form.getByRole('button', { name: 'Registrér samtykke' }).click()
    await expect(workerPage.getByText('Samtykket er registreret')).toBeVisible()
    const consents = workerPage.getByRole('table', { name: 'Samtykker' })
    await expect(consents).toContainText('I kraft')
    await expect(consents).toContainText(PRO_VARDE)
  })

  await test.step('the business guide signs in and sees that young person and no one else, without the notes', async () => {
    await firstLogin(guidePage, guide, guideCode, expectPage)
    await openResidents(guidePage, expectPage)
    const list = guidePage.getByRole('table', { name: /Deltagere/ })
    await expect(list.locator('tbody tr')).toHaveCount(1)
    await expect(list).toContainText(YOUNG)
    await guidePage.getByRole('link', { name: pseudonym }).click()
    await expectPage(guidePage, { title: `Deltager ${pseudonym}`, heading: new RegExp(pseudonym) })
    const main = guidePage.getByRole('main')
    await expect(main).toContainText('40 50 60 70')
    await expect(main).not.toContainText(NOTE)
    await expect(main).toContainText('Samtykket omfatter ikke offentlige ydelser')
    // A partner reads; it does not record, write or withdraw.
    await expect(guidePage.locator('summary', { hasText: 'Registrér samtykke' })).toHaveCount(0)
    await expect(guidePage.locator('summary', { hasText: 'Skriv en note' })).toHaveCount(0)
    await expect(guidePage.getByRole('button', { name: /^Træk tilbage/ })).toHaveCount(0)
  })

  await test.step('the worker records that she withdrew the consent', async () => {
    await workerPage.goto(residentUrl)
    await expectPage(workerPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(pseudonym) })
    await workerPage.getByRole('button', { name: /^Træk tilbage: samtykke givet/ }).click()
    await workerPage.getByRole('dialog', { name: 'Træk samtykket tilbage?' }).getByRole('button', { name: 'Ja, træk samtykket tilbage' }).click()
    await expect(workerPage.getByText('Samtykket er trukket tilbage')).toBeVisible()
  })

  await test.step('at once the business guide’s view is empty', async () => {
    await openResidents(guidePage, expectPage)
    await expect(guidePage.getByRole('link', { name: pseudonym })).toHaveCount(0)
    await expect(guidePage.getByRole('main')).not.toContainText(YOUNG)
    await guidePage.goto(residentUrl)
    await expectPage(guidePage, { title: 'Ingen adgang til beboeren', heading: 'Ingen adgang til beboeren' })
    await expect(guidePage.getByRole('main')).toContainText('trukket tilbage')
    await expect(guidePage.getByRole('main')).not.toContainText(YOUNG)
  })
})
