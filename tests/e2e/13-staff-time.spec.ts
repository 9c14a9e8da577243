import { expect, test } from './support/fixtures.ts'
import { firstLogin, logInAsAdmin, ONE_TIME_PASSWORD } from './support/users.ts'
import { oneTimePasswordMailedTo } from './support/mail.ts'

// Journey, on a 375 px phone: a job-centre worker in Varde records two conversations with transport
// time in the conversation calendar and a week's hours; the project leader opens the quarter and
// sees delivered against promised for both seed agreements, with Varde's "mindst 16 timer
// ugentligt i 44 uger" judged not kept at 11,5 hours a week.

test.use({ viewport: { width: 375, height: 812 } })

const run = Date.now().toString(36)
const worker = { name: 'Jonas Jobcenter', email: `jonas.${run}@example.dk`, password: 'jonas vælger sin egen lange kode' }
const leader = { name: 'Pia Projektleder', email: `pia.${run}@example.dk`, password: 'pia vælger sin egen lange kode' }

test('outreach conversations and hours are held against what the agreements promise', async ({ page, request, openBrowser, expectPage, axe }) => {
  // Three people, seven pages and an axe scan of each: on a shared two-core machine this needs more than the usual three minutes.
  test.setTimeout(300_000)
  const plans: Record<string, string> = {}
  const codes: Record<string, string> = {}

  await test.step('the administrator gives a job-centre worker Varde and the project leader both plans', async () => {
    await page.goto('/log-ind')
    await expectPage(page, 'Log ind')
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const list = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    for (const p of list.plans) plans[p.municipality] = p.id
    const origin = { origin: new URL(page.url()).origin }
    for (const [who, role, planIds, organisation] of [
      [worker, 'jobcenter', [plans.Varde], 'Jobcenter Varde'],
      [leader, 'projektleder', [plans.Varde, plans['Sønderborg']], 'Den boligsociale helhedsplan'],
    ] as const) {
      const res = await page.request.post('/api/users', { headers: origin, data: { email: who.email, name: who.name, role, organisation, planIds } })
      expect(res.status(), await res.text()).toBe(201)
      codes[who.email] = oneTimePasswordMailedTo(who.email)
      expect(codes[who.email]).toMatch(ONE_TIME_PASSWORD)
    }
  })

  const phone = await openBrowser()
  await phone.setViewportSize({ width: 375, height: 812 })

  await test.step('the job-centre worker records two conversations with transport time', async () => {
    await phone.goto('/log-ind')
    await expectPage(phone, 'Log ind')
    await firstLogin(phone, worker, codes[worker.email]!, expectPage)
    await phone.goto('/tid')
    await expectPage(phone, 'Tid og løfter')
    await phone.getByRole('link', { name: 'Registrér en samtale' }).click()
    await expectPage(phone, 'Registrér en samtale')
    for (const talk of [
      { date: '2025-07-08', place: 'Trivselshuset', minutes: '45', transport: '20' },
      { date: '2025-07-10', place: 'Hjemmebesøg i Lerpøtparken', minutes: '60', transport: '15' },
    ]) {
      await phone.getByLabel('Aktivitet', { exact: true }).selectOption({ label: 'Fremskudt ungeindsats' })
      await expect(phone.getByText('Tom: delaftalens regel, 30 minutter pr. samtale.')).toBeVisible()
      await phone.getByLabel('Dato').fill(talk.date)
      await phone.getByLabel('Sted').fill(talk.place)
      await phone.getByLabel('Varighed (minutter)').fill(talk.minutes)
      await phone.getByLabel('Transporttid (minutter)').fill(talk.transport)
      await phone.getByRole('button', { name: 'Gem samtalen' }).click()
      await expect(phone.getByRole('heading', { name: 'Samtalen er gemt' })).toBeVisible()
    }
    await axe(phone, 'the conversation form after saving')
    const list = phone.getByRole('region', { name: 'Seneste samtaler' })
    await expect(list.getByText('Hjemmebesøg i Lerpøtparken')).toContainText('transport 15 minutter, administration 30 minutter (delaftalens regel)')
    await expect(list.getByText('Trivselshuset')).toContainText('transport 20 minutter')
  })

  await test.step('the worker registers a week of hours in the Kontanthjælp effort', async () => {
    await phone.goto(`/planer/${plans.Varde}/tid/timer`)
    await expectPage(phone, 'Registrér timer')
    await phone.getByLabel('Aktivitet', { exact: true }).selectOption({ label: 'Fremskudt indsats for Kontanthjælp og integration' })
    await phone.getByLabel('Uge', { exact: true }).fill('2025-W27')
    await phone.getByLabel('Timer', { exact: true }).fill('11,5')
    await phone.getByRole('button', { name: 'Gem timerne' }).click()
    await expect(phone.getByRole('heading', { name: 'Timerne er gemt' })).toBeVisible()
    await axe(phone, 'the hours form after saving')
    // The other ten weeks of the quarter as the time sheet would bring them.
    const options = (await (await phone.request.get(`/api/plans/${plans.Varde}/staff-time/options`)).json()) as { agreements: { id: string }[]; activities: { id: string; key: string }[] }
    const activityId = options.activities.find((a) => a.key === 'fremskudt-kontanthjaelp-og-integration')!.id
    for (let week = 28; week <= 37; week++) {
      const res = await phone.request.post(`/api/plans/${plans.Varde}/staff-time/hours`, {
        headers: { origin: new URL(phone.url()).origin },
        data: { agreementId: options.agreements[0]!.id, activityId, resourceKey: null, effortArea: null, week: `2025-W${week}`, hours: 11.5, note: null },
      })
      expect(res.status(), await res.text()).toBe(201)
    }
  })

  // The administrator's browser is the project leader's from here.
  const lead = page
  await lead.context().clearCookies()

  await test.step('the project leader opens Varde\'s 3rd quarter 2025 and sees the 44-week promise not kept', async () => {
    await lead.goto('/log-ind')
    await firstLogin(lead, leader, codes[leader.email]!, expectPage)
    await lead.goto('/tid')
    await expectPage(lead, 'Tid og løfter')
    await lead.getByRole('link', { name: /Den boligsociale indsats i Isbjergparken og Lerpøtparken/ }).click()
    await expectPage(lead, 'Tid og løfter')
    await lead.getByRole('link', { name: 'Delaftale for indsatsområdet Beskæftigelse', exact: true }).click()
    await expectPage(lead, 'Leveret mod lovet, 4. kvartal 2025')
    await lead.getByRole('link', { name: 'Forrige kvartal' }).click()
    await expectPage(lead, 'Leveret mod lovet, 3. kvartal 2025')
    const table = lead.getByRole('table', { name: 'Leveret mod lovet pr. part og ressource, 3. kvartal 2025' })
    const fortyFour = table.getByRole('row').filter({ hasText: 'i 44 uger' })
    await expect(fortyFour).toContainText('Ikke holdt')
    await expect(fortyFour).toContainText('lovede mindst 16 timer pr. uge i 44 uger; 3. kvartal 2025: 11,5 timer om ugen i gennemsnit (126,5 timer af 176 timer lovede)')
    await expect(lead.getByRole('alert').or(lead.locator('.alert-warning')).first()).toContainText('Løftet er ikke holdt')
    // The two conversations: 45 + 20 + 30 and 60 + 15 + 30 minutes = 3,3 hours toward "mindst fem timer ugentligt".
    const fiveHours = table.getByRole('row').filter({ hasText: 'Jobcenteret bruger mindst fem timer ugentligt' })
    await expect(fiveHours).toContainText('3,3')
    await expect(lead.getByText(/Samtaler i kvartalet: 2,/)).toBeVisible()
  })

  await test.step('and Sønderborg\'s posts, as hours from a 37-hour week, and its 10 job-centre staff', async () => {
    await lead.goto('/tid')
    await expectPage(lead, 'Tid og løfter')
    await lead.getByRole('link', { name: /Aktiv i fællesskabet/ }).click()
    await expectPage(lead, 'Tid og løfter')
    await lead.getByRole('link', { name: 'Delaftale for indsatsområdet Beskæftigelse', exact: true }).click()
    await expectPage(lead, 'Leveret mod lovet, 3. kvartal 2025')
    const table = lead.getByRole('table', { name: 'Leveret mod lovet pr. part og ressource, 3. kvartal 2025' })
    await expect(table.getByRole('row').filter({ hasText: 'Boligsocial virksomhedskonsulent: 80%' })).toContainText('lovede 80 % af en stilling')
    await expect(table.getByRole('row').filter({ hasText: '10 medarbejdere' }).first()).toContainText('10 personer')
  })
})
