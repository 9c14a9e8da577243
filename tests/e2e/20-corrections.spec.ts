import type { Page } from '@playwright/test'
import { type ExpectPage, expect, test } from './support/fixtures.ts'
import { firstLogin, logInAsAdmin, ONE_TIME_PASSWORD } from './support/users.ts'
import { oneTimePasswordMailedTo } from './support/mail.ts'

// Journey: mistakes put right. A project leader corrects a resident's birth year (a year in the
// future is refused at the field), registers a resident who may be there already as a conscious
// choice, and merges the two; the administrator then lowers the project leader's role, and the
// leader's open browser loses access at once.

const run = Date.now().toString(36)
const leader = { name: 'Rikke Retter', email: `rikke.${run}@example.dk`, password: 'rikke vælger sin egen lange kode' }
const resident = `Yusuf Demir ${run}`

/** Waits for a resident's page, checks it (axe included) and returns its pseudonym. */
async function residentPage(page: Page, heading: RegExp, expectPage: ExpectPage): Promise<string> {
  await expect(page).toHaveTitle(/^Deltager D-\d+ – Indsats$/)
  const pseudonym = (await page.title()).match(/D-\d+/)![0]
  await expectPage(page, { title: `Deltager ${pseudonym}`, heading })
  return pseudonym
}

test('a resident is corrected and merged with a duplicate, and a user whose role is lowered loses access at once', async ({ page, request, openBrowser, expectPage }) => {
  test.setTimeout(300_000)
  let planId = ''
  let code = ''

  await test.step('the administrator gives a project leader Sønderborg', async () => {
    await page.goto('/log-ind')
    await expectPage(page, 'Log ind')
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const list = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    planId = list.plans.find((p) => p.municipality === 'Sønderborg')!.id
    const res = await page.request.post('/api/users', {
      headers: { origin: new URL(page.url()).origin },
      data: { email: leader.email, name: leader.name, role: 'projektleder', organisation: 'Den boligsociale helhedsplan', planIds: [planId] },
    })
    expect(res.status(), await res.text()).toBe(201)
    code = oneTimePasswordMailedTo(leader.email)
    expect(code).toMatch(ONE_TIME_PASSWORD)
  })

  const leaderPage = await openBrowser()
  let firstUrl = ''

  await test.step('the project leader registers a resident and corrects the birth year', async () => {
    await leaderPage.goto('/log-ind')
    await expectPage(leaderPage, 'Log ind')
    await firstLogin(leaderPage, leader, code, expectPage)
    await leaderPage.goto(`/planer/${planId}/deltagere/ny`)
    await expectPage(leaderPage, 'Registrér deltager')
    await leaderPage.getByLabel('Navn').fill(resident)
    await leaderPage.getByLabel('Fødselsår').fill('1948')
    await leaderPage.getByRole('button', { name: 'Registrér deltager' }).click()
    const first = await residentPage(leaderPage, new RegExp(resident), expectPage)
    firstUrl = leaderPage.url()

    await leaderPage.getByRole('link', { name: 'Ret oplysninger' }).click()
    await expectPage(leaderPage, { title: `Ret deltager ${first}`, heading: `Ret deltager: ${first} · ${resident}` })
    await leaderPage.getByLabel('Fødselsår').fill(String(new Date().getFullYear() + 1))
    await leaderPage.getByRole('button', { name: 'Gem rettelser' }).click()
    await expect(leaderPage.getByText('Fødselsåret kan ikke ligge i fremtiden.').first()).toBeVisible()
    await leaderPage.getByLabel('Fødselsår').fill('1984')
    await leaderPage.getByRole('button', { name: 'Gem rettelser' }).click()
    await residentPage(leaderPage, new RegExp(resident), expectPage)
    await expect(leaderPage.getByText('Rettelserne er gemt')).toBeVisible()
    await expect(leaderPage.getByRole('region', { name: 'Kontakt' })).toContainText('1984')
  })

  let duplicate = ''
  await test.step('registering the same person again is flagged, with a link, and done only as a choice', async () => {
    await leaderPage.goto(`/planer/${planId}/deltagere/ny`)
    await expectPage(leaderPage, 'Registrér deltager')
    await leaderPage.getByLabel('Navn').fill(resident.toUpperCase())
    await leaderPage.getByLabel('Fødselsår').fill('1984')
    await leaderPage.getByRole('button', { name: 'Registrér deltager' }).click()
    const warning = leaderPage.getByRole('region', { name: 'Beboeren er måske allerede registreret' }).or(leaderPage.locator('.alert-warning'))
    await expect(warning).toContainText('samme navn og fødselsår')
    await expect(warning.getByRole('link', { name: new RegExp(resident) })).toBeVisible()
    await warning.getByRole('button', { name: 'Det er en anden person – registrér alligevel' }).click()
    duplicate = await residentPage(leaderPage, new RegExp(resident.toUpperCase()), expectPage)
  })

  await test.step('the project leader merges the duplicate into the first registration', async () => {
    await leaderPage.goto(firstUrl)
    await residentPage(leaderPage, new RegExp(resident), expectPage)
    await leaderPage.getByLabel('Dublettens id').fill(duplicate)
    await leaderPage.getByRole('button', { name: 'Læg sammen …' }).click()
    const dialog = leaderPage.getByRole('dialog', { name: new RegExp(`Læg ${duplicate} sammen med`) })
    await dialog.getByRole('button', { name: new RegExp(`Læg ${duplicate} sammen med`) }).click()
    await expect(leaderPage.getByRole('heading', { name: new RegExp(`${duplicate} er lagt sammen med`) })).toBeVisible()
  })

  await test.step('the administrator lowers the project leader to board member, and the open browser loses access at once', async () => {
    await page.goto('/brugere')
    await expectPage(page, 'Brugere')
    await page.getByRole('button', { name: `Ret ${leader.name}` }).click()
    const form = page.getByRole('form', { name: `Ret ${leader.name}` })
    await form.getByLabel('Rolle').selectOption({ label: 'Bestyrelsesmedlem' })
    await form.getByRole('button', { name: 'Gem ændringer' }).click()
    await expect(page.getByRole('heading', { name: `${leader.name} er ændret` })).toBeVisible()
    await expect(page.getByText('Brugeren har fået færre rettigheder og er logget ud.')).toBeVisible()

    // The next page the leader opens in the browser left open says the session has ended.
    await leaderPage.goto(firstUrl)
    await expectPage(leaderPage, 'Din session er udløbet')
  })
})
