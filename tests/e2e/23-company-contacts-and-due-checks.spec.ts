import type { Page } from '@playwright/test'
import { cvrNumbers } from '../support/companies.ts'
import { expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey: the company consultant (job centre, Sønderborg) finds on the front page, beside "Mine
// opgaver", that the three-month question of a resident she placed in an ordinary job four months
// ago is overdue, and follows the link to the placement. On the company's page she adds a contact
// person, corrects the phone number after a job change, and removes the person who has left. The
// company, the opening and the placement are set up through the API (journeys 14 and 17 do them in
// the browser).

const run = Date.now().toString(36)
const consultant = { name: 'Karin Opfølgning', email: `karin.o.${run}@example.dk`, password: 'karin vælger sin egen lange kode' }
const resident = `Bashir Lager ${run}`
const companyName = `Nordals Lager ${run}`
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' })
const monthsAgo = (n: number) => {
  const d = new Date(`${today}T12:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() - n)
  return d.toISOString().slice(0, 10)
}

async function post(page: Page, url: string, data: unknown): Promise<string> {
  const res = await page.request.post(url, { data: data as object })
  expect(res.status(), await res.text()).toBeLessThan(300)
  return res.status() === 204 ? '' : ((await res.json()) as { id: string }).id
}

test('the company consultant sees an overdue three-month question on the front page, and corrects and removes a company contact person', async ({ page, request, openBrowser, expectPage, axe }) => {
  test.setTimeout(600_000)
  let planId = ''
  let code = ''
  let companyId = ''
  let placementId = ''

  await test.step('the administrator gives the company consultant access to Sønderborg', async () => {
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const plans = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    planId = plans.plans.find((plan) => plan.municipality === 'Sønderborg')!.id
    code = await createPlanUser(page, consultant, 'jobcenter', planId, 'Jobcenter Sønderborg')
  })

  const karin = await openBrowser()
  const api = (p: string) => `/api/plans/${planId}${p}`

  await test.step('four months ago she placed a resident of her own in an ordinary job', async () => {
    await firstLogin(karin, consultant, code, expectPage)
    companyId = await post(karin, api('/companies'), { cvr: cvrNumbers(1, 4_000_000 + (Date.now() % 4_000_000))[0], name: companyName })
    const openingId = await post(karin, api(`/companies/${companyId}/openings`), { kind: 'ordinaert-job', title: 'Lagermedarbejder', places: 2 })
    const residentId = await post(karin, api('/participants'), { name: resident, phone: null, email: null, address: null, birthYear: 1990, ageBand: null, housingAreaId: null, departmentId: null, registeredOn: monthsAgo(6), targetGroupCode: '6.3', targetGroupOn: monthsAgo(6) })
    placementId = await post(karin, api('/placements'), { openingId, participantId: residentId, startOn: monthsAgo(4) })
  })

  await test.step('the front page lists the overdue question beside her tasks and links to the placement', async () => {
    await karin.goto('/')
    await expectPage(karin, { title: 'Forside', heading: `Velkommen, ${consultant.name}` })
    const section = karin.getByRole('region', { name: 'Opfølgninger der venter' })
    const item = section.getByRole('listitem').filter({ hasText: resident })
    await expect(item).toContainText('Stadig i job efter 3 måneder?')
    await expect(item).toContainText('Forfalden siden')
    await expect(item).toContainText(companyName)
    await section.screenshot({ path: '/tmp/journey-23-due-checks.png' })
    await item.getByRole('link', { name: resident }).click()
    await expect(karin).toHaveURL(new RegExp(`/udplaceringer/${placementId}$`))
    await expectPage(karin, `${resident} hos ${companyName}`)
  })

  await test.step('she adds a contact person at the company', async () => {
    await karin.goto(`/planer/${planId}/virksomheder/${companyId}`)
    await expectPage(karin, companyName)
    const contacts = karin.getByRole('region', { name: 'Kontaktpersoner' })
    await contacts.getByRole('button', { name: 'Tilføj kontaktperson' }).click()
    await contacts.getByLabel('Navn').fill('Mette Hansen')
    await contacts.getByLabel('Stilling (valgfri)').fill('HR-partner')
    await contacts.getByLabel('Telefon (valgfri)').fill('74 42 12 34')
    await contacts.getByLabel('E-mail (valgfri)').fill('mette@example.dk')
    await contacts.getByRole('button', { name: 'Gem kontaktperson' }).click()
    await expect(contacts.getByRole('heading', { name: 'Kontaktpersonen er gemt' })).toBeVisible()
    await expect(contacts.getByRole('row', { name: /Mette Hansen/ })).toContainText('74 42 12 34')
    await axe(karin, 'kontaktperson tilføjet')
  })

  await test.step('she corrects the phone number and job title, and a wrong e-mail is shown at its field', async () => {
    const contacts = karin.getByRole('region', { name: 'Kontaktpersoner' })
    await contacts.getByRole('button', { name: 'Ret Mette Hansen' }).click()
    await expect(contacts.getByRole('heading', { name: 'Ret Mette Hansen' })).toBeVisible()
    await expect(contacts.getByLabel('Telefon (valgfri)')).toHaveValue('74 42 12 34')
    await contacts.getByLabel('E-mail (valgfri)').fill('mette-at-firma')
    await contacts.getByRole('button', { name: 'Gem rettelsen' }).click()
    await expect(contacts.getByText('Skriv en gyldig e-mailadresse', { exact: false }).first()).toBeVisible()
    await axe(karin, 'rettelse med fejl')
    await contacts.getByLabel('E-mail (valgfri)').fill('mette@nordals.example')
    await contacts.getByLabel('Telefon (valgfri)').fill('20 30 40 50')
    await contacts.getByLabel('Stilling (valgfri)').fill('HR-chef')
    await contacts.getByRole('button', { name: 'Gem rettelsen' }).click()
    await expect(contacts.getByText('Oplysningerne om Mette Hansen er rettet.')).toBeVisible()
    const row = contacts.getByRole('row', { name: /Mette Hansen/ })
    await expect(row).toContainText('20 30 40 50')
    await expect(row).toContainText('HR-chef')
    await expect(row).not.toContainText('74 42 12 34')
    await contacts.screenshot({ path: '/tmp/journey-23-contact-corrected.png' })
  })

  await test.step('she removes the contact person, who is gone from the page after asking first', async () => {
    const contacts = karin.getByRole('region', { name: 'Kontaktpersoner' })
    await contacts.getByRole('button', { name: 'Fjern Mette Hansen' }).click()
    const dialog = karin.getByRole('dialog', { name: 'Fjern Mette Hansen?' })
    await expect(dialog).toContainText('slettes helt')
    await axe(karin, 'fjern kontaktperson')
    await dialog.getByRole('button', { name: 'Fjern kontaktpersonen' }).click()
    await expect(contacts.getByRole('heading', { name: 'Kontaktpersonen er fjernet' })).toBeVisible()
    await expect(contacts.getByText('Der er ingen kontaktpersoner endnu.')).toBeVisible()
    await axe(karin, 'kontaktperson fjernet')
    const list = (await (await karin.request.get(api(`/companies/${companyId}/contacts`))).json()) as { contacts: unknown[] }
    expect(list.contacts).toEqual([])
  })
})
