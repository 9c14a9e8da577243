import { expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey: the data-protection officer's question "who saw D-0001, when and why?". A housing-social
// worker opens a resident's record; the administrator (who holds the data-protection role) filters
// the audit trail by the resident's pseudonym and finds the worker's name, the time and what was
// done, in Danish. On a fresh server the resident is D-0001; after other journeys, the next number.
// It works in Varde, so the residents journey's counts in Sønderborg are its own whatever the order.

const run = Date.now().toString(36)
const worker = { name: 'Karen Kontaktperson', email: `karen.${run}@example.dk`, password: 'karen vælger sin egen lange kode' }
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)

test('the data-protection officer finds who saw a resident, when, and what they did', async ({ page, request, openBrowser, expectPage, axe }) => {
  test.setTimeout(180_000)
  let planId = ''
  let workerCode = ''
  let resident = { id: '', pseudonym: '' }

  await test.step('the administrator gives a housing-social worker access to Varde', async () => {
    // The login page is scanned too: on a busy machine the form stays up long enough to count as a visit.
    await page.goto('/log-ind')
    await expectPage(page, 'Log ind')
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const plans = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    planId = plans.plans.find((plan) => plan.municipality === 'Varde')!.id
    workerCode = await createPlanUser(page, worker, 'boligsocial', planId, 'Det Boligsociale Team')
  })

  const workerPage = await openBrowser()

  await test.step('the worker registers a resident and opens her record', async () => {
    await workerPage.goto('/log-ind')
    await expectPage(workerPage, 'Log ind')
    await firstLogin(workerPage, worker, workerCode, expectPage)
    const registered = await workerPage.request.post(`/api/plans/${planId}/participants`, {
      headers: { origin: new URL(workerPage.url()).origin },
      data: { name: `Sara Nielsen ${run}`, phone: '', email: '', address: '', birthYear: 1988, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: '6.3', targetGroupOn: daysAgo(30), registeredOn: daysAgo(10) },
    })
    expect(registered.status(), await registered.text()).toBe(201)
    resident = (await registered.json()) as typeof resident
    await workerPage.goto(`/planer/${planId}/deltagere/${resident.id}`)
    await expectPage(workerPage, { title: `Deltager ${resident.pseudonym}`, heading: new RegExp(resident.pseudonym) })
  })

  await test.step('the administrator asks the audit trail who saw the resident', async () => {
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Revisionsspor' }).click()
    await expectPage(page, 'Revisionsspor')
    const form = page.getByRole('search', { name: 'Filtrér revisionssporet' })
    await form.getByLabel('Deltager').fill(resident.pseudonym)
    await form.getByLabel('Handling').selectOption({ label: 'Læste' })
    await form.getByRole('button', { name: 'Vis hændelser' }).click()
    await expect(page).toHaveURL(new RegExp(`participant=${resident.pseudonym}`))

    const rows = page.getByRole('table', { name: 'Hændelser i revisionssporet, nyeste først' }).locator('tbody tr')
    const opened = rows.filter({ hasText: `Deltager: ${resident.pseudonym}` }).filter({ hasText: worker.name })
    await expect(opened.first()).toBeVisible()
    await expect(opened.first()).toContainText('Læste')
    await expect(opened.first()).toContainText('Den boligsociale indsats i Isbjergparken og Lerpøtparken')
    // When: the time the worker opened the record, to the second.
    await expect(opened.first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/)
    // Only reads, and only of this resident: no raw ids, no English codes.
    await expect(rows.filter({ hasNotText: 'Læste' })).toHaveCount(0)
    await expect(page.getByRole('main')).not.toContainText(resident.id)
    await expect(page.getByText(/Viser \d+ hændelser?\./)).toBeVisible()
    await expect(page.getByRole('link', { name: /som CSV/ })).toHaveAttribute('href', new RegExp(`/api/audit-log\\.csv\\?participant=${resident.pseudonym}&action=read`))
    await axe(page, 'the audit trail filtered by a resident')
  })

  await test.step('the filter survives a reload, and "Ryd filtre" shows everything again', async () => {
    await page.reload()
    await expectPage(page, 'Revisionsspor')
    await expect(page.getByLabel('Deltager')).toHaveValue(resident.pseudonym)
    await page.getByRole('button', { name: 'Ryd filtre' }).click()
    await expect(page).toHaveURL(/\/revisionsspor$/)
    await expect(page.getByLabel('Deltager')).toHaveValue('')
  })
})
