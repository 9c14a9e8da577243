import type { Page } from '@playwright/test'
import { type ExpectPage, expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey (i): a housing-social worker in Sønderborg registers a resident, records her oral consent
// to share contact details and course information with the job centre, enrols her in the
// employment-promoting course, takes attendance for the whole group, writes a status follow-up and
// ends the course in a company internship. A job-centre counsellor then finds her within the
// consent; once the consent is withdrawn, the same counsellor no longer can.

const run = Date.now().toString(36)
const worker = { name: 'Birthe Boligsocial', email: `birthe.${run}@example.dk`, password: 'birthe vælger sin egen lange kode' }
const counsellor = { name: 'Jonas Jobcenter', email: `jonas.${run}@example.dk`, password: 'jonas vælger også en lang kode' }
const RESIDENT = `Amina Hassan ${run}`
const PLAN = 'Aktiv i fællesskabet'
const COURSE_NAME = 'Beskæftigelsesfremmende forløb for udsatte ledige'
const COURSE = /^Beskæftigelsesfremmende forløb/

/** The main menu's "Deltagere": with one plan it leads straight to that plan's residents. */
async function openResidents(page: Page, expectPage: ExpectPage) {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Deltagere' }).click()
  await expectPage(page, 'Deltagere')
}

const HIDDEN = /beboere? vises ikke, fordi der ikke er et samtykke i kraft, der omfatter dig/

/** How many residents the list says it leaves out for lack of consent (other journeys add their own). */
async function hiddenResidents(page: Page): Promise<number> {
  const note = page.getByText(HIDDEN)
  if ((await note.count()) === 0) return 0
  return Number(/^(\d+)/.exec(await note.innerText())![1])
}

test('a housing-social worker registers a resident, records consent, enrols, takes attendance, follows up and ends in an internship; the job centre sees her until the consent is withdrawn', async ({
  page,
  request,
  openBrowser,
  expectPage,
}) => {
  // A long working day: two users, eleven pages, each scanned by axe.
  test.setTimeout(240_000)
  let planId = ''
  let workerCode = ''
  let counsellorCode = ''
  let residentUrl = ''
  let pseudonym = ''

  await test.step('the administrator gives a housing-social worker and a job-centre counsellor access to Sønderborg', async () => {
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const plans = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    planId = plans.plans.find((plan) => plan.municipality === 'Sønderborg')!.id
    workerCode = await createPlanUser(page, worker, 'boligsocial', planId)
    counsellorCode = await createPlanUser(page, counsellor, 'jobcenter', planId, 'Jobcenter Sønderborg')
  })

  const workerPage = await openBrowser()
  const counsellorPage = await openBrowser()

  await test.step('the worker registers the resident through the form', async () => {
    await firstLogin(workerPage, worker, workerCode, expectPage)
    await openResidents(workerPage, expectPage)
    await workerPage.getByRole('link', { name: 'Registrér deltager' }).click()
    await expectPage(workerPage, 'Registrér deltager')
    const form = workerPage.getByRole('form', { name: 'Registrér deltager' })
    // A missing name is answered in Danish, next to the field, and nothing is saved.
    await form.getByRole('button', { name: 'Registrér deltager' }).click()
    await expect(workerPage.getByText('Der er problemer med formularen')).toBeVisible()
    await form.getByLabel('Navn').fill(RESIDENT)
    await form.getByLabel('Telefon').fill('20 30 40 50')
    await form.getByLabel('Fødselsår').fill('1990')
    await form.getByRole('button', { name: 'Registrér deltager' }).click()
    await expect(workerPage.getByText(/D-\d{4} er registreret/)).toBeVisible()
    await expect(workerPage.getByRole('heading', { level: 1 })).toContainText(RESIDENT)
    pseudonym = (await workerPage.getByRole('heading', { level: 1 }).textContent())!.match(/D-\d{4}/)![0]
    residentUrl = new URL(workerPage.url()).pathname
    await expectPage(workerPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(pseudonym) })
  })

  await test.step('the worker records the resident’s oral consent, reading the plain-Danish text aloud', async () => {
    await workerPage.locator('summary', { hasText: 'Registrér samtykke' }).click()
    const form = workerPage.getByRole('form', { name: 'Registrér samtykke' })
    // The parties are the plan's: the team holding the record is ticked, the job-centre unit is chosen.
    await form.getByLabel('Jobcenter Sønderborg, Jobaktiv og Integration').check()
    await form.getByLabel('Navn, adresse og telefonnummer').check()
    await form.getByLabel('Job, uddannelse og praktik, og dine forløb hos os').check()
    await form.getByLabel('Formål').fill('At jobcentret og helhedsplanen sammen kan hjælpe Amina i praktik')
    await form.getByLabel('Mundtligt').check()
    const said = form.locator('section, div, aside').filter({ has: workerPage.getByRole('heading', { name: 'Det siger du til beboeren' }) }).last()
    await expect(said).toContainText('Jeg giver lov til, at Aktiv i fællesskabet, Det boligsociale team og Jobcenter Sønderborg, Jobaktiv og Integration må dele disse oplysninger om mig med hinanden')
    await expect(said).toContainText('Jeg kan altid trække samtykket tilbage')
    await form.getByRole('button', { name: 'Registrér samtykke' }).click()
    await expect(workerPage.getByText('Samtykket er registreret')).toBeVisible()
    await expect(workerPage.getByRole('table', { name: 'Samtykker' })).toContainText('I kraft')
  })

  await test.step('the worker enrols her in the Sønderborg course, which has 12 places', async () => {
    await workerPage.locator('summary', { hasText: 'Tilmeld forløb' }).click()
    const form = workerPage.getByRole('form', { name: 'Tilmeld forløb' })
    const course = form.getByLabel('Aktivitet')
    const option = course.locator('option', { hasText: COURSE })
    await expect(option).toContainText('af 12 pladser optaget')
    await course.selectOption({ label: (await option.textContent())!.trim() })
    await form.getByLabel('Visiteret af').fill('Fremskudt jobcenter')
    await form.getByLabel('Starter på en bestemt dato').check()
    await form.getByRole('button', { name: 'Tilmeld' }).click()
    await expect(workerPage.getByText(/Beboeren er tilmeldt Beskæftigelsesfremmende forløb/)).toBeVisible()
    await expect(workerPage.getByRole('table', { name: 'Forløb' })).toContainText('I forløb')
  })

  await test.step('the worker takes attendance for the whole group on the course page', async () => {
    await workerPage.goto(`/planer/${planId}`)
    await expectPage(workerPage, PLAN)
    await workerPage.getByRole('main').getByRole('link', { name: 'Aktiviteter', exact: true }).click()
    await expectPage(workerPage, 'Aktiviteter')
    await workerPage.getByRole('link', { name: COURSE }).first().click()
    await expectPage(workerPage, COURSE_NAME)
    await expect(workerPage.getByRole('table', { name: 'I forløb' })).toContainText(RESIDENT)
    const form = workerPage.getByRole('form', { name: 'Registrér aktivitetsgang' })
    await form.getByLabel('Type').selectOption({ label: 'Gruppesamtale' })
    await form.getByLabel('Titel').fill('Gruppesamtale om CV og ansøgninger')
    await form.getByRole('button', { name: 'Alle mødt' }).click()
    await expect(form.getByRole('group', { name: `${RESIDENT} (${pseudonym})` }).getByLabel('Mødt')).toBeChecked()
    await form.getByRole('button', { name: 'Gem aktivitetsgang' }).click()
    await expect(workerPage.getByText('Aktivitetsgangen er gemt')).toBeVisible()
    await expect(workerPage.getByRole('table', { name: /Tidligere aktivitetsgange/ })).toContainText('Gruppesamtale om CV og ansøgninger')
  })

  await test.step('on the course page the worker writes a status follow-up and ends the course in a company internship', async () => {
    await workerPage.goto(residentUrl)
    await expectPage(workerPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(pseudonym) })
    await workerPage.getByRole('table', { name: 'Forløb' }).getByRole('link', { name: COURSE }).click()
    await expectPage(workerPage, `Forløb: ${COURSE_NAME}`)
    await expect(workerPage.getByRole('main')).toContainText('Gruppesamtale om CV og ansøgninger')
    await workerPage.locator('summary', { hasText: 'Skriv en statusopfølgning' }).click()
    await workerPage.getByLabel('Hvordan går det?').fill('Har skrevet CV og er til samtale om praktik hos en lokal virksomhed.')
    await workerPage.getByRole('button', { name: 'Gem opfølgning' }).click()
    await expect(workerPage.getByText('Statusopfølgningen er gemt')).toBeVisible()
    const end = workerPage.getByRole('form', { name: 'Afslut forløbet' })
    await end.getByLabel('Afslutningsårsag').selectOption({ label: 'Virksomhedspraktik' })
    await end.getByLabel('Kontakt fastholdes under første praktik').check()
    await end.getByRole('button', { name: 'Afslut forløbet' }).click()
    await expect(workerPage.getByText(/Forløbet er afsluttet/)).toBeVisible()
    await expect(workerPage.getByRole('main')).toContainText('Virksomhedspraktik')
  })

  let hiddenBefore = 0
  await test.step('the job-centre counsellor finds the resident, and sees what the consent covers', async () => {
    await firstLogin(counsellorPage, counsellor, counsellorCode, expectPage)
    await openResidents(counsellorPage, expectPage)
    await expect(counsellorPage.getByRole('link', { name: pseudonym })).toBeVisible()
    hiddenBefore = await hiddenResidents(counsellorPage)
    await counsellorPage.getByRole('link', { name: pseudonym }).click()
    await expectPage(counsellorPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(pseudonym) })
    await expect(counsellorPage.getByRole('heading', { level: 1 })).toContainText(RESIDENT)
    await expect(counsellorPage.getByRole('heading', { level: 2, name: 'Det kan du se' })).toBeVisible()
    // The consent does not cover benefits, so the job-centre target group stays with the team; and
    // only the team that holds the record can record a consent.
    await expect(counsellorPage.getByRole('main')).toContainText('Samtykket omfatter ikke offentlige ydelser')
    await expect(counsellorPage.locator('summary', { hasText: 'Registrér samtykke' })).toHaveCount(0)
    await expect(counsellorPage.getByRole('table', { name: 'Forløb' })).toContainText('Afsluttet')
    await counsellorPage.getByRole('table', { name: 'Forløb' }).getByRole('link', { name: COURSE }).click()
    await expectPage(counsellorPage, `Forløb: ${COURSE_NAME}`)
    await expect(counsellorPage.getByRole('main')).toContainText('Virksomhedspraktik')
    await expect(counsellorPage.getByRole('main')).toContainText('Har skrevet CV')
  })

  await test.step('the worker records that the resident withdrew her consent', async () => {
    await workerPage.goto(residentUrl)
    await expectPage(workerPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(pseudonym) })
    await workerPage.getByRole('button', { name: /^Træk tilbage: samtykke givet/ }).click()
    await workerPage.getByRole('dialog', { name: 'Træk samtykket tilbage?' }).getByRole('button', { name: 'Ja, træk samtykket tilbage' }).click()
    await expect(workerPage.getByText('Samtykket er trukket tilbage')).toBeVisible()
    await expect(workerPage.getByRole('table', { name: 'Samtykker' })).toContainText('Trukket tilbage')
  })

  await test.step('from that moment the counsellor no longer finds or opens the resident', async () => {
    await openResidents(counsellorPage, expectPage)
    await expect(counsellorPage.getByRole('link', { name: pseudonym })).toHaveCount(0)
    const hidden = hiddenBefore + 1
    await expect(counsellorPage.getByText(HIDDEN)).toHaveText(new RegExp(`^${hidden} ${hidden === 1 ? 'beboer' : 'beboere'} vises ikke`))
    await counsellorPage.goto(residentUrl)
    await expectPage(counsellorPage, { title: 'Ingen adgang til beboeren', heading: 'Ingen adgang til beboeren' })
    await expect(counsellorPage.getByRole('main')).toContainText('trukket tilbage')
    await expect(counsellorPage.getByRole('main')).not.toContainText(RESIDENT)
  })
})
