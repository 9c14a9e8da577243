import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { docxText } from '../support/docx-text.ts'
import { cvrNumbers } from '../support/companies.ts'
import { expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey: a resident has just finished the Sønderborg course with an exit into a company internship
// and a consent that covers the job centre. The company consultant (job centre) places her in the
// internship from her page, linked to the course, and ends it in a job. The project leader sees the
// course's transition figure rise and the placement in the company figures, and downloads the
// board's report with its company section (the Word file opened by LibreOffice, a PDF page looked
// at as an image). Importing the company list, the network, the visit and the opening itself are
// journey 14's; here they are set up through the API.

const run = Date.now().toString(36)
const consultant = { name: 'Karin Udplacering', email: `karin.u.${run}@example.dk`, password: 'karin vælger sin egen lange kode' }
const leader = { name: 'Peter Udplacering', email: `peter.u.${run}@example.dk`, password: 'peter vælger også en lang kode' }
const resident = `Amira Praktik ${run}`
const companyName = `Als Lager ${run}`
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' })
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' })
const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`

async function post(page: Page, url: string, data: unknown): Promise<string> {
  const res = await page.request.post(url, { data: data as object })
  expect(res.status(), await res.text()).toBeLessThan(300)
  return res.status() === 204 ? '' : ((await res.json()) as { id: string }).id
}

const transitionFigure = (page: Page) => page.locator('li.figure', { has: page.getByRole('heading', { name: 'Overgang til virksomhedspraktik eller job' }) }).locator('.figure-value')

test('the company consultant places a resident after the course and ends it in a job; the project leader sees the transition rise and downloads the report', async ({ page, request, openBrowser, expectPage, axe }) => {
  test.setTimeout(600_000)
  let planId = ''
  let consultantCode = ''
  let leaderCode = ''
  let residentId = ''
  let activityId = ''

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
  const api = (p: string) => `/api/plans/${planId}${p}`

  await test.step('the resident finishes the course today with an exit into an internship, under a consent covering the job centre', async () => {
    await firstLogin(leaderPage, leader, leaderCode, expectPage)
    await firstLogin(consultantPage, consultant, consultantCode, expectPage)
    const activities = (await (await leaderPage.request.get(api('/activities'))).json()) as { id: string; key: string }[]
    activityId = activities.find((a) => a.key === 'beskaeftigelsesfremmende-forloeb')!.id
    residentId = await post(leaderPage, api('/participants'), { name: resident, phone: null, email: null, address: null, birthYear: 1991, ageBand: null, housingAreaId: null, departmentId: null, registeredOn: daysAgo(90), targetGroupCode: '6.3', targetGroupOn: daysAgo(90) })
    const parties = (await (await leaderPage.request.get(api('/parties'))).json()) as { parties: { id: string; kind: string }[] }
    const named = ['boligsocial', 'jobcenter'].map((kind) => parties.parties.find((p) => p.kind === kind)!.id)
    await post(leaderPage, api(`/participants/${residentId}/consents`), { parties: named, categories: ['contact', 'employment'], purpose: 'Praktik og job sammen med jobcentret.', form: 'oral', givenOn: daysAgo(80), validUntil: null })
    const enrolmentId = await post(leaderPage, api(`/participants/${residentId}/enrolments`), { activityId, referredOn: daysAgo(75), referredBy: 'Fremskudt jobcenter', startOn: daysAgo(70), selection: null, allowOverbooking: true })
    const exit = await leaderPage.request.put(api(`/enrolments/${enrolmentId}`), { data: { version: 1, startOn: daysAgo(70), plannedEndOn: null, exitOn: today, exitReason: 'virksomhedspraktik', destinationOn: null, exitNote: null, internshipContact: true } })
    expect(exit.status(), await exit.text()).toBe(204)
    const companyId = await post(consultantPage, api('/companies'), { cvr: cvrNumbers(1, 3_000_000 + (Date.now() % 5_000_000))[0], name: companyName })
    await post(consultantPage, api(`/companies/${companyId}/openings`), { kind: 'virksomhedspraktik', title: 'Lagermedhjælper', places: 1 })
  })

  let before = ''
  await test.step('the project leader looks at the course’s transition figure for this quarter', async () => {
    await leaderPage.goto(`/planer/${planId}/aktiviteter/${activityId}?periode=${quarter}`)
    await axe(leaderPage, 'forløbets nøgletal før udplaceringen')
    await expect(transitionFigure(leaderPage)).toBeVisible()
    before = (await transitionFigure(leaderPage).textContent()) ?? ''
  })

  await test.step('the company consultant places the resident from her page, linked to the course', async () => {
    await consultantPage.goto(`/planer/${planId}/deltagere/${residentId}`)
    await axe(consultantPage, 'beboerens side')
    await consultantPage.getByRole('link', { name: 'Udplacér i virksomhed' }).click()
    await expectPage(consultantPage, 'Udplacér beboer i en virksomhed')
    await consultantPage.getByRole('button', { name: 'Udplacér beboeren' }).click()
    await expect(consultantPage.getByRole('heading', { name: 'Der er problemer med formularen' })).toBeVisible()
    await expect(consultantPage.getByText('Vælg åbningen, beboeren udplaceres i.').first()).toBeVisible()
    await axe(consultantPage, 'udplacering med fejl')
    await consultantPage.getByLabel('Åbning').selectOption({ label: `${companyName}: Lagermedhjælper (Virksomhedspraktik, 0 af 1 pladser besat)` })
    await expect(consultantPage.getByLabel('Efter forløb (udslusning)')).not.toHaveValue('')
    await consultantPage.getByLabel('Mentor (valgfri)').fill('Lone, lagerchef')
    await consultantPage.getByRole('button', { name: 'Udplacér beboeren' }).click()
    await expectPage(consultantPage, `${resident} hos ${companyName}`)
    await expect(consultantPage.getByTestId('placement-status')).toHaveText('I gang')
  })

  await test.step('the company consultant ends the placement in a job', async () => {
    await consultantPage.getByLabel('Udfald').selectOption({ label: 'Job' })
    await consultantPage.getByRole('button', { name: 'Afslut udplaceringen' }).click()
    await expect(consultantPage.getByTestId('placement-status')).toHaveText('Afsluttet: Job')
    await axe(consultantPage, 'afsluttet udplacering')
    await consultantPage.getByRole('link', { name: 'Udplaceringer i virksomheder' }).click()
    await expectPage(consultantPage, 'Udplaceringer i virksomheder')
    await expect(consultantPage.getByRole('row', { name: new RegExp(resident) })).toContainText('Job')
  })

  await test.step('the project leader sees the transition figure rise and the placement in the company figures', async () => {
    await leaderPage.reload()
    await axe(leaderPage, 'forløbets nøgletal efter udplaceringen')
    await expect(transitionFigure(leaderPage)).not.toHaveText(before)
    await expect(transitionFigure(leaderPage)).toContainText('%')
    await leaderPage.goto(`/planer/${planId}/virksomhedstal?fra=${today.slice(0, 4)}-01-01&til=${today}`)
    await expectPage(leaderPage, 'Tal om virksomhedsnetværket')
    await expect(leaderPage.locator('[data-figure="placements-started"]')).not.toHaveText('0')
    await expect(leaderPage.locator('[data-figure="placements-completed"]')).not.toHaveText('0')
  })

  await test.step('the agreement’s follow-up page shows the year’s companies and placements', async () => {
    const agreements = (await (await leaderPage.request.get(api('/agreements'))).json()) as { agreements: { id: string; key: string }[] }
    const agreement = agreements.agreements.find((a) => a.key.includes('beskaeftigelse')) ?? agreements.agreements[0]!
    await leaderPage.goto(`/planer/${planId}/delaftaler/${agreement.id}/opfoelgning`)
    await expectPage(leaderPage, 'Opfølgning')
    const companies = leaderPage.getByRole('region', { name: `Virksomheder og udplaceringer, ${today.slice(0, 4)}` })
    await expect(companies.getByRole('row', { name: /^Udplaceringer startet/ }).getByRole('cell')).not.toHaveText('0')
    await expect(companies.getByRole('row', { name: /^Udplaceringer gennemført/ }).getByRole('cell')).not.toHaveText('0')
    await companies.scrollIntoViewIfNeeded()
    await leaderPage.screenshot({ path: 'test-results/17-follow-up-companies.png' })
  })

  await test.step('the project leader downloads the board report with the company figures: Word opens in LibreOffice, the PDF renders', async () => {
    const agreements = (await (await leaderPage.request.get(api('/agreements'))).json()) as { agreements: { id: string; key: string }[] }
    const agreement = agreements.agreements.find((a) => a.key.includes('beskaeftigelse')) ?? agreements.agreements[0]!
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-17-'))
    const docx = await leaderPage.request.get(api(`/agreements/${agreement.id}/report?period=${quarter}&format=docx`))
    expect(docx.status()).toBe(200)
    const docxFile = path.join(dir, 'rapport.docx')
    fs.writeFileSync(docxFile, await docx.body())
    const { all: text } = await docxText(fs.readFileSync(docxFile))
    expect(text).toContain('Virksomheder og udplaceringer')
    expect(text).toContain('Job eller uddannelse inden for 13 uger')
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', dir, docxFile], { timeout: 120_000, stdio: 'ignore' })
    expect(fs.readFileSync(path.join(dir, 'rapport.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-')

    const pdf = await leaderPage.request.get(api(`/agreements/${agreement.id}/report?period=${quarter}&format=pdf`))
    expect(pdf.status()).toBe(200)
    const pdfFile = path.join(dir, 'rapport-indsats.pdf')
    fs.writeFileSync(pdfFile, await pdf.body())
    // Every page as an image: the company section is on the last one.
    execFileSync('pdftoppm', ['-png', '-r', '60', pdfFile, path.join(dir, 'side')], { timeout: 60_000 })
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('side') && f.endsWith('.png')).length).toBeGreaterThan(0)
  })
})
