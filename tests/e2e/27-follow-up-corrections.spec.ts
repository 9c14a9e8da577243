import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey: more mistakes put right (decision 036). A housing-social worker corrects a follow-up
// written on the wrong day, reopens a course ended by mistake, and records a resident's request to
// be erased; the project leader approves it on the resident's page, which erases the resident.

const run = Date.now().toString(36)
const worker = { name: 'Wilma Værn', email: `wilma.${run}@example.dk`, password: 'wilma vælger sin egen lange kode' }
const leader = { name: 'Lone Leder', email: `lone.${run}@example.dk`, password: 'lone vælger sin egen lange kode' }
const resident = `Amal Hussein ${run}`
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' })

async function post(page: Page, request: APIRequestContext | Page['request'], url: string, data: unknown) {
  const res = await request.post(url, { headers: { origin: new URL(page.url()).origin }, data: data as object })
  expect(res.status(), await res.text()).toBeLessThan(300)
  return res.status() === 204 ? null : ((await res.json()) as Record<string, unknown>)
}

test('a follow-up is corrected, an exit reopened, and an erasure requested and approved', async ({ page, request, openBrowser, expectPage }) => {
  test.setTimeout(300_000)
  let planId = ''
  const codes: Record<string, string> = {}

  await test.step('the administrator gives a worker and a project leader Sønderborg', async () => {
    await page.goto('/log-ind')
    await expectPage(page, 'Log ind')
    await logInAsAdmin(page, request)
    const list = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    planId = list.plans.find((p) => p.municipality === 'Sønderborg')!.id
    for (const [user, role] of [[worker, 'boligsocial'], [leader, 'projektleder']] as const) {
      codes[user.email] = await createPlanUser(page, user, role, planId, 'Den boligsociale helhedsplan')
    }
  })

  const workerPage = await openBrowser()
  let participantUrl = ''
  let enrolmentId = ''
  let coursePage = ''

  await test.step('the worker registers a resident in a course with a follow-up written on the wrong day', async () => {
    await workerPage.goto('/log-ind')
    await firstLogin(workerPage, worker, codes[worker.email]!, expectPage)
    await workerPage.goto(`/planer/${planId}/deltagere/ny`)
    await expectPage(workerPage, 'Registrér deltager')
    await workerPage.getByLabel('Navn').fill(resident)
    await workerPage.getByLabel('Fødselsår').fill('1990')
    await workerPage.getByRole('button', { name: 'Registrér deltager' }).click()
    await expect(workerPage).toHaveTitle(/^Deltager D-\d+ – Indsats$/)
    participantUrl = workerPage.url()
    const participantId = participantUrl.split('/').pop()!
    const activities = (await (await workerPage.request.get(`/api/plans/${planId}/activities`)).json()) as { id: string; name: string }[]
    coursePage = `Forløb: ${activities[0]!.name}`
    const enrolled = await post(workerPage, workerPage.request, `/api/plans/${planId}/participants/${participantId}/enrolments`, {
      activityId: activities[0]!.id,
      referredOn: day(30),
      referredBy: 'Jobcenter',
      startOn: day(25),
      selection: null,
      allowOverbooking: true,
    })
    enrolmentId = enrolled!.id as string
    await post(workerPage, workerPage.request, `/api/plans/${planId}/enrolments/${enrolmentId}/followups`, { heldOn: day(3), note: 'Har søgt to praktikpladser', category: 'employment' })
  })

  await test.step('the worker corrects the follow-up with a reason', async () => {
    await workerPage.goto(`/planer/${planId}/forloeb/${enrolmentId}`)
    await expectPage(workerPage, coursePage)
    await workerPage.getByRole('button', { name: /^Ret statusopfølgningen fra/ }).click()
    const form = workerPage.getByRole('form', { name: /^Ret statusopfølgningen fra/ })
    await form.getByLabel('Dato').fill(day(4))
    await form.getByLabel('Hvordan går det?').fill('Har søgt tre praktikpladser')
    await form.getByRole('button', { name: 'Gem rettelsen' }).click()
    await expect(form.getByText('Skriv, hvorfor der rettes.').first()).toBeVisible()
    await form.getByLabel('Hvorfor rettes opfølgningen?').fill('Forkert dato og antal')
    await form.getByRole('button', { name: 'Gem rettelsen' }).click()
    await expect(workerPage.getByRole('heading', { name: 'Statusopfølgningen er rettet' })).toBeVisible()
    await expect(workerPage.getByText('Har søgt tre praktikpladser')).toBeVisible()
    await expectPage(workerPage, coursePage)
    await workerPage.screenshot({ path: 'test-results/27-followup-corrected.png', fullPage: true })
  })

  await test.step('the worker ends the course by mistake and reopens it with a reason', async () => {
    await workerPage.getByLabel('Slutdato').fill(day(1))
    await workerPage.getByLabel('Afslutningsårsag').selectOption({ label: 'Job' })
    await workerPage.getByRole('button', { name: 'Afslut forløbet' }).click()
    await expect(workerPage.getByRole('heading', { name: 'Genåbn forløbet' })).toBeVisible()
    await workerPage.getByLabel('Hvorfor genåbnes forløbet?').fill('Afsluttet på den forkerte beboer')
    await workerPage.getByRole('button', { name: 'Genåbn forløbet' }).click()
    await expect(workerPage.getByRole('heading', { name: 'Forløbet er genåbnet' })).toBeVisible()
    await expect(workerPage.getByRole('heading', { name: 'Afslut forløbet' })).toBeVisible()
    await expectPage(workerPage, coursePage)
  })

  await test.step('the worker records that the resident asks to be erased', async () => {
    await workerPage.goto(participantUrl)
    await expect(workerPage).toHaveTitle(/^Deltager D-\d+ – Indsats$/)
    await workerPage.getByRole('button', { name: 'Send anmodning om sletning' }).click()
    await expect(workerPage.getByRole('heading', { name: 'Anmodningen er sendt til projektlederen' })).toBeVisible()
    await expect(workerPage.getByText('Afventer projektlederen')).toBeVisible()
    const pseudonym = (await workerPage.title()).match(/D-\d+/)![0]
    await expectPage(workerPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(resident) })
    await workerPage.screenshot({ path: 'test-results/27-erasure-requested.png', fullPage: true })
  })

  const leaderPage = await openBrowser()
  await test.step('the project leader approves the request, which erases the resident', async () => {
    await leaderPage.goto('/log-ind')
    await firstLogin(leaderPage, leader, codes[leader.email]!, expectPage)
    await leaderPage.goto(participantUrl)
    await expect(leaderPage).toHaveTitle(/^Deltager D-\d+ – Indsats$/)
    const pseudonym = (await leaderPage.title()).match(/D-\d+/)![0]
    await expectPage(leaderPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(resident) })
    await leaderPage.getByLabel('Skriv deltagerens id for at godkende og slette').fill(pseudonym)
    await leaderPage.getByRole('button', { name: 'Godkend og slet' }).click()
    await expect(leaderPage.getByText(resident)).toHaveCount(0)
    await expect(leaderPage.getByText('Godkendt og slettet')).toBeVisible()
    await expectPage(leaderPage, { title: `Deltager ${pseudonym}`, heading: new RegExp(pseudonym) })
    await leaderPage.screenshot({ path: 'test-results/27-erasure-approved.png', fullPage: true })
  })
})
