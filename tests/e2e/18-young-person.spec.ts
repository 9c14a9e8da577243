import type { Page } from '@playwright/test'
import { type ExpectPage, expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey: the young people's funnel in Varde (decision 023). A housing-social worker registers a
// 14-year-old; the consent form asks for the parent with custody and the young person's own say. She
// joins a "Mod på matematik" group of the pocket-money project and comes to its first session, meets
// Pro Varde's business guide (a party of the plan, who then finds her under the consent), gets a
// leisure job, and three months later the check falls due and is answered. The steps lie in the past
// (recorded as they happened), so the check is due today without moving the clock. The agreement's
// follow-up page shows the same funnel.

const run = Date.now().toString(36)
const worker = { name: 'Hanne Ungeindsats', email: `hanne.u.${run}@example.dk`, password: 'hanne vælger sin egen lange kode' }
const guide = { name: 'Erik Erhvervsguide', email: `erik.g.${run}@example.dk`, password: 'erik vælger også en lang kode' }
const YOUNG = `Sara Nielsen ${run}`
const GROUP = `Mod på matematik ${run}`
const PRO_VARDE = 'Pro Varde, erhvervsguide'
const ACTIVITY = 'Lommepenge og fritidsjobs-indsats'
const dayOf = (date: Date) => date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' })
const today = dayOf(new Date())
const daysAgo = (n: number) => dayOf(new Date(Date.now() - n * 86_400_000))
const thisYear = Number(today.slice(0, 4))

/** The main menu's "Unge": with one plan and one activity with a pathway, it leads to that funnel. */
async function openFunnel(page: Page, expectPage: ExpectPage) {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Unge' }).click()
  await expectPage(page, `Tragten: ${ACTIVITY}`)
}

/** The count of young people on a step in the funnel's table ("Unge pr. trin"). */
const stepCount = (page: Page, step: string) => page.getByRole('table', { name: /Antal unge, der nåede hvert trin/ }).getByRole('row', { name: new RegExp(`^${step}`) }).getByRole('cell')

test('a 14-year-old in Varde: a parent consents, she joins Mod på matematik, meets the business guide, gets a leisure job and is asked three months later', async ({ page, request, openBrowser, expectPage, axe }) => {
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
    guideCode = await createPlanUser(page, guide, 'samarbejdspartner', planId, 'Pro Varde')
  })

  const workerPage = await openBrowser()
  const guidePage = await openBrowser()

  await test.step('the worker registers a 14-year-old', async () => {
    await firstLogin(workerPage, worker, workerCode, expectPage)
    await workerPage.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Deltagere' }).click()
    await expectPage(workerPage, 'Deltagere')
    await workerPage.getByRole('link', { name: 'Registrér deltager' }).click()
    await expectPage(workerPage, 'Registrér deltager')
    const form = workerPage.getByRole('form', { name: 'Registrér deltager' })
    await form.getByLabel('Navn').fill(YOUNG)
    await form.getByLabel('Telefon').fill('50 60 70 80')
    await form.getByLabel('Fødselsår').fill(String(thisYear - 14))
    await form.getByRole('button', { name: 'Registrér deltager' }).click()
    await expect(workerPage.getByText(/D-\d{4} er registreret/)).toBeVisible()
    pseudonym = (await workerPage.getByRole('heading', { level: 1 }).textContent())!.match(/D-\d{4}/)![0]
    residentUrl = new URL(workerPage.url()).pathname
    await expectPage(workerPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(pseudonym) })
  })

  await test.step('the consent form asks for the parent with custody and the young person’s own say', async () => {
    await workerPage.locator('summary', { hasText: 'Registrér samtykke' }).click()
    const form = workerPage.getByRole('form', { name: 'Registrér samtykke' })
    const guardian = form.getByRole('group', { name: 'Forælder med forældremyndighed' })
    await expect(guardian).toContainText('Den unge er under 15 år')
    await form.getByLabel(PRO_VARDE).check()
    await form.getByLabel('Navn, adresse og telefonnummer').check()
    await form.getByLabel('Job, uddannelse og praktik, og dine forløb hos os').check()
    await form.getByLabel('Formål').fill('At finde et lommepengejob og siden et fritidsjob, der passer til dig')
    await form.getByLabel('Mundtligt').check()
    await form.getByLabel('Givet den').fill(daysAgo(160))
    // Without the parent the consent is refused, at the parent's fields.
    await form.getByRole('button', { name: 'Registrér samtykke' }).click()
    await expect(form.getByText('Der er problemer med formularen')).toBeVisible()
    await axe(workerPage, 'samtykke uden forælder')
    await guardian.getByLabel('Forælderens navn').fill(`Lene Nielsen ${run}`)
    await guardian.getByRole('group', { name: 'Forælderen er den unges' }).getByLabel('Mor').check()
    await guardian.getByRole('group', { name: 'Hvad siger den unge selv?' }).getByLabel('Den unge er enig').check()
    await guardian.getByLabel('Den unges egne ord').fill('Jeg vil gerne tjene mine egne penge.')
    await axe(workerPage, 'samtykke fra en forælder')
    await form.getByRole('button', { name: 'Registrér samtykke' }).click()
    await expect(workerPage.getByText('Samtykket er registreret')).toBeVisible()
    const consents = workerPage.getByRole('table', { name: 'Samtykker' })
    await expect(consents).toContainText('I kraft')
    await expect(consents).toContainText(PRO_VARDE)
  })

  await test.step('the worker enrols her in the pocket-money and leisure-job effort', async () => {
    await workerPage.locator('summary', { hasText: 'Tilmeld forløb' }).click()
    const form = workerPage.getByRole('form', { name: 'Tilmeld forløb' })
    const activity = form.getByLabel('Aktivitet')
    await activity.selectOption({ label: (await activity.locator('option', { hasText: ACTIVITY }).textContent())!.trim() })
    await form.getByLabel('Visiteret den').fill(daysAgo(155))
    await form.getByLabel('Visiteret af').fill('Skolen')
    await form.getByLabel('Starter på en bestemt dato').check()
    await form.getByLabel('Startdato').fill(daysAgo(150))
    await form.getByRole('button', { name: 'Tilmeld' }).click()
    await expect(workerPage.getByText(/Beboeren er tilmeldt Lommepenge og fritidsjobs-indsats/)).toBeVisible()
    await expect(workerPage.getByRole('heading', { name: 'Trin i forløbet' })).toBeVisible()
    await axe(workerPage, 'den unges side med trinene')
  })

  await test.step('from the menu the worker opens the funnel and starts the Mod på matematik group', async () => {
    await openFunnel(workerPage, expectPage)
    const form = workerPage.getByRole('form', { name: 'Opret hold' })
    await form.getByLabel('Holdets navn').fill(GROUP)
    await form.getByLabel('Starter den').fill(daysAgo(150))
    await form.getByRole('button', { name: 'Opret hold' }).click()
    await expect(workerPage.getByText(`Holdet ${GROUP} er oprettet`)).toBeVisible()
    await expect(workerPage.getByRole('region', { name: 'Holdene' })).toContainText(GROUP)
    await axe(workerPage, 'tragten med holdet')
  })

  await test.step('she comes to the group’s first session, and the pocket-money job is her first step', async () => {
    await workerPage.getByRole('link', { name: `Tilbage til ${ACTIVITY}` }).click()
    await expectPage(workerPage, ACTIVITY)
    const form = workerPage.getByRole('form', { name: 'Registrér aktivitetsgang' })
    await form.getByLabel('Hold').selectOption({ label: GROUP })
    await form.getByLabel('Dato').fill(daysAgo(149))
    await form.getByLabel('Titel').fill('Første gang: brøker og lommepenge')
    await form.getByRole('group', { name: `${YOUNG} (${pseudonym})` }).getByLabel('Mødt').check()
    await form.getByRole('button', { name: 'Gem aktivitetsgang' }).click()
    await expect(workerPage.getByText('Aktivitetsgangen er gemt')).toBeVisible()
    await expect(workerPage.getByRole('table', { name: /Tidligere aktivitetsgange/ })).toContainText(GROUP)
    await axe(workerPage, 'holdets første gang')
  })

  await test.step('a session recorded by mistake is corrected, then deleted, each with a reason', async () => {
    const form = workerPage.getByRole('form', { name: 'Registrér aktivitetsgang' })
    await form.getByLabel('Hold').selectOption({ label: GROUP })
    await form.getByLabel('Dato').fill(daysAgo(148))
    await form.getByLabel('Titel').fill('Brøker igen')
    await form.getByRole('group', { name: `${YOUNG} (${pseudonym})` }).getByLabel('Mødt').check()
    await form.getByRole('button', { name: 'Gem aktivitetsgang' }).click()
    await expect(workerPage.getByText('Aktivitetsgangen er gemt')).toBeVisible()
    const sessions = workerPage.getByRole('table', { name: /Tidligere aktivitetsgange/ })

    await sessions.getByRole('button', { name: 'Ret Brøker igen' }).click()
    const correction = workerPage.getByRole('form', { name: 'Ret aktivitetsgangen Brøker igen' })
    await correction.getByLabel('Titel').fill('Ingen undervisning: skolen holdt lukket')
    await correction.getByRole('button', { name: 'Gem rettelsen' }).click()
    // The reason is required: the correction is refused at the field until it is given.
    await expect(correction.getByLabel('Hvorfor rettes aktivitetsgangen?')).toHaveAttribute('aria-invalid', 'true')
    await axe(workerPage, 'rettelse af en aktivitetsgang uden begrundelse')
    await correction.getByLabel('Hvorfor rettes aktivitetsgangen?').fill('Registreret på en dag uden undervisning')
    await correction.getByRole('button', { name: 'Gem rettelsen' }).click()
    await expect(workerPage.getByText('Aktivitetsgangen Ingen undervisning: skolen holdt lukket er rettet')).toBeVisible()

    await sessions.getByRole('button', { name: 'Slet Ingen undervisning: skolen holdt lukket' }).click()
    const dialog = workerPage.getByRole('dialog', { name: /Slet aktivitetsgangen/ })
    await dialog.getByLabel('Hvorfor slettes aktivitetsgangen?').fill('Holdet mødtes ikke den dag')
    await axe(workerPage, 'sletning af en aktivitetsgang')
    await dialog.getByRole('button', { name: 'Slet aktivitetsgangen' }).click()
    await expect(workerPage.getByText('Aktivitetsgangen Ingen undervisning: skolen holdt lukket er slettet')).toBeVisible()
    await expect(sessions).not.toContainText('Ingen undervisning')
    await expect(sessions).toContainText('Første gang: brøker og lommepenge')
  })

  await test.step('the pocket-money job is her first step', async () => {
    await workerPage.goto(residentUrl)
    await expectPage(workerPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(pseudonym) })
    await recordStep(workerPage, 'Lommepengejob', daysAgo(149))
  })

  await test.step('she meets the business guide, goes to an interview and gets a leisure job', async () => {
    await recordStep(workerPage, 'Møde med erhvervsguiden', daysAgo(120))
    await recordStep(workerPage, 'Jobsamtale', daysAgo(110))
    await recordStep(workerPage, 'Fritidsjob', daysAgo(100))
    const ladder = workerPage.locator('ol.pathway-steps')
    await expect(ladder.getByRole('listitem').filter({ hasText: 'Fritidsjob' }).first()).toContainText('Nået')
    await expect(ladder.getByRole('listitem').filter({ hasText: 'Stadig i job efter 3 måneder' })).toContainText('Skal spørges nu')
    await axe(workerPage, 'den unges trin med fritidsjob')
  })

  await test.step('the business guide signs in and finds her under the consent', async () => {
    await firstLogin(guidePage, guide, guideCode, expectPage)
    await guidePage.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Deltagere' }).click()
    await expectPage(guidePage, 'Deltagere')
    await expect(guidePage.getByRole('table', { name: /Deltagere/ })).toContainText(YOUNG)
  })

  await test.step('the 3-month check is due: the funnel lists her, and the worker records that she still has the job', async () => {
    await openFunnel(workerPage, expectPage)
    const due = workerPage.getByRole('region', { name: 'Skal spørges nu' })
    await expect(due).toContainText('stadig i job efter 3 måneder')
    const keptBefore = Number(await stepCount(workerPage, 'Stadig i job efter 3 måneder').textContent())
    await due.getByRole('link', { name: YOUNG }).click()
    await expectPage(workerPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(pseudonym) })
    await recordStep(workerPage, 'Stadig i job efter 3 måneder', today, 'Ja')
    await expect(workerPage.locator('ol.pathway-steps').getByRole('listitem').filter({ hasText: 'Stadig i job efter 3 måneder' })).toContainText('Ja, spurgt')

    await openFunnel(workerPage, expectPage)
    await expect(workerPage.getByRole('region', { name: 'Skal spørges nu' })).not.toContainText(YOUNG)
    await expect(stepCount(workerPage, 'Stadig i job efter 3 måneder')).toHaveText(String(keptBefore + 1))
    await expect(workerPage.getByRole('region', { name: 'Fritidsjob fastholdt' })).toContainText('Mistet jobbet')
    await expect(workerPage.getByRole('region', { name: 'Holdene' })).toContainText(GROUP)
  })

  await test.step('the agreement’s follow-up page shows the same funnel for the year', async () => {
    await openFunnel(workerPage, expectPage)
    const kept = await stepCount(workerPage, 'Stadig i job efter 3 måneder').textContent()
    await workerPage.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Opfølgning' }).click()
    await expectPage(workerPage, 'Opfølgning')
    await workerPage.getByRole('link', { name: /–\s+opfølgning$/ }).first().click()
    await expectPage(workerPage, 'Opfølgning')
    const youth = workerPage.getByRole('region', { name: `Unge og fritidsjob, ${thisYear}` })
    await expect(youth.getByRole('heading', { level: 3, name: ACTIVITY })).toBeVisible()
    const row = youth.getByRole('table', { name: new RegExp(`Unge pr. trin.*${ACTIVITY}`) }).getByRole('row', { name: /^Stadig i job efter 3 måneder/ })
    await expect(row.getByRole('cell')).toHaveText(kept!)
    await expect(youth).toContainText(/Hold i \d{4}: \d+ startet/)
    await youth.scrollIntoViewIfNeeded()
    await workerPage.screenshot({ path: 'test-results/18-follow-up-funnel.png', fullPage: true })
    await youth.getByRole('link', { name: `Se tragten for ${ACTIVITY}` }).click()
    await expectPage(workerPage, `Tragten: ${ACTIVITY}`)
  })
})

/** Records a step on the young person's page, as the worker does after the fact. */
async function recordStep(page: Page, step: string, on: string, answer?: 'Ja' | 'Nej') {
  // The form stays open after a step is recorded, ready for the next.
  const summary = page.locator('summary', { hasText: `Registrér et trin i ${ACTIVITY}` })
  if (!(await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open))) await summary.click()
  const form = page.getByRole('form', { name: `Registrér et trin i ${ACTIVITY}` })
  const select = form.getByLabel('Trin')
  await select.selectOption({ label: (await select.locator('option', { hasText: step }).first().textContent())!.trim() })
  await form.getByLabel(answer ? 'Spurgt den' : 'Nået den').fill(on)
  if (answer) await form.getByRole('group', { name: 'Har den unge stadig jobbet?' }).getByLabel(answer).check()
  await form.getByRole('button', { name: 'Registrér trin' }).click()
  await expect(page.getByText(answer ? `Svaret på ${step.toLowerCase()} er registreret` : `${step} er registreret`)).toBeVisible()
}
