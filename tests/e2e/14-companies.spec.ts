import type { Page } from '@playwright/test'
import { cvrNumbers } from '../support/companies.ts'
import { type ExpectPage, expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey: the company consultant (a job-centre user in Sønderborg) imports the job centre's list of
// 40 companies: one CVR number twice and one invalid number are reported by row and column, and
// nothing is saved; the fixed file is saved whole. She marks five companies in the network, records
// a visit and creates an internship opening. The project leader then sees the network figure.

const run = Date.now().toString(36)
const consultant = { name: 'Karin Virksomhedskonsulent', email: `karin.${run}@example.dk`, password: 'karin vælger sin egen lange kode' }
const leader = { name: 'Peter Projektleder', email: `peter.${run}@example.dk`, password: 'peter vælger også en lang kode' }
// Fresh numbers per run, valid by the modulus-11 check.
const numbers = cvrNumbers(40, 1_000_000 + (Date.now() % 8_000_000))
const HEADER = 'CVR-nummer;Navn;Adresse;Postnummer;By;Branche;Ansatte'
const names = numbers.map((_, i) => `Als Virksomhed ${String(i + 1).padStart(2, '0')} ${run}`)
const line = (cvr: string, i: number) => `${cvr};${names[i]};Perlegade ${i + 1};6400;Sønderborg;Detailhandel;${(i % 60) + 1}`

function csv(lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return { name: 'virksomheder.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8') }
}

async function openCompanies(page: Page, expectPage: ExpectPage) {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Virksomheder' }).click()
  await expectPage(page, 'Virksomheder')
}

test('the company consultant imports 40 companies, marks five in the network, records a visit and creates an internship; the project leader sees the network figure', async ({
  page,
  request,
  openBrowser,
  expectPage,
  axe,
}) => {
  test.setTimeout(600_000)
  let planId = ''
  let consultantCode = ''
  let leaderCode = ''

  await test.step('the administrator gives the company consultant and the project leader access to Sønderborg', async () => {
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const plans = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    planId = plans.plans.find((plan) => plan.municipality === 'Sønderborg')!.id
    consultantCode = await createPlanUser(page, consultant, 'jobcenter', planId, 'Jobcenter Sønderborg')
    leaderCode = await createPlanUser(page, leader, 'projektleder', planId)
  })

  const consultantPage = await openBrowser()
  const leaderPage = await openBrowser()

  await test.step('a list with a repeated and an invalid CVR number is refused row by row, and nothing is saved', async () => {
    await firstLogin(consultantPage, consultant, consultantCode, expectPage)
    await openCompanies(consultantPage, expectPage)
    await consultantPage.getByRole('link', { name: 'Indlæs liste over virksomheder' }).click()
    await expectPage(consultantPage, 'Indlæs virksomheder')
    const lines = numbers.map(line)
    lines[20] = line(numbers[4]!, 20) // row 22 repeats row 6
    lines[30] = `12345678;${names[30]};Perlegade 31;6400;Sønderborg;Detailhandel;5` // row 32: the check digit is wrong
    await consultantPage.getByLabel('Fil', { exact: true }).setInputFiles(csv(lines))
    await consultantPage.getByRole('button', { name: 'Indlæs fil' }).click()
    await expect(consultantPage.getByRole('heading', { name: 'Filen har 2 fejl' })).toBeVisible()
    const problems = consultantPage.getByRole('table').filter({ hasText: 'CVR-nummer' })
    await expect(problems).toContainText(`CVR-nummeret ${numbers[4]} står også i række 6`)
    await expect(problems).toContainText('CVR-nummeret "12345678" findes ikke')
    await expect(problems).toContainText('A (CVR-nummer)')
    await expect(consultantPage.getByRole('button', { name: /^Gem/ })).toBeDisabled()
    await axe(consultantPage, 'virksomheder med fejl')
    await consultantPage.getByRole('button', { name: 'Annullér' }).click()
    const list = (await (await consultantPage.request.get(`/api/plans/${planId}/companies?q=${run}`)).json()) as { total: number }
    expect(list.total).toBe(0)
  })

  await test.step('the fixed list is saved whole', async () => {
    await consultantPage.getByLabel('Fil', { exact: true }).setInputFiles(csv(numbers.map(line)))
    await consultantPage.getByRole('button', { name: 'Indlæs fil' }).click()
    await expect(consultantPage.getByText('Filen har 40 nye virksomheder.')).toBeVisible()
    await axe(consultantPage, 'virksomheder uden fejl')
    await consultantPage.getByRole('button', { name: 'Gem 40 virksomheder' }).click()
    await expect(consultantPage.getByRole('heading', { name: '40 virksomheder fra virksomheder.csv er gemt' })).toBeVisible()
    await consultantPage.getByRole('link', { name: 'Se virksomhederne' }).click()
    await expectPage(consultantPage, 'Virksomheder')
    await consultantPage.getByLabel('Søg efter navn, CVR-nummer, by eller branche').fill(run)
    await consultantPage.getByRole('button', { name: 'Søg' }).click()
    await expect(consultantPage.getByRole('heading', { name: `40 virksomheder fundet for »${run}«` })).toBeVisible()
  })

  await test.step('she marks five companies in the network', async () => {
    for (const name of names.slice(0, 5)) {
      await consultantPage.getByRole('link', { name, exact: true }).click()
      await expectPage(consultantPage, name)
      await consultantPage.getByRole('button', { name: 'Markér i netværket' }).click()
      await expect(consultantPage.getByRole('heading', { name: 'Netværket er opdateret' })).toBeVisible()
      await expect(consultantPage.getByText(/^I virksomhedsnetværket siden .* \(markeret af Karin Virksomhedskonsulent\)\.$/)).toBeVisible()
      // Back to the list, already scanned.
      await consultantPage.goBack()
      await expect(consultantPage.getByRole('heading', { level: 1 })).toHaveText('Virksomheder')
      await expect(consultantPage.getByRole('link', { name: names[5]!, exact: true })).toBeVisible()
    }
    await consultantPage.getByLabel('Netværket').selectOption('ja')
    await expect(consultantPage.getByRole('heading', { name: `5 virksomheder fundet for »${run}«` })).toBeVisible()
    await axe(consultantPage, 'virksomheder i netværket')
  })

  await test.step('she records a visit and creates an internship opening', async () => {
    await consultantPage.getByRole('link', { name: names[0], exact: true }).click()
    await expectPage(consultantPage, names[0]!)
    const visit = consultantPage.getByRole('form', { name: 'Registrér kontakt' })
    await visit.getByLabel('Slags kontakt').selectOption('visit')
    await visit.getByLabel('Note (valgfri)').fill('Rundvisning på lageret; plads til to i praktik efter sommerferien.')
    await visit.getByRole('button', { name: 'Registrér kontakt' }).click()
    await expect(consultantPage.getByRole('heading', { name: 'Kontakten er registreret' })).toBeVisible()
    const timeline = consultantPage.getByRole('region', { name: 'Kontakter' })
    await expect(timeline.getByRole('listitem').first()).toContainText('Besøg ved Karin Virksomhedskonsulent (Jobcenter Sønderborg')

    await consultantPage.getByRole('button', { name: 'Opret åbning' }).click()
    const opening = consultantPage.getByRole('form', { name: 'Opret åbning' })
    await opening.getByLabel('Slags').selectOption('virksomhedspraktik')
    await opening.getByLabel('Stilling eller opgaver').fill('Lagermedhjælper')
    await opening.getByLabel('Timer pr. uge (valgfrit)').fill('0')
    await opening.getByRole('button', { name: 'Opret åbning' }).click()
    // A wrong number is answered at its field, in Danish.
    await expect(opening.getByText('Timer pr. uge skal være over 0.').first()).toBeVisible()
    await axe(consultantPage, 'åbning med fejl')
    await opening.getByLabel('Timer pr. uge (valgfrit)').fill('20')
    await opening.getByLabel('Antal pladser').fill('2')
    await opening.getByRole('button', { name: 'Opret åbning' }).click()
    await expect(consultantPage.getByRole('heading', { name: 'Åbningen er oprettet' })).toBeVisible()
    const row = consultantPage.getByRole('row', { name: /Lagermedhjælper/ })
    await expect(row).toContainText('Virksomhedspraktik')
    await expect(row).toContainText('20')
    await axe(consultantPage, 'virksomhed med besøg og åbning')
  })

  await test.step('a CVR number that is another company’s is refused, naming that company', async () => {
    await consultantPage.getByRole('link', { name: 'Ret oplysninger' }).click()
    await expectPage(consultantPage, `Ret ${names[0]}`)
    const form = consultantPage.getByRole('form', { name: 'Ret virksomhedens oplysninger' })
    await form.getByLabel('CVR-nummer').fill(numbers[1]!)
    await form.getByRole('button', { name: 'Gem oplysninger' }).click()
    await expect(form.getByText(`CVR-nummeret ${numbers[1]} er allerede registreret i helhedsplanen for ${names[1]}.`).first()).toBeVisible()
    await axe(consultantPage, 'dublet ved rettelse')
    await form.getByLabel('CVR-nummer').fill(numbers[0]!)
    await form.getByLabel('Branchekode, DB07 (valgfri)').fill('471100')
    await form.getByRole('button', { name: 'Gem oplysninger' }).click()
    await expect(consultantPage.getByText(`Oplysningerne om ${names[0]} er gemt`)).toBeVisible()
    await expect(consultantPage.getByText('471100 · Detailhandel')).toBeVisible()
  })

  await test.step('the project leader sees five companies in the network', async () => {
    await firstLogin(leaderPage, leader, leaderCode, expectPage)
    // Her one plan is on the front page; the figures are linked from the plan's page.
    await leaderPage.getByRole('main').getByRole('listitem').getByRole('link').first().click()
    await expect(leaderPage.getByText('Boligsocial helhedsplan i Sønderborg Kommune')).toBeVisible()
    await axe(leaderPage, 'helhedsplanen')
    await leaderPage.getByRole('link', { name: 'Tal om virksomhedsnetværket' }).click()
    await expectPage(leaderPage, 'Tal om virksomhedsnetværket')
    await expect(leaderPage.locator('[data-figure="in-network"]')).toHaveText('5')
    await expect(leaderPage.locator('[data-figure="active"]')).toHaveText('1')
    await expect(leaderPage.getByRole('row', { name: /^Virksomhedspraktik/ })).toContainText('1')
  })
})
