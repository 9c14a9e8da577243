import JSZip from 'jszip'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './support/fixtures.ts'
import { firstLogin, logInAsAdmin } from './support/users.ts'
import { oneTimePasswordMailedTo } from './support/mail.ts'

// Journey: a project leader completes an activity of Varde's agreement in the web editor (Varde: no
// later journey reads its revisions; journey 7 needs Sønderborg's first revision to be its only
// one). The first activity gets its hours shared across two effort areas, the agreement's rule for
// recording its hours in the agreement's own words, and both of the agreement's target-group
// tables; goal 2 gets an indicator with two rows (age groups) and a target. A negative amount is
// refused at its field without repeating the field's name, while the error summary names it. After
// saving, each is found on the agreement page, in the Word export, and the target on both rows of
// the follow-up page. Last, the leader opens the plan's erasure requests from the residents list.

const run = Date.now().toString(36)
const leader = { name: 'Ebba Editor', email: `ebba.${run}@example.dk`, password: 'ebba vælger sin egen lange kode' }
const AGREEMENT = 'Delaftale for indsatsområdet Beskæftigelse'
const VARDE = 'Den boligsociale indsats i Isbjergparken og Lerpøtparken'
const ACTIVITY = 'Lommepenge og fritidsjobs-indsats'
const JOB_NOTE = `Unge, der søger deres første fritidsjob (${run}).`
const SCHOOL_NOTE = `Lektiehjælp til unge med fritidsjob (${run}).`
const RULE = `Fritidsjobkonsulenten registrerer sine timer i Indsats hver uge og opgør dem én gang pr. kvartal (${run}).`
const INDICATOR = `Antal unge med fritidsjob ${run}`
const TARGET = 'Flere unge i fritidsjob'

/** The editor's group for the activity, found by its legend. */
const activityGroup = (page: Page): Locator => page.getByRole('group', { name: new RegExp(`^Aktivitet \\d+: ${ACTIVITY}`) })

test("a project leader completes an activity's allocations, hours rule and tables and adds an indicator with a target, then finds them on the page, in Word and on the follow-up page", async ({
  page,
  request,
  openBrowser,
  expectPage,
  axe,
}) => {
  // A whole agreement's editor is a long page, and each axe scan of it takes a while on a busy machine.
  test.setTimeout(600_000)
  let code = ''

  await test.step('the administrator gives a project leader Varde', async () => {
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const plans = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; name: string }[] }
    const varde = plans.plans.find((p) => p.name === VARDE)
    expect(varde, JSON.stringify(plans)).toBeDefined()
    const res = await page.request.post('/api/users', {
      headers: { origin: new URL(page.url()).origin },
      data: { email: leader.email, name: leader.name, role: 'projektleder', organisation: 'Den boligsociale helhedsplan', planIds: [varde!.id] },
    })
    expect(res.status(), await res.text()).toBe(201)
    code = oneTimePasswordMailedTo(leader.email)
  })

  const leaderPage = await openBrowser()
  let indicatorNumber = ''

  await test.step("the leader shares the activity's hours across two effort areas, states its hours rule and shows both target-group tables", async () => {
    await firstLogin(leaderPage, leader, code, expectPage)
    await leaderPage.getByRole('main').getByRole('link', { name: VARDE }).click()
    await expectPage(leaderPage, VARDE)
    await leaderPage.getByRole('main').getByRole('link', { name: AGREEMENT, exact: true }).click()
    await expectPage(leaderPage, AGREEMENT)
    await leaderPage.getByRole('link', { name: 'Rediger', exact: true }).click()
    await expectPage(leaderPage, 'Rediger delaftale')
    await leaderPage.getByLabel('Gældende fra').fill('2025-07-01')
    await leaderPage.getByLabel('Bestyrelsesbeslutning').fill('Bestyrelsesmøde 24. juni 2025, pkt. 5')

    const activity = activityGroup(leaderPage)
    const number = (await activity.locator('legend').first().innerText()).match(/Aktivitet (\d+)/)![1]!

    // Two allocations: 6 hours to employment, 4 to education and life chances.
    await activity.getByRole('button', { name: `Tilføj fordeling til aktivitet ${number}` }).click()
    const first = activity.getByRole('group', { name: `Fordeling 1 (aktivitet ${number})` })
    await expect(first.getByLabel(/^Indsatsområde \(nøgle\)/)).toBeFocused()
    await first.getByLabel(/^Indsatsområde \(nøgle\)/).fill('beskaeftigelse')
    const jobs = activity.getByRole('group', { name: `Fordeling 1: beskaeftigelse (aktivitet ${number})` })
    await jobs.getByLabel('Mængde', { exact: true }).fill('-3')
    await jobs.getByLabel('Enhed', { exact: true }).selectOption('hours')
    await jobs.getByLabel('Hvad andelen går til').fill(JOB_NOTE)
    await activity.getByRole('button', { name: `Tilføj fordeling til aktivitet ${number}` }).click()
    const second = activity.getByRole('group', { name: `Fordeling 2 (aktivitet ${number})` })
    await second.getByLabel(/^Indsatsområde \(nøgle\)/).fill('uddannelse-og-livschancer')
    const school = activity.getByRole('group', { name: `Fordeling 2: uddannelse-og-livschancer (aktivitet ${number})` })
    await school.getByLabel('Mængde', { exact: true }).fill('4')
    await school.getByLabel('Enhed', { exact: true }).selectOption('hours')
    await school.getByLabel('Hvad andelen går til').fill(SCHOOL_NOTE)

    // The hours rule, in the agreement's words, and what Indsats applies of it.
    const ruleSwitch = activity.getByLabel('Delaftalen siger, hvordan aktivitetens timer registreres')
    await expect(ruleSwitch).not.toBeChecked()
    await ruleSwitch.check()
    const rule = activity.getByRole('group', { name: 'Registrering af timer' })
    await rule.getByLabel(/^Reglen, som den står i delaftalen/).fill(RULE)
    await rule.getByLabel('Én medarbejder opgør det samlede antal timer hvert kvartal').check()

    // Both of the agreement's target-group tables under the activity.
    const tables = activity.getByRole('group', { name: 'Målgruppeopgørelser, der vises under aktiviteten' })
    await tables.getByLabel('Målgruppe', { exact: true }).check()
    await tables.getByLabel('Unge under 30 år', { exact: true }).check()

    // A negative amount is refused: at the field without its name (the label says it), in the summary with it.
    await leaderPage.getByRole('button', { name: /^Gem revision \d+$/ }).click()
    const summary = leaderPage.locator('.error-summary')
    await expect(summary).toContainText('Mængden kan ikke være negativ.')
    const message = jobs.locator('.form-error-message')
    await expect(message).toContainText('Kan ikke være negativ.')
    await expect(message).not.toContainText('Mængden')
    await axe(leaderPage, 'the editor with a negative allocation')
    await jobs.screenshot({ path: 'test-results/25-allocation-error.png' })
    // Put right; the message goes with the next save.
    await jobs.getByLabel('Mængde', { exact: true }).fill('6')
    await activity.getByRole('group', { name: 'Registrering af timer' }).screenshot({ path: 'test-results/25-hours-rule.png' })
  })

  await test.step('goal 2 gets an indicator with two age-group rows and a target', async () => {
    const before = await leaderPage.getByRole('group', { name: /^Indikator 2\.\d+$/ }).count()
    indicatorNumber = `2.${before + 1}`
    await leaderPage.getByRole('button', { name: 'Tilføj indikator til delmål 2' }).click()
    const added = leaderPage.getByRole('group', { name: `Indikator ${indicatorNumber}`, exact: true })
    await expect(added.getByLabel('Indikator', { exact: false }).first()).toBeFocused()
    await added.getByLabel('Indikator', { exact: false }).first().fill(INDICATOR)
    await added.getByLabel('Datakilde').fill('Projektets egne tal')
    await added.getByLabel('Hyppighed').selectOption('yearly')
    await added.getByLabel('Baseline boligområde: antal').fill('14')
    await added.getByRole('button', { name: `Tilføj række til indikator ${indicatorNumber}` }).click()
    const older = added.getByRole('group', { name: /^Række 2/ })
    await expect(older.getByLabel('Rækkens betegnelse')).toBeFocused()
    await older.getByLabel('Rækkens betegnelse').fill('18-24 år')
    await added.getByRole('group', { name: /^Række 1/ }).getByLabel('Rækkens betegnelse').fill('15-17 år')
    await older.getByLabel('Baseline boligområde: antal').fill('9')

    await added.getByRole('button', { name: `Tilføj måltal til indikator ${indicatorNumber}` }).click()
    const target = added.getByRole('group', { name: 'Måltal 1', exact: true })
    await target.getByLabel('Hvad der sigtes mod').fill(TARGET)
    await target.getByLabel('Måltal', { exact: false }).first().fill('40')
    await target.getByLabel('Enhed').fill('unge')
    await target.getByLabel('Forbehold').fill('mindst')
    await target.getByLabel('Tidshorisont').fill('pr. år')
    await target.getByLabel('Retning').selectOption('up')
    await expect(added.locator('.form-error-message')).toHaveCount(0)
    await added.screenshot({ path: 'test-results/25-indicator.png' })

    await leaderPage.getByRole('button', { name: /^Gem revision \d+$/ }).click()
    await expect(leaderPage.getByRole('status').filter({ hasText: /Revision \d+ er gemt/ })).toBeVisible()
    await expectPage(leaderPage, AGREEMENT)
  })

  await test.step('the agreement page shows the allocations, the hours rule, both tables under the activity and the new indicator with its target', async () => {
    // The activity's schema is folded until its entry in the table of contents is followed.
    await leaderPage.getByRole('navigation', { name: 'Indhold' }).getByRole('link', { name: ACTIVITY }).click()
    const section = leaderPage.getByRole('region', { name: ACTIVITY, exact: true })
    await expect(section).toBeVisible()
    await expect(section).toContainText('Fordeling på indsatsområder')
    await expect(section).toContainText(JOB_NOTE)
    await expect(section).toContainText(SCHOOL_NOTE)
    await expect(section).toContainText('Tidsregistrering')
    await expect(section).toContainText(RULE)
    await expect(section).toContainText('Det samlede antal timer opgøres og lukkes én gang pr. kvartal.')
    await expect(section.getByRole('table', { name: /^Målgruppe \(opgjort/ })).toBeAttached()
    await expect(section.getByRole('table', { name: /^Unge under 30 år/ })).toBeAttached()
    const goals = leaderPage.getByRole('table', { name: 'Delmål og indikatorer for indsatsområdet' })
    await expect(goals).toContainText(INDICATOR)
    await expect(goals).toContainText('15-17 år')
    await expect(goals).toContainText('18-24 år')
    await expect(goals).toContainText('Måltal: mindst 40 unge pr. år')
    await axe(leaderPage, 'the agreement page after the activity was completed')
    await section.screenshot({ path: 'test-results/25-activity-on-page.png' })
  })

  await test.step('the Word export holds the allocations, the hours rule, the tables and the indicator with its target', async () => {
    const href = await leaderPage.getByRole('link', { name: 'Word' }).getAttribute('href')
    const response = await leaderPage.request.get(href!)
    expect(response.status()).toBe(200)
    const xml = await (await JSZip.loadAsync(await response.body())).file('word/document.xml')!.async('string')
    // Paragraph ends become line breaks, so each paragraph's text can be found whole.
    const text = xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '')
    for (const words of ['Fordeling på indsatsområder:', JOB_NOTE, SCHOOL_NOTE, 'Tidsregistrering:', RULE]) expect(text).toContain(words)
    // The rule comes after the notes, in the activity's part on responsibilities, as on the page.
    expect(text.indexOf(RULE)).toBeGreaterThan(text.indexOf(SCHOOL_NOTE))
    // "Unge under 30 år" was shown under the young people's activity only; now under this one too.
    expect(text.split('Unge under 30 år').length - 1).toBe(2)
    expect(text).toContain(INDICATOR)
    expect(text).toContain(`${TARGET}: mindst 40 unge pr. år (ønsket udvikling: stigende)`)
  })

  await test.step('the follow-up page shows the target on both rows of the new indicator', async () => {
    await leaderPage.getByRole('link', { name: 'Opfølgning på indikatorerne' }).click()
    await expectPage(leaderPage, { title: 'Opfølgning', heading: 'Opfølgning' })
    const rows = leaderPage.locator('.status-row').filter({ hasText: INDICATOR })
    await expect(rows).toHaveCount(2)
    for (const row of await rows.all()) await expect(row).not.toContainText('Intet måltal')
    const facts = leaderPage.locator('.series-facts').filter({ hasText: 'mindst 40 unge pr. år' })
    await expect(facts).toHaveCount(2)
    await facts.first().screenshot({ path: 'test-results/25-target-on-dashboard.png' })
  })

  await test.step("the leader opens the plan's erasure requests from the residents list", async () => {
    // With one plan, the menu's residents go straight to its list.
    await leaderPage.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Deltagere' }).click()
    await expectPage(leaderPage, 'Deltagere')
    await leaderPage.getByRole('link', { name: 'Anmodninger om sletning' }).click()
    await expectPage(leaderPage, 'Anmodninger om sletning')
    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Venter på svar' })).toBeVisible()
    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Afgjorte anmodninger' })).toBeVisible()
    await expect(leaderPage.getByRole('main')).toContainText('Beboeren skal have svar senest en måned efter anmodningen.')
    await leaderPage.screenshot({ path: 'test-results/25-erasure-requests.png', fullPage: true })
  })
})
