import { expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey: a job-centre worker in Varde imports a time sheet on a phone; the broken row is shown by
// row and column with nothing saved, then the fixed file is saved whole; the project leader finds
// the hours on the follow-up dashboard's quarter of open counselling and staff time, delivered
// against the agreement's promise.

const run = Date.now().toString(36)
const leader = { name: 'Lene Opfølgning', email: `lene.${run}@example.dk`, password: 'lene vælger sin egen lange kode' }
const worker = { name: 'Tobias Timeskema', email: `tobias.${run}@example.dk`, password: 'tobias vælger sin egen lange kode' }
const ACTIVITY = 'Fremskudt indsats for Kontanthjælp og integration'

function sheet(lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return { name: 'timer.csv', mimeType: 'text/csv', buffer: Buffer.from(['Uge;Medarbejder;Aktivitet;Timer', ...lines].join('\r\n'), 'utf8') }
}

test('time sheets: a broken file is refused by row and column, the fixed one is saved and its hours reach the follow-up', async ({ page, request, openBrowser, expectPage, axe }) => {
  test.setTimeout(300_000)
  let planId = ''
  let agreementId = ''
  let leaderCode = ''
  let workerCode = ''

  await test.step('the administrator gives the project leader and a job-centre worker access to Varde', async () => {
    await logInAsAdmin(page, request)
    const plans = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    planId = plans.plans.find((plan) => plan.municipality === 'Varde')!.id
    const agreements = (await (await page.request.get(`/api/plans/${planId}/agreements`)).json()) as { agreements: { id: string }[] }
    agreementId = agreements.agreements[0]!.id
    leaderCode = await createPlanUser(page, leader, 'projektleder', planId, 'Den boligsociale helhedsplan')
    workerCode = await createPlanUser(page, worker, 'jobcenter', planId, 'Jobcenter Varde')
  })

  const phone = await openBrowser()
  await phone.setViewportSize({ width: 375, height: 812 })

  await test.step('the worker’s time sheet with a broken row is refused by row and column, and nothing is saved', async () => {
    await firstLogin(phone, worker, workerCode, expectPage)
    await phone.goto(`/planer/${planId}/tid`)
    await expectPage(phone, 'Tid og løfter')
    await phone.getByRole('link', { name: /^Indlæs et timeskema/ }).first().click()
    await expectPage(phone, 'Indlæs et timeskema')
    await axe(phone, 'the time-sheet import page')
    const rows = [`2025-W41;${worker.email};${ACTIVITY};11,5`, `uge 42 2025;${worker.email};${ACTIVITY};7,25`]
    await phone.getByLabel('Fil', { exact: true }).setInputFiles(sheet(rows))
    await phone.getByRole('button', { name: 'Indlæs fil' }).click()
    await expect(phone.getByRole('heading', { name: 'Filen har 1 fejl' })).toBeVisible()
    const problems = phone.getByRole('table').filter({ hasText: 'D (Timer)' })
    await expect(problems.getByRole('row').filter({ hasText: '»7,25« er ikke et antal timer' })).toContainText('3')
    await expect(phone.getByRole('button', { name: /^Gem/ })).toBeDisabled()
    await axe(phone, 'the time sheet with a broken row')
    await phone.screenshot({ path: '/tmp/journey-26-broken-time-sheet.png', fullPage: true })
    const before = (await (await phone.request.get(`/api/plans/${planId}/staff-time/hours`)).json()) as { entries: unknown[] }
    expect(before.entries).toEqual([])
    await phone.getByRole('button', { name: 'Annullér' }).click()

    rows[1] = `uge 42 2025;${worker.email};${ACTIVITY};12`
    await phone.getByLabel('Fil', { exact: true }).setInputFiles(sheet(rows))
    await phone.getByRole('button', { name: 'Indlæs fil' }).click()
    await expect(phone.getByText('Filen har 2 rækker timer.')).toBeVisible()
    await axe(phone, 'the fixed time sheet')
    await phone.getByRole('button', { name: 'Gem 2 rækker timer' }).click()
    await expect(phone.getByRole('heading', { name: '2 rækker timer fra timer.csv er gemt' })).toBeVisible()
    await axe(phone, 'the saved time sheet')
    const after = (await (await phone.request.get(`/api/plans/${planId}/staff-time/hours`)).json()) as { entries: { week: string; hours: number }[] }
    expect(after.entries.map((e) => [e.week, e.hours]).sort()).toEqual([
      ['2025-W41', 11.5],
      ['2025-W42', 12],
    ])
  })

  await test.step('the project leader sees the hours on the follow-up, delivered against the promise', async () => {
    const lead = await openBrowser()
    await firstLogin(lead, leader, leaderCode, expectPage)
    await lead.goto(`/planer/${planId}/delaftaler/${agreementId}/opfoelgning`)
    await expectPage(lead, 'Opfølgning')
    const section = lead.getByRole('region', { name: 'Åben rådgivning og medarbejdertid, 4. kvartal 2025' })
    await expect(section).toBeVisible()
    const table = section.getByRole('table', { name: /Medarbejdertimer leveret mod lovet/ })
    await expect(table.getByRole('row').filter({ hasText: 'lovede mindst 16 timer pr. uge i 44 uger; 4. kvartal 2025' }).first()).toContainText('23,5')
    await expect(section).toContainText('Registreret i alt: 23,5 timer')
    await axe(lead, 'the follow-up with the quarter of staff time')
    await section.screenshot({ path: '/tmp/journey-26-follow-up-outreach.png' })
    await section.getByRole('button', { name: 'Forrige kvartal' }).click()
    await expect(lead.getByRole('region', { name: 'Åben rådgivning og medarbejdertid, 3. kvartal 2025' })).toBeVisible()
  })
})
