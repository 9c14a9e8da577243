import { expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey: on a phone at the drop-in desk, a housing-social worker in Sønderborg opens Monday's
// open counselling at Stenbjergparken (the week of 25 August 2025, the last full week of the
// agreement), checks in, logs five inquiries with one tap each, refers one to the job centre with a
// second tap, and books an appointment beyond the open hours. The clicks and seconds the five
// inquiries take are measured and reported.

test.use({ viewport: { width: 375, height: 812 } })

const run = Date.now().toString(36)
const worker = { name: 'Sofie Boligsocial', email: `sofie.${run}@example.dk`, password: 'sofie vælger sin egen lange kode' }

test('a housing-social worker checks in at Stenbjergparken on a phone, logs five inquiries, refers one to the job centre and books a time', async ({ page, request, openBrowser, expectPage, axe }) => {
  test.setTimeout(300_000)
  let planId = ''
  let code = ''

  await test.step('the administrator gives the worker access to Sønderborg', async () => {
    const admin = await openBrowser()
    await logInAsAdmin(admin, request)
    await expectPage(admin, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const plans = (await (await admin.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    planId = plans.plans.find((plan) => plan.municipality === 'Sønderborg')!.id
    code = await createPlanUser(admin, worker, 'boligsocial', planId)
  })

  await test.step('the worker opens the week of 25 August 2025 and Monday at Stenbjergparken', async () => {
    await firstLogin(page, worker, code, expectPage)
    await page.goto('/aaben-raadgivning')
    await expectPage(page, 'Åben rådgivning')
    await page.getByLabel('Vis ugen med dagen').fill('2025-08-25')
    await page.getByRole('button', { name: 'Vis ugen' }).click()
    await expect(page.getByText('Ugen fra 25. august 2025 til 31. august 2025')).toBeVisible()
    await expectPage(page, 'Åben rådgivning')
    const cards = page.locator('.counselling-card')
    await expect(cards).toHaveCount(3)
    await expect(cards.first()).toContainText('kl. 12-17')
    await page.getByRole('link', { name: /^Stenbjergparken\W+mandag den 25\. august 2025/ }).click()
    await expectPage(page, { title: 'Stenbjergparken, 25. august 2025', heading: 'Stenbjergparken' })
    await expect(page.getByText('mandag den 25. august 2025, kl. 12-17, Beboerhuset')).toBeVisible()
  })

  await test.step('the worker checks in, and the page says plainly that the desk is under-staffed', async () => {
    await page.getByRole('button', { name: 'Tjek ind' }).click()
    await expect(page.getByText('Underbemandet: 1 medarbejder har tjekket ind, og der er lovet 3-4.')).toBeVisible()
    await expect(page.getByRole('table', { name: /Medarbejdere tjekket ind/ })).toContainText('Sofie Boligsocial')
    await axe(page, 'checked in')
  })

  await test.step('five inquiries, one tap each, and one referred to the job centre with a second tap', async () => {
    const status = page.getByRole('status').filter({ hasText: /Registreret|henvist/ })
    const topics = ['Jobsøgning', 'Myndigheder og breve', 'Økonomi', 'Jobsøgning', 'Førtidspension']
    let clicks = 0
    const started = Date.now()
    for (const [i, topic] of topics.entries()) {
      await page.getByRole('button', { name: topic, exact: true }).click()
      clicks++
      await expect(page.getByRole('heading', { level: 2, name: `Henvendelser: ${i + 1} ${i === 0 ? 'henvendelse' : 'henvendelser'}` })).toBeVisible()
      await expect(status).toHaveText(`Registreret: ${topic}.`)
      if (i === 0) {
        await page.getByRole('button', { name: 'Til jobcentret' }).click()
        clicks++
        await expect(status).toHaveText('Jobsøgning: henvist til jobcentret.')
      }
    }
    const seconds = (Date.now() - started) / 1000
    const note = `five inquiries, one referred: ${clicks} clicks in ${seconds.toFixed(1)} s`
    console.log(`[open counselling] ${note}`)
    test.info().annotations.push({ type: 'measurement', description: note })
    expect(clicks).toBe(6)
    const table = page.getByRole('table', { name: /Henvendelserne ved åbningstiden/ })
    await expect(table.getByRole('row')).toHaveCount(6)
    await expect(table.getByRole('cell', { name: 'Henvist til jobcentret' })).toHaveCount(1)
    await axe(page, 'five inquiries logged')
  })

  await test.step('a wrong tap is taken back', async () => {
    await page.getByRole('button', { name: 'Bolig', exact: true }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Henvendelser: 6 henvendelser' })).toBeVisible()
    await page.getByRole('button', { name: 'Fortryd min seneste henvendelse' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Henvendelser: 5 henvendelser' })).toBeVisible()
  })

  await test.step('the worker books a time beyond the open hours', async () => {
    const form = page.getByRole('form', { name: 'Book en tid' })
    await form.getByRole('button', { name: 'Book tiden' }).click()
    await expect(form.getByText('Der er problemer med formularen')).toBeVisible()
    await form.getByLabel('Dato').fill('2025-08-28')
    await form.getByLabel('Klokkeslæt').fill('10:00')
    await form.getByLabel('Fornavn').fill('Fatima')
    await form.getByLabel('Telefon').fill('20 30 40 50')
    await form.getByRole('button', { name: 'Book tiden' }).click()
    await expect(page.getByText('Fatima har en tid torsdag den 28. august 2025 kl. 10.00.')).toBeVisible()
    await expect(page.getByRole('listitem').filter({ hasText: 'Fatima' })).toContainText('(aftalt)')
    await axe(page, 'appointment booked')
  })

  await test.step('the figures for the week count the five inquiries and the referral', async () => {
    await page.getByRole('link', { name: 'Tilbage til ugens åbningstider' }).click()
    await expectPage(page, 'Åben rådgivning')
    await page.getByRole('link', { name: 'Nøgletal for åben rådgivning' }).click()
    await expectPage(page, 'Nøgletal for åben rådgivning')
    await page.getByLabel('Fra').fill('2025-08-25')
    await page.getByLabel('Til').fill('2025-08-31')
    await page.getByRole('button', { name: 'Vis perioden' }).click()
    const sites = page.getByRole('table', { name: 'Åbningstider og henvendelser pr. sted' })
    await expect(sites.getByRole('row', { name: /^Stenbjergparken/ })).toContainText('5')
    await expect(page.getByText('Andel henvist: 20,0 %')).toBeVisible()
    await expectPage(page, 'Nøgletal for åben rådgivning')
  })
})
