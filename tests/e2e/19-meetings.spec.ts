import { expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey: the project leader in Varde records a quarterly cooperation meeting with participants,
// minutes, a decision and an action owned by a job-centre worker; the worker finds it under "Mine
// opgaver" on the front page (on a phone) and marks it done; a board meeting's decision approves
// the agreement's revision; the worker imports the job centre's calendar export, whose broken row
// is shown by row and column with nothing saved, then the fixed file is saved whole.

const run = Date.now().toString(36)
const leader = { name: 'Mona Mødeleder', email: `mona.${run}@example.dk`, password: 'mona vælger sin egen lange kode' }
const worker = { name: 'Jakob Kalender', email: `jakob.${run}@example.dk`, password: 'jakob vælger sin egen lange kode' }

const HEADER = 'Dato;Medarbejder;Aktivitet;Sted;Varighed;Transport'
function calendar(lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return { name: 'kalender.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8') }
}

test('meetings: minutes, decisions and actions reach their owners, and the calendar export is imported after a fix', async ({ page, request, openBrowser, expectPage, axe }) => {
  test.setTimeout(300_000)
  let planId = ''
  let leaderCode = ''
  let workerCode = ''

  await test.step('the administrator gives the project leader and a job-centre worker access to Varde', async () => {
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const plans = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    planId = plans.plans.find((plan) => plan.municipality === 'Varde')!.id
    leaderCode = await createPlanUser(page, leader, 'projektleder', planId, 'Den boligsociale helhedsplan')
    workerCode = await createPlanUser(page, worker, 'jobcenter', planId, 'Jobcenter Varde')
  })

  const lead = await openBrowser()
  const phone = await openBrowser()
  await phone.setViewportSize({ width: 375, height: 812 })

  await test.step('the project leader records a quarterly cooperation meeting with minutes, a decision and an action for the worker', async () => {
    await firstLogin(lead, leader, leaderCode, expectPage)
    await lead.getByRole('link', { name: 'Møder', exact: true }).first().click()
    await expectPage(lead, 'Møder')
    await expect(lead.getByText('Der er ikke registreret nogen møder endnu.')).toBeVisible()
    await lead.getByRole('link', { name: 'Registrér et møde' }).click()
    await expectPage(lead, 'Registrér et møde')
    await lead.getByLabel('Slags møde').selectOption({ label: 'Samarbejdsmøde' })
    await lead.getByLabel('Dato').fill('2025-09-23')
    await lead.getByLabel('Titel').fill('Samarbejdsmøde 3. kvartal 2025')
    await lead.getByRole('group', { name: 'Deltagere fra helhedsplanen' }).getByLabel(leader.name).check()
    await lead.getByRole('group', { name: 'Deltagere fra helhedsplanen' }).getByLabel(worker.name).check()
    await lead.getByLabel('Andre deltagere').fill('Afdelingsleder Lis Berg\nSocial vicevært Ole Holm')
    await lead.getByLabel('Dagsorden').fill('1. Status på den fremskudte indsats\n2. Samarbejdet')
    await lead.getByLabel('Referat').fill('Jobcentret har holdt 41 samtaler i boligområdet i kvartalet.')
    // Saving with an empty decision shows the problem at its field first.
    await lead.getByRole('button', { name: 'Tilføj en beslutning' }).click()
    await lead.getByRole('button', { name: 'Gem mødet' }).click()
    await expect(lead.getByRole('link', { name: 'Skriv beslutningen.' })).toBeVisible()
    await axe(lead, 'the meeting form with a problem')
    await lead.getByLabel('Beslutning 1').fill('Åben rådgivning flyttes til tirsdag fra 1. oktober.')
    await lead.getByRole('button', { name: 'Tilføj et opfølgningspunkt' }).click()
    await lead.getByLabel('Opfølgningspunkt 1').fill('Sæt opslag op om den nye dag')
    await lead.getByLabel('Ansvarlig').selectOption({ label: worker.name })
    await lead.getByLabel('Frist').fill('2025-10-01')
    await lead.getByRole('button', { name: 'Gem mødet' }).click()
    await expectPage(lead, 'Samarbejdsmøde 3. kvartal 2025')
    await expect(lead.getByRole('region', { name: 'Deltagere' })).toContainText('Afdelingsleder Lis Berg')
    await expect(lead.getByRole('region', { name: 'Deltagere' })).toContainText(worker.name)
    await expect(lead.getByRole('region', { name: 'Referat' })).toContainText('41 samtaler')
    await expect(lead.getByRole('region', { name: 'Beslutninger' })).toContainText('Åben rådgivning flyttes til tirsdag')
    const actions = lead.getByRole('region', { name: 'Opfølgningspunkter' })
    await expect(actions).toContainText(`${worker.name} · frist 1. oktober 2025 · Overskredet`)
    // Only the owner marks it done.
    await expect(actions.getByRole('button', { name: /Markér som gjort/ })).toHaveCount(0)
  })

  await test.step('the worker sees the action under "Mine opgaver" on the front page and marks it done', async () => {
    await firstLogin(phone, worker, workerCode, expectPage)
    const mine = phone.getByRole('region', { name: 'Mine opgaver' })
    await expect(mine).toContainText('Sæt opslag op om den nye dag')
    await expect(mine).toContainText('Overskredet: frist 1. oktober 2025')
    await mine.getByRole('link', { name: 'Samarbejdsmøde 3. kvartal 2025' }).click()
    await expectPage(phone, 'Samarbejdsmøde 3. kvartal 2025')
    await phone.getByRole('button', { name: /^Markér som gjort.*Sæt opslag op om den nye dag$/ }).click()
    await expect(phone.getByRole('region', { name: 'Opfølgningspunkter' })).toContainText('· Gjort')
    await axe(phone, 'the meeting after the action is done')
    await phone.getByRole('link', { name: 'Forside' }).first().click()
    await expectPage(phone, { title: 'Forside', heading: `Velkommen, ${worker.name}` })
    await expect(phone.getByRole('region', { name: 'Mine opgaver' })).toContainText('Du har ingen åbne opfølgningspunkter fra møder.')
  })

  await test.step('a board meeting\'s decision approves the agreement\'s revision', async () => {
    await lead.goto(`/planer/${planId}/moeder/nyt`)
    await expectPage(lead, 'Registrér et møde')
    await lead.getByLabel('Slags møde').selectOption({ label: 'Bestyrelsesmøde' })
    await lead.getByLabel('Dato').fill('2025-10-14')
    await lead.getByLabel('Titel').fill('Bestyrelsesmøde oktober 2025')
    await lead.getByLabel('Andre deltagere').fill('Formand Bent Hansen')
    await lead.getByRole('button', { name: 'Tilføj en beslutning' }).click()
    await lead.getByLabel('Beslutning 1').fill('Bestyrelsen godkender den reviderede delaftale og afslutter 3. kvartal.')
    await lead.getByLabel('Godkender en revision af delaftalen').selectOption({ label: 'Delaftale for indsatsområdet Beskæftigelse' })
    await lead.getByLabel('Afslutter opfølgningsperioden').fill('2025-Q3')
    await axe(lead, 'the board meeting form')
    await lead.getByRole('button', { name: 'Gem mødet' }).click()
    await expectPage(lead, 'Bestyrelsesmøde oktober 2025')
    const decisions = lead.getByRole('region', { name: 'Beslutninger' })
    await expect(decisions.getByRole('link', { name: /Delaftale for indsatsområdet Beskæftigelse, revision \d+ \(gældende fra/ })).toBeVisible()
    await expect(decisions).toContainText('Afslutter opfølgningen for 3. kvartal 2025')
    await lead.getByRole('link', { name: 'Møder', exact: true }).last().click()
    await expectPage(lead, 'Møder')
    await expect(lead.getByRole('link', { name: 'Bestyrelsesmøde oktober 2025' })).toBeVisible()
    await expect(lead.getByRole('link', { name: 'Samarbejdsmøde 3. kvartal 2025' })).toBeVisible()
  })

  await test.step('the worker\'s calendar export with a broken row is refused by row and column, and nothing is saved', async () => {
    await phone.goto(`/planer/${planId}/tid`)
    await expectPage(phone, 'Tid og løfter')
    await phone.getByRole('link', { name: 'Indlæs jobcentrets kalender' }).click()
    await expectPage(phone, 'Indlæs jobcentrets kalender')
    const rows = [
      `08.07.2025;${worker.email};Fremskudt ungeindsats;Trivselshuset;45;20`,
      `10.07.2025;${worker.email};Fremskudt ungeindsats;Hjemmebesøg;tre kvarter;15`,
      `15.07.2025;${worker.email};Fremskudt ungeindsats;Lerpøtparken;30;0`,
    ]
    await phone.getByLabel('Fil', { exact: true }).setInputFiles(calendar(rows))
    await phone.getByRole('button', { name: 'Indlæs fil' }).click()
    await expect(phone.getByRole('heading', { name: 'Filen har 1 fejl' })).toBeVisible()
    const problems = phone.getByRole('table').filter({ hasText: 'Varighed' })
    await expect(problems.getByRole('row').filter({ hasText: 'Skriv varigheden som et helt antal minutter' })).toContainText('3')
    await expect(problems).toContainText('E (Varighed)')
    await expect(phone.getByRole('button', { name: /^Gem/ })).toBeDisabled()
    await axe(phone, 'the calendar export with a broken row')
    const before = (await (await phone.request.get(`/api/plans/${planId}/staff-time/conversations`)).json()) as { conversations: { staffName: string }[] }
    expect(before.conversations.filter((c) => c.staffName === worker.name)).toEqual([])
    await phone.getByRole('button', { name: 'Annullér' }).click()

    rows[1] = `10.07.2025;${worker.email};Fremskudt ungeindsats;Hjemmebesøg;45;15`
    await phone.getByLabel('Fil', { exact: true }).setInputFiles(calendar(rows))
    await phone.getByRole('button', { name: 'Indlæs fil' }).click()
    await expect(phone.getByText('Filen har 3 samtaler.')).toBeVisible()
    await axe(phone, 'the fixed calendar export')
    await phone.getByRole('button', { name: 'Gem 3 samtaler' }).click()
    await expect(phone.getByRole('heading', { name: '3 samtaler fra kalender.csv er gemt' })).toBeVisible()
    await axe(phone, 'the saved calendar export')
    const after = (await (await phone.request.get(`/api/plans/${planId}/staff-time/conversations`)).json()) as { conversations: { place: string; staffName: string }[] }
    expect(after.conversations.filter((c) => c.staffName === worker.name).map((c) => c.place).sort()).toEqual(['Hjemmebesøg', 'Lerpøtparken', 'Trivselshuset'])
  })

  await test.step('the project leader sets the normal week the quarter\'s posts are read from', async () => {
    const agreements = (await (await lead.request.get(`/api/plans/${planId}/agreements`)).json()) as { agreements: { id: string }[] }
    await lead.goto(`/planer/${planId}/tid/delaftaler/${agreements.agreements[0]!.id}?kvartal=2025-Q3`)
    await expectPage(lead, 'Leveret mod lovet, 3. kvartal 2025')
    await lead.getByLabel('Normal arbejdsuge (timer)').fill('37')
    await lead.getByLabel('En arbejdsdag (timer)').fill('7,4')
    await lead.getByRole('button', { name: 'Gem grundlaget' }).click()
    await expect(lead.getByRole('heading', { name: 'Grundlaget er gemt' })).toBeVisible()
    await expect(lead.getByText('En stilling regnes fra en normal uge på 37 timer, en dag som 7,4 timer')).toBeVisible()
    await axe(lead, 'the quarter after the settings are saved')
  })
})
