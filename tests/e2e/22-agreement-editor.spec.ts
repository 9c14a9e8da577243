import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import JSZip from 'jszip'
import { expect, test } from './support/fixtures.ts'
import { firstLogin, logInAsAdmin } from './support/users.ts'
import { oneTimePasswordMailedTo } from './support/mail.ts'

// Journey: a project leader completes an agreement in the web editor. Sønderborg's agreement has
// ended, and says so; its table of contents leads to folded sections. In its editor the leader sees
// the warning about a resource whose number no longer matches its text and about a revision dated
// after the agreement's period, and gives its first indicator the target it lacks (its rows show
// "Intet måltal") before cancelling: journey 7 runs after this one (file order) and needs
// Sønderborg's first revision to be its only one. The leader then saves such a change on Varde,
// which no later journey reads: the first indicator gets a target and goal 2 a new indicator with a
// baseline and a target, found on the agreement page, in the Word export (read by LibreOffice) and
// on the follow-up page.

const run = Date.now().toString(36)
const leader = { name: 'Lene Leder', email: `lene.${run}@example.dk`, password: 'lene vælger sin egen lange kode' }
const AGREEMENT = 'Delaftale for indsatsområdet Beskæftigelse'
const PLAN = 'Aktiv i fællesskabet'
const VARDE = 'Den boligsociale indsats i Isbjergparken og Lerpøtparken'
const NEW_INDICATOR = `Antal beboere i virksomhedspraktik ${run}`
const NEW_CRITERION = `Borgeren ønsker selv at deltage i den fremskudte indsats (${run}).`
const NEW_FOOTNOTE = `Kilde: Jobcentrets egen opgørelse (${run})`

test('a project leader adds an indicator with a target in the editor and finds it on the agreement, in Word and on the follow-up page', async ({
  page,
  request,
  openBrowser,
  expectPage,
  axe,
}) => {
  // The editor of a whole agreement is a long page, and each axe scan of it takes a while on a busy
  // two-core machine: two agreements, nine pages and two extra scans need more than five minutes.
  test.setTimeout(600_000)
  let code = ''

  await test.step('the administrator gives a project leader Sønderborg and Varde', async () => {
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const plans = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string }[] }
    const res = await page.request.post('/api/users', {
      headers: { origin: new URL(page.url()).origin },
      data: { email: leader.email, name: leader.name, role: 'projektleder', organisation: 'Den boligsociale helhedsplan', planIds: plans.plans.map((p) => p.id) },
    })
    expect(res.status(), await res.text()).toBe(201)
    code = oneTimePasswordMailedTo(leader.email)
  })

  const leaderPage = await openBrowser()
  await test.step('the agreement is marked as ended, with a table of contents and folded activity schemas', async () => {
    await firstLogin(leaderPage, leader, code, expectPage)
    await leaderPage.getByRole('main').getByRole('link', { name: PLAN }).click()
    await expectPage(leaderPage, PLAN)
    const card = leaderPage.locator('.agreement-card', { has: leaderPage.getByRole('link', { name: AGREEMENT }) })
    await expect(card).toContainText('Udløbet')
    await card.getByRole('link', { name: AGREEMENT }).click()
    await expectPage(leaderPage, AGREEMENT)
    await expect(leaderPage.getByRole('heading', { name: 'Delaftalen er udløbet' })).toBeVisible()
    await expect(leaderPage.getByText('Delaftalen gjaldt til og med 31. august 2025.')).toBeVisible()

    const toc = leaderPage.getByRole('navigation', { name: 'Indhold' })
    await expect(toc.getByRole('link', { name: 'Delmål og indikatorer' })).toBeVisible()
    await leaderPage.screenshot({ path: '/tmp/editor-agreement-top.png' })
    // The activity schemas are folded: their tables are not shown until asked for.
    await expect(leaderPage.getByRole('table', { name: 'Tider og steder for Åben rådgivning' })).toBeHidden()
    await toc.getByRole('link', { name: 'Åben rådgivning' }).click()
    await expect(leaderPage.getByRole('table', { name: 'Tider og steder for Åben rådgivning' })).toBeVisible()
  })

  await test.step('the editor warns about a resource text that still says 80 % and a revision dated after the agreement', async () => {
    await leaderPage.getByRole('link', { name: 'Rediger', exact: true }).click()
    await expectPage(leaderPage, 'Rediger delaftale')
    const effective = leaderPage.getByLabel('Gældende fra')
    await effective.fill('2031-06-01')
    await expect(leaderPage.locator('#felt-revision-effectiveFrom-hint')).toContainText('Revisionen gælder fra 1. juni 2031, som ligger uden for delaftalens periode')
    await effective.fill('2025-06-01')
    await expect(leaderPage.locator('#felt-revision-effectiveFrom-hint')).not.toContainText('Advarsel')
    await leaderPage.getByLabel('Bestyrelsesbeslutning').fill('Bestyrelsesmøde 28. maj 2025, pkt. 3')

    const consultant = leaderPage.getByRole('group', { name: /^Boligsocial virksomhedskonsulent \(indsatsområdet\)/ })
    const quantity = consultant.getByLabel(/^Mængde/)
    await expect(quantity).toHaveValue('80')
    await quantity.fill('60')
    const textHint = consultant.locator('#felt-content-staffResources-0-text-hint')
    await expect(textHint).toContainText('mængden er 60, men teksten i delaftalen nævner 80')
    await expect(leaderPage.locator('.editor-warnings')).toContainText('mængden er 60, men teksten i delaftalen nævner 80')
    await axe(leaderPage, 'the editor with a resource warning')
    await consultant.screenshot({ path: '/tmp/editor-resource-warning.png' })
    // Put right: the number and the text agree again.
    await quantity.fill('80')
    await expect(textHint).not.toContainText('Advarsel')
  })

  await test.step("Sønderborg's first indicator can be given the target it lacks", async () => {
    const first = leaderPage.getByRole('group', { name: 'Indikator 1.1', exact: true })
    await first.getByRole('button', { name: 'Tilføj måltal til indikator 1.1' }).click()
    const firstTarget = first.getByRole('group', { name: 'Måltal 1', exact: true })
    await expect(firstTarget.getByLabel('Hvad der sigtes mod')).toBeFocused()
    await firstTarget.getByLabel('Hvad der sigtes mod').fill('Andelen af offentligt forsørgede skal falde')
    await firstTarget.getByLabel('Måltal', { exact: false }).first().fill('15')
    await firstTarget.getByLabel('Enhed').fill('%')
    await firstTarget.getByLabel('Retning').selectOption('down')
    await expect(firstTarget.locator('.form-error-message')).toHaveCount(0)
    await leaderPage.getByRole('link', { name: 'Annullér' }).click()
    await expectPage(leaderPage, AGREEMENT)
    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Revision 1 af 1' })).toBeVisible()
  })

  await test.step("Varde's first indicator gets a target, and goal 2 a new indicator with a baseline and a target", async () => {
    await leaderPage.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Forside' }).click()
    await expectPage(leaderPage, { title: 'Forside', heading: `Velkommen, ${leader.name}` })
    await leaderPage.getByRole('main').getByRole('link', { name: VARDE }).click()
    await expectPage(leaderPage, VARDE)
    await leaderPage.getByRole('main').getByRole('link', { name: AGREEMENT, exact: true }).click()
    await expectPage(leaderPage, AGREEMENT)
    await leaderPage.getByRole('link', { name: 'Rediger', exact: true }).click()
    await expectPage(leaderPage, 'Rediger delaftale')
    await leaderPage.getByLabel('Gældende fra').fill('2025-06-01')
    await leaderPage.getByLabel('Bestyrelsesbeslutning').fill('Bestyrelsesmøde 28. maj 2025, pkt. 3')

    const first = leaderPage.getByRole('group', { name: 'Indikator 1.1', exact: true })
    await first.getByRole('button', { name: 'Tilføj måltal til indikator 1.1' }).click()
    const firstTarget = first.getByRole('group', { name: 'Måltal 1', exact: true })
    await firstTarget.getByLabel('Hvad der sigtes mod').fill('Andelen af offentligt forsørgede skal falde')
    await firstTarget.getByLabel('Måltal', { exact: false }).first().fill('15')
    await firstTarget.getByLabel('Enhed').fill('%')
    await firstTarget.getByLabel('Retning').selectOption('down')

    // A fifth selection criterion for the outreach activity, and a new footnote.
    const withCriteria = leaderPage.getByRole('group', { name: /^Aktivitet \d+: / }).filter({ has: leaderPage.getByLabel(/^Kriterium 4\b/) })
    await withCriteria.getByRole('button', { name: /^Tilføj kriterium til aktivitet \d+$/ }).click()
    await expect(withCriteria.getByLabel(/^Kriterium 5\b/)).toBeFocused()
    await withCriteria.getByLabel(/^Kriterium 5\b/).fill(NEW_CRITERION)
    await leaderPage.getByRole('button', { name: 'Tilføj fodnote' }).click()
    await expect(leaderPage.getByLabel(/^Fodnote 4\b/)).toBeFocused()
    await leaderPage.getByLabel(/^Fodnote 4\b/).fill(NEW_FOOTNOTE)
    await withCriteria.getByLabel(/^Kriterium 5\b/).screenshot({ path: '/tmp/editor-criterion.png' })
    await leaderPage.getByRole('button', { name: 'Tilføj fodnote' }).screenshot({ path: '/tmp/editor-footnote.png' })

    await leaderPage.getByRole('button', { name: 'Tilføj indikator til delmål 2' }).click()
    const added = leaderPage.getByRole('group', { name: 'Indikator 2.2', exact: true })
    await expect(added.getByLabel('Indikator', { exact: false }).first()).toBeFocused()
    await added.getByLabel('Indikator', { exact: false }).first().fill(NEW_INDICATOR)
    await added.getByLabel('Datakilde').fill('Projektets egne tal')
    await added.getByLabel('Hyppighed').selectOption('yearly')
    await added.getByLabel('Baseline boligområde: antal').fill('12')

    // A target with no number is refused, naming the field.
    await added.getByRole('button', { name: 'Tilføj måltal til indikator 2.2' }).click()
    const target = added.getByRole('group', { name: 'Måltal 1', exact: true })
    await target.getByLabel('Hvad der sigtes mod').fill('Flere beboere i virksomhedspraktik')
    await target.getByLabel('Enhed').fill('beboere')
    await leaderPage.getByRole('button', { name: /^Gem revision \d+$/ }).click()
    const summary = leaderPage.locator('.error-summary')
    await expect(summary).toContainText('Måltallet skal være et tal.')
    await axe(leaderPage, 'the editor with a missing target number')
    await target.getByLabel('Måltal', { exact: false }).first().fill('30')
    await target.getByLabel('Retning').selectOption('up')
    await added.screenshot({ path: '/tmp/editor-new-indicator.png' })

    await leaderPage.getByRole('button', { name: /^Gem revision \d+$/ }).click()
    await expect(leaderPage.getByRole('status').filter({ hasText: /Revision \d+ er gemt/ })).toBeVisible()
    await expectPage(leaderPage, AGREEMENT)
  })

  await test.step('the agreement page shows the new indicator and both targets', async () => {
    const goals = leaderPage.getByRole('table', { name: 'Delmål og indikatorer for indsatsområdet' })
    await expect(goals).toContainText(NEW_INDICATOR)
    await expect(goals.getByRole('row', { name: new RegExp(NEW_INDICATOR) })).toContainText('Måltal: 30 beboere')
    await expect(goals).toContainText('Måltal: 15\u00a0%')
    await expect(leaderPage.getByRole('main')).toContainText(NEW_CRITERION)
    await expect(leaderPage.getByRole('region', { name: 'Fodnoter' })).toContainText(NEW_FOOTNOTE)
  })

  await test.step('the Word export holds the new indicator, and LibreOffice opens it', async () => {
    const href = await leaderPage.getByRole('link', { name: 'Word' }).getAttribute('href')
    const response = await leaderPage.request.get(href!)
    expect(response.status()).toBe(200)
    const docx = await response.body()
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    expect(text).toContain(NEW_INDICATOR)
    expect(text).toContain('Flere beboere i virksomhedspraktik: 30 beboere (ønsket udvikling: stigende)')

    const soffice = '/usr/bin/soffice'
    if (!fs.existsSync(soffice)) return
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-e2e-lo-'))
    try {
      fs.writeFileSync(path.join(dir, 'delaftale.docx'), docx)
      execFileSync(soffice, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'txt:Text', '--outdir', dir, path.join(dir, 'delaftale.docx')], {
        stdio: 'pipe',
        timeout: 120_000,
      })
      expect(fs.readFileSync(path.join(dir, 'delaftale.txt'), 'utf8')).toContain(NEW_INDICATOR)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  await test.step('the follow-up page has the new indicator, and the first indicator\'s rows now have a target', async () => {
    await leaderPage.getByRole('link', { name: 'Opfølgning på indikatorerne' }).click()
    await expectPage(leaderPage, { title: 'Opfølgning', heading: 'Opfølgning' })
    const rows = leaderPage.locator('.status-row')
    await expect(rows.filter({ hasText: NEW_INDICATOR })).toHaveCount(1)
    await expect(rows.filter({ hasText: NEW_INDICATOR })).not.toContainText('Intet måltal')
    const forsoergede = rows.filter({ hasText: 'offentligt forsørgede' })
    await expect(forsoergede).toHaveCount(2)
    for (const row of await forsoergede.all()) await expect(row).not.toContainText('Intet måltal')
    await expect(leaderPage.getByRole('heading', { level: 3, name: NEW_INDICATOR })).toBeVisible()
  })
})
