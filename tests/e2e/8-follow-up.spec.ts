import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { docxText } from '../support/docx-text.ts'
import { type ExpectPage, expect, test } from './support/fixtures.ts'
import { createPlanUser, firstLogin, logInAsAdmin } from './support/users.ts'

// Journey (h): a project leader follows up on the Sønderborg agreement's indicators: types in a value
// for the activation rate, corrects it with a reason and reads its history, imports a Windows-1252
// CSV (first with a broken row, then a good one), comments, approves a period and is then refused a
// value in it; imports a job centre's Excel extract, and an LBF Beboerdata table by making a mapping
// once and then reading next year's table through it in one step; and asks Danmarks Statistik for the
// municipality's figures, which this machine without network cannot reach. A board member reads the same
// dashboard, without any forms, with a small count hidden, and downloads the status report as Word,
// PDF and Excel.

const run = Date.now().toString(36)
const leader = { name: 'Lise Projektleder', email: `lise.${run}@example.dk`, password: 'lise vælger sin egen lange kode' }
const board = { name: 'Bodil Bestyrelse', email: `bodil.${run}@example.dk`, password: 'bodil vælger også en lang kode' }

const PLAN = 'Aktiv i fællesskabet'
const AGREEMENT = 'Delaftale for indsatsområdet Beskæftigelse'
const ACTIVATION = 'Aktiveringsgrad blandt de ledige'
const RESIDENTS = 'Antal beboere omfattet af det fremskudte jobcenter (dog ikke dagpengemodtagere 26+ uger)'

/** Through the main menu's overview to the agreement's dashboard. */
async function openDashboard(page: Page, expectPage: ExpectPage) {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Opfølgning' }).click()
  await expectPage(page, 'Opfølgning')
  await expect(page.getByRole('heading', { level: 2, name: PLAN })).toBeVisible()
  await page.getByRole('link', { name: new RegExp(`^${AGREEMENT}\\s+–\\s+opfølgning$`) }).first().click()
  await expectPage(page, 'Opfølgning')
  await expect(page.getByRole('navigation', { name: 'Brødkrumme' }).getByRole('link')).toHaveText(['Forside', PLAN, AGREEMENT])
}

/** A CSV as Excel's "CSV (semikolonsepareret)" saves it on a Danish Windows: Windows-1252, CRLF. */
function windows1252Csv(file: string, rows: string[][]): string {
  const text = rows.map((row) => row.join(';')).join('\r\n') + '\r\n'
  // æ, ø, å and the rest of Danish are the same bytes in Latin-1 and Windows-1252.
  fs.writeFileSync(file, Buffer.from(text, 'latin1'))
  return file
}

const HEADER = ['indikator', 'række', 'gruppe', 'periode', 'andel', 'antal']

const PUBLIC_SUPPORT = 'Andel offentligt forsørgede fuldtidspersoner'

async function writeWorkbook(file: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook()
  build(wb)
  await wb.xlsx.writeFile(file)
  return file
}

/**
 * An LBF Beboerdata-like table: title rows, then a header with a label column and one column per
 * year, shares written with decimal commas, and "." where Danmarks Statistik suppressed a figure.
 */
function beboerdataTable(file: string, years: number[]): Promise<string> {
  const share: Record<string, Record<number, string>> = {
    '18-29 år': { 2019: '18,4', 2020: '.', 2021: '17,2', 2022: '16,9', 2023: '16,1' },
    '30-64 år': { 2019: '48,7', 2020: '47,9', 2021: '46,5', 2022: '45,8', 2023: '44,9' },
    '65 år og derover': { 2019: '.', 2020: '.', 2021: '.', 2022: '.', 2023: '.' },
  }
  return writeWorkbook(file, (wb) => {
    const ws = wb.addWorksheet('Tabel 14')
    ws.addRow(['Tabel 14. Andel offentligt forsørgede fuldtidspersoner'])
    ws.addRow(['Kilde: LBF Beboerdata, Danmarks Statistik'])
    ws.addRow([])
    ws.addRow(['Alder', ...years])
    for (const [label, byYear] of Object.entries(share)) ws.addRow([label, ...years.map((y) => byYear[y]!)])
  })
}

test('a project leader enters, corrects, imports, comments on and approves indicator values; a board member reads them with small counts hidden', async ({
  page,
  request,
  openBrowser,
  expectPage,
  axe,
}, testInfo) => {
  // Long working sessions; signing in now includes the second factor (decision 027).
  test.setTimeout(300_000)
  let planId = ''
  let leaderCode = ''
  let boardCode = ''

  await test.step('the administrator gives a project leader and a board member access to Sønderborg', async () => {
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const plans = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    planId = plans.plans.find((plan) => plan.municipality === 'Sønderborg')!.id
    leaderCode = await createPlanUser(page, leader, 'projektleder', planId)
    boardCode = await createPlanUser(page, board, 'bestyrelse', planId)
  })

  const leaderPage = await openBrowser()
  const activationValues = () => leaderPage.getByRole('table', { name: `Værdier for ${ACTIVATION}` })
  const valueForm = () => leaderPage.getByRole('form', { name: `Registrér en værdi for ${ACTIVATION}` })

  await test.step('the project leader finds the indicators on the plan page and in the follow-up overview', async () => {
    await firstLogin(leaderPage, leader, leaderCode, expectPage)
    await leaderPage.getByRole('main').getByRole('link', { name: PLAN }).click()
    await expectPage(leaderPage, PLAN)
    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Status for indikatorer' })).toBeVisible()
    const status = leaderPage.locator('.status-agreement').filter({ hasText: AGREEMENT })
    await expect(status.locator('.status-row', { hasText: ACTIVATION })).toContainText('Status: Ingen data')
    await openDashboard(leaderPage, expectPage)
    await expect(leaderPage.getByRole('heading', { level: 3, name: ACTIVATION })).toBeVisible()
    await expect(leaderPage.getByRole('link', { name: 'Importér tal fra en fil (CSV eller Excel)' })).toBeVisible()
  })

  await test.step('a value the form cannot read is answered in Danish, next to the fields', async () => {
    await leaderPage.locator('summary', { hasText: `Registrér en værdi for ${ACTIVATION}` }).click()
    await valueForm().getByLabel('Periode', { exact: true }).fill('kvartal to')
    await expect(valueForm()).toContainText('Kan ikke læses som en periode endnu.')
    await valueForm().getByLabel('Andel (%)').fill('tyve')
    await valueForm().getByRole('button', { name: 'Gem værdi' }).click()
    const summary = valueForm().locator('.error-summary')
    await expect(summary).toBeFocused()
    await expect(summary).toContainText('Perioden kan ikke læses.')
    await expect(summary).toContainText('Andelen "tyve" er ikke et tal. Skriv procenten med komma som decimaltegn, fx 19,14 eller 19,14 %.')
    await axe(leaderPage, 'the value form with errors')
  })

  await test.step('the project leader types the activation rate for a quarter, written the Danish way', async () => {
    await valueForm().getByLabel('Periode', { exact: true }).fill('2. kvartal 2023')
    await expect(valueForm()).toContainText('Læst som: 2. kvartal 2023 (2023-Q2)')
    await valueForm().getByLabel('Andel (%)').fill('24,5')
    await valueForm().getByRole('button', { name: 'Gem værdi' }).click()
    await expect(valueForm().getByRole('heading', { name: 'Værdien for 2. kvartal 2023 er gemt' })).toBeVisible()
    const row = activationValues().getByRole('row', { name: /2\. kvartal 2023/ })
    await expect(row).toContainText('24,5 %')
    await expect(row).toContainText(`Indtastet af ${leader.name}`)
    // Far below the straight line from 20 % (February 2021) to 85 % (August 2025).
    await expect(leaderPage.locator('.series-status').filter({ hasText: 'Seneste værdi 24,5 % (2. kvartal 2023)' })).toContainText('Bagud')
    await expect(leaderPage.getByRole('img', { name: new RegExp(`Linjediagram over ${ACTIVATION}`) })).toHaveAttribute('aria-label', /Boligområde: 24,5\s%/)
  })

  await test.step('a correction needs a reason, and the history keeps both values', async () => {
    await valueForm().getByLabel('Periode', { exact: true }).fill('2023-Q2')
    await valueForm().getByLabel('Andel (%)').fill('26')
    await expect(valueForm()).toContainText('2. kvartal 2023 har allerede værdien 24,5 %')
    await valueForm().getByRole('button', { name: 'Gem rettelse' }).click()
    await expect(valueForm().locator('.error-summary')).toContainText('Perioden har allerede en værdi. Skriv hvorfor værdien rettes.')
    await valueForm().getByLabel(/Begrundelse for rettelse/).fill('Jobcentret rettede udtrækket for kvartalet.')
    await valueForm().getByRole('button', { name: 'Gem rettelse' }).click()
    await expect(valueForm().getByRole('heading', { name: 'Værdien for 2. kvartal 2023 er rettet' })).toBeVisible()
    const row = activationValues().getByRole('row', { name: /2\. kvartal 2023/ })
    await expect(row).toContainText('26 %')

    await row.getByRole('link', { name: /Rettet – se historik for boligområde\/målgruppe, 2\. kvartal 2023/ }).click()
    await expectPage(leaderPage, 'Historik for en værdi')
    await expect(leaderPage.getByText(`${ACTIVATION} · Boligområde/målgruppe · 2. kvartal 2023`)).toBeVisible()
    const history = leaderPage.getByRole('table', { name: 'Værdier for perioden, nyeste først' })
    await expect(history.locator('tbody tr')).toHaveCount(2)
    await expect(history.locator('tbody tr').nth(0)).toContainText('26 %')
    await expect(history.locator('tbody tr').nth(0)).toContainText('Gældende')
    await expect(history.locator('tbody tr').nth(0)).toContainText('Jobcentret rettede udtrækket for kvartalet.')
    await expect(history.locator('tbody tr').nth(1)).toContainText('24,5 %')
    await expect(history.locator('tbody tr').nth(1)).toContainText('Første værdi')
    await leaderPage.getByRole('link', { name: 'Tilbage til opfølgningen' }).click()
    await expectPage(leaderPage, 'Opfølgning')
  })

  const dashboardUrl = leaderPage.url().replace(/#.*$/, '')
  const agreementId = /delaftaler\/([^/]+)\/opfoelgning/.exec(dashboardUrl)![1]!

  await test.step('a file with a broken row is refused with the row and column of the problem, and nothing is saved', async () => {
    await leaderPage.getByRole('link', { name: 'Importér tal fra en fil (CSV eller Excel)' }).click()
    await expectPage(leaderPage, 'Importér tal')
    await expect(leaderPage.getByRole('table', { name: 'Eksempel på en fil' }).getByRole('columnheader')).toHaveText(HEADER)
    const broken = windows1252Csv(testInfo.outputPath('aktivering-fejl.csv'), [
      HEADER,
      [ACTIVATION, '', 'område', '3. kvartal 2023', '27,5', ''],
      [ACTIVATION, '', 'område', '4. kvartal 2023', 'tyve', ''],
    ])
    await leaderPage.getByLabel('Fil', { exact: true }).setInputFiles(broken)
    await leaderPage.getByRole('button', { name: 'Indlæs fil' }).click()
    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Indholdet af aktivering-fejl.csv' })).toBeFocused()
    await expect(leaderPage.locator('.alert-error')).toContainText('Filen har 1 fejl')
    await expect(leaderPage.locator('.alert-error')).toContainText('Intet er gemt.')
    const problems = leaderPage.getByRole('table', { name: 'Fejl i filen' })
    await expect(problems.getByRole('columnheader')).toHaveText(['Række', 'Kolonne', 'Ark', 'Fejl'])
    await expect(problems.locator('tbody tr')).toHaveCount(1)
    await expect(problems.locator('tbody tr td').nth(0)).toHaveText('3')
    await expect(problems.locator('tbody tr td').nth(1)).toHaveText(/^E/)
    await expect(problems.locator('tbody tr td').nth(1)).toContainText('andel')
    await expect(problems.locator('tbody tr')).toContainText('"tyve"')
    await expect(leaderPage.getByRole('button', { name: 'Gem 1 værdi' })).toBeDisabled()
    await axe(leaderPage, 'the import preview with problems')

    // Nothing from the file is there: not even the good row.
    const followUp = (await (await leaderPage.request.get(`/api/plans/${planId}/agreements/${agreementId}/follow-up`)).json()) as {
      series: { indicatorKey: string; values: { period: string }[] }[]
    }
    expect(followUp.series.find((s) => s.indicatorKey === 'aktiveringsgrad-blandt-ledige')!.values.map((v) => v.period)).not.toContain('2023-Q3')
    await leaderPage.getByRole('button', { name: 'Annullér' }).click()
  })

  await test.step('a good file is previewed, saved all at once, and its values show where they came from', async () => {
    const good = windows1252Csv(testInfo.outputPath('aktivering-2023.csv'), [
      HEADER,
      [ACTIVATION, '', 'område', '3. kvartal 2023', '27,5', ''],
      [ACTIVATION, '', 'kommune', '3. kvartal 2023', '35,1', ''],
      [ACTIVATION, '', 'område', '2023K4', '29', ''],
    ])
    await leaderPage.getByLabel('Fil', { exact: true }).setInputFiles(good)
    await leaderPage.getByRole('button', { name: 'Indlæs fil' }).click()
    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Indholdet af aktivering-2023.csv' })).toBeFocused()
    await expect(leaderPage.locator('.import-summary')).toHaveText('Filen har 3 værdier.')
    const preview = leaderPage.getByRole('table', { name: 'Værdier i filen' })
    await expect(preview.getByRole('row', { name: /Kommune/ })).toContainText('35,1 %')
    await expect(preview.getByRole('row', { name: /4\. kvartal 2023/ })).toContainText('29 %')
    await axe(leaderPage, 'the import preview')
    await leaderPage.getByRole('button', { name: 'Gem 3 værdier' }).click()
    await expect(leaderPage.locator('.alert-success')).toContainText('3 værdier fra aktivering-2023.csv er gemt')
    await leaderPage.getByRole('link', { name: 'Se værdierne på opfølgningssiden' }).click()
    await expectPage(leaderPage, 'Opfølgning')
    const row = activationValues().getByRole('row', { name: /3\. kvartal 2023/ })
    await expect(row).toContainText('27,5 %')
    await expect(row).toContainText('35,1 %')
    await expect(row).toContainText('Boligområde: Importeret fra aktivering-2023.csv, række 2')
    await expect(row).toContainText('Kommune: Importeret fra aktivering-2023.csv, række 3')
    await expect(activationValues().getByRole('row', { name: /4\. kvartal 2023/ })).toContainText('Importeret fra aktivering-2023.csv, række 4')
  })

  await test.step('the project leader comments on the quarter', async () => {
    await leaderPage.locator('summary', { hasText: `Skriv en kommentar til ${ACTIVATION}` }).click()
    const form = leaderPage.getByRole('form', { name: `Skriv en kommentar til ${ACTIVATION}` })
    await form.getByLabel('Periode', { exact: true }).fill('K3 2023')
    await form.getByLabel('Kommentar').fill('Stigningen følger de nye forløb i Stenbjergparken.')
    await form.getByRole('button', { name: 'Gem kommentar' }).click()
    await expect(form.getByRole('heading', { name: 'Kommentaren til 3. kvartal 2023 er gemt.' })).toBeVisible()
    const comments = leaderPage.locator('.indicator-comments').filter({ has: leaderPage.getByRole('heading', { name: `Kommentarer til ${ACTIVATION}` }) })
    await expect(comments.locator('.comment').first()).toContainText('3. kvartal 2023')
    await expect(comments.locator('.comment').first()).toContainText(leader.name)
    await expect(comments.locator('.comment').first()).toContainText('Stigningen følger de nye forløb i Stenbjergparken.')
  })

  await test.step('the project leader approves and locks the quarter, and is then refused a new value in it', async () => {
    const periods = leaderPage.getByRole('table', { name: /Perioder med tal/ })
    await periods.getByRole('button', { name: 'Godkend og lås 3. kvartal 2023' }).click()
    const dialog = leaderPage.getByRole('dialog', { name: 'Godkend og lås 3. kvartal 2023?' })
    await expect(dialog).toBeVisible()
    await axe(leaderPage, 'the lock dialog')
    await dialog.getByRole('button', { name: 'Godkend og lås periode' }).click()
    await expect(leaderPage.getByRole('heading', { name: '3. kvartal 2023 er godkendt og låst' })).toBeVisible()
    await expect(periods.getByRole('row', { name: /3\. kvartal 2023/ })).toContainText('Godkendt og låst')
    await expect(periods.getByRole('row', { name: /3\. kvartal 2023/ })).toContainText(`Låst af ${leader.name}`)
    await expect(periods.getByRole('button', { name: 'Lås op 3. kvartal 2023' })).toBeVisible()
    await expect(activationValues().getByRole('row', { name: /3\. kvartal 2023/ })).toContainText('Låst')

    await leaderPage.locator('summary', { hasText: `Registrér en værdi for ${ACTIVATION}` }).click()
    await valueForm().getByLabel('Periode', { exact: true }).fill('2023-Q3')
    await expect(valueForm()).toContainText('Perioden er godkendt og låst')
    await valueForm().getByLabel('Andel (%)').fill('30')
    await valueForm().getByLabel(/Begrundelse for rettelse/).fill('Nyt udtræk.')
    await valueForm().getByRole('button', { name: 'Gem rettelse' }).click()
    const refusal = valueForm().locator('.alert-error')
    await expect(refusal).toBeFocused()
    await expect(refusal).toContainText('Perioden er låst')
    await expect(refusal).toContainText('3. kvartal 2023 er godkendt og låst')
    await expect(activationValues().getByRole('row', { name: /3\. kvartal 2023/ })).toContainText('27,5 %')
  })

  await test.step('an Excel extract from the job centre, with a title row and a cell formatted as percent, is imported', async () => {
    await leaderPage.getByRole('link', { name: 'Importér tal fra en fil (CSV eller Excel)' }).click()
    await expectPage(leaderPage, 'Importér tal')
    await expect(leaderPage.getByRole('radio', { name: /^Jobcenterudtræk eller anden fil/ })).toBeChecked()
    const extract = await writeWorkbook(testInfo.outputPath('jobcenter-2024.xlsx'), (wb) => {
      const ws = wb.addWorksheet('Udtræk')
      ws.addRow(['Udtræk fra Jobcenter Sønderborg, 1. kvartal 2024'])
      ws.addRow(HEADER)
      const row = ws.addRow([ACTIVATION, '', 'område', '1. kvartal 2024', 0.312, 52])
      row.getCell(5).numFmt = '0.0%'
    })
    await leaderPage.getByLabel('Fil', { exact: true }).setInputFiles(extract)
    await leaderPage.getByRole('button', { name: 'Indlæs fil' }).click()
    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Indholdet af jobcenter-2024.xlsx' })).toBeFocused()
    await expect(leaderPage.locator('.import-summary')).toHaveText('Filen har 1 værdi.')
    await expect(leaderPage.getByRole('table', { name: 'Værdier i filen' }).getByRole('row', { name: /1\. kvartal 2024/ })).toContainText('31,2 %')
    await axe(leaderPage, 'the preview of an Excel extract')
    await leaderPage.getByRole('button', { name: 'Gem 1 værdi' }).click()
    await expect(leaderPage.locator('.alert-success')).toContainText('1 værdi fra jobcenter-2024.xlsx er gemt')
    await leaderPage.getByRole('link', { name: 'Se værdierne på opfølgningssiden' }).click()
    await expectPage(leaderPage, 'Opfølgning')
    const row = activationValues().getByRole('row', { name: /1\. kvartal 2024/ })
    await expect(row).toContainText('31,2 %')
    await expect(row).toContainText(/Importeret fra jobcenter-2024\.xlsx, (ark Udtræk, )?række 3/)
  })

  await test.step('a Beboerdata table is mapped once: the project leader says which rows are which, saves the mapping and imports the file', async () => {
    await leaderPage.getByRole('link', { name: 'Importér tal fra en fil (CSV eller Excel)' }).click()
    await expectPage(leaderPage, 'Importér tal')
    await leaderPage.getByRole('radio', { name: 'LBF Beboerdata-tabel (årstal som kolonner)' }).check()
    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Beboerdata-tabel' })).toBeVisible()
    // No mapping is saved yet, so there is nothing to choose: the file goes to be read for its table.
    await expect(leaderPage.getByRole('radio', { name: /Brug opsætningen/ })).toHaveCount(0)
    const table = await beboerdataTable(testInfo.outputPath('beboerdata-tabel14-2022.xlsx'), [2019, 2020, 2021, 2022])
    await leaderPage.getByLabel('Fil', { exact: true }).setInputFiles(table)
    await leaderPage.getByRole('button', { name: 'Find tabellen i filen' }).click()
    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Tabellen i beboerdata-tabel14-2022.xlsx' })).toBeFocused()
    const found = leaderPage.locator('.detected-table')
    await expect(found).toContainText('Tabel 14')
    await expect(found).toContainText('2019–2022')
    await expect(found).toContainText('18-29 år, 30-64 år, 65 år og derover')
    const form = leaderPage.getByRole('form', { name: 'Ny opsætning til Beboerdata-tabellen' })
    await expect(form.getByLabel('Indikatorrække for 18-29 år')).toHaveValue('')
    await expect(form.getByLabel('Indikatorrække for 18-29 år').locator('option:checked')).toHaveText('Importér ikke')

    // Saved without a name or a row: the server's reasons, in Danish, in the error summary.
    await form.getByRole('button', { name: 'Gem opsætningen og indlæs filen' }).click()
    const summary = leaderPage.locator('.error-summary')
    await expect(summary).toBeFocused()
    await expect(summary).toContainText('Giv opsætningen et navn, fx "Beboerdata tabel 14".')
    await expect(summary).toContainText('Vælg mindst én række fra tabellen.')
    await axe(leaderPage, 'the new mapping with errors')

    await form.getByLabel('Navn på opsætningen').fill('Beboerdata tabel 14')
    await form.getByRole('radio', { name: /Boligområdet eller målgruppen/ }).check()
    await form.getByRole('radio', { name: 'Andele i procent' }).check()
    for (const age of ['18-29 år', '30-64 år']) {
      // The options read "goal › indicator › row".
      const select = form.getByLabel(`Indikatorrække for ${age}`)
      const option = select.locator('option', { hasText: `› ${PUBLIC_SUPPORT} › ${age}` })
      await expect(option).toHaveCount(1)
      await select.selectOption((await option.getAttribute('value'))!)
    }
    await form.getByRole('button', { name: 'Gem opsætningen og indlæs filen' }).click()

    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Indholdet af beboerdata-tabel14-2022.xlsx' })).toBeFocused()
    // Two rows for four years, less the suppressed 2020 for the young; "65 år og derover" is not imported.
    await expect(leaderPage.locator('.import-summary')).toHaveText('Filen har 7 værdier.')
    const preview = leaderPage.getByRole('table', { name: 'Værdier i filen' })
    await expect(preview.getByRole('row', { name: /18-29 år.*2019/ })).toContainText('18,4 %')
    await expect(preview.getByRole('row', { name: /30-64 år.*2022/ })).toContainText('45,8 %')
    await expect(preview.getByRole('row', { name: /18-29 år.*2020/ })).toHaveCount(0)
    await axe(leaderPage, 'the preview of a Beboerdata table')
    await leaderPage.getByRole('button', { name: 'Gem 7 værdier' }).click()
    await expect(leaderPage.locator('.alert-success')).toContainText('7 værdier fra beboerdata-tabel14-2022.xlsx er gemt')
  })

  await test.step("next year's Beboerdata table is imported in one step with the saved mapping", async () => {
    await leaderPage.getByRole('button', { name: 'Importér en fil mere' }).click()
    await expect(leaderPage.getByRole('radio', { name: 'LBF Beboerdata-tabel (årstal som kolonner)' })).toBeChecked()
    const saved = leaderPage.getByRole('radio', { name: 'Brug opsætningen Beboerdata tabel 14' })
    await expect(saved).toBeChecked()
    await axe(leaderPage, 'the choice of a saved mapping')
    const next = await beboerdataTable(testInfo.outputPath('beboerdata-tabel14-2023.xlsx'), [2019, 2020, 2021, 2022, 2023])
    await leaderPage.getByLabel('Fil', { exact: true }).setInputFiles(next)
    await leaderPage.getByRole('button', { name: 'Indlæs fil' }).click()
    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Indholdet af beboerdata-tabel14-2023.xlsx' })).toBeFocused()
    await expect(leaderPage.locator('.import-summary')).toContainText('Filen har 9 værdier.')
    await expect(leaderPage.locator('.import-summary')).toContainText('7 værdier er allerede registreret med de samme tal og springes over.')
    await leaderPage.getByRole('button', { name: 'Gem 2 værdier' }).click()
    await expect(leaderPage.locator('.alert-success')).toContainText('2 værdier fra beboerdata-tabel14-2023.xlsx er gemt')
    await leaderPage.getByRole('link', { name: 'Se værdierne på opfølgningssiden' }).click()
    await expectPage(leaderPage, 'Opfølgning')
    const young = leaderPage.getByRole('table', { name: `Værdier for ${PUBLIC_SUPPORT}, 18-29 år` })
    await expect(young.getByRole('row', { name: /2023/ })).toContainText('16,1 %')
    await expect(young.getByRole('row', { name: /2023/ })).toContainText(/Importeret fra beboerdata-tabel14-2023\.xlsx/)
    await expect(young.getByRole('row', { name: /2019/ })).toContainText(/Importeret fra beboerdata-tabel14-2022\.xlsx/)
  })

  await test.step('the project leader asks Danmarks Statistik for the municipality\'s activation rate, and is told in Danish that it does not answer', async () => {
    await leaderPage.getByRole('link', { name: 'Importér tal fra en fil (CSV eller Excel)' }).click()
    await expectPage(leaderPage, 'Importér tal')
    await leaderPage.getByRole('radio', { name: 'Kommunetal fra Danmarks Statistik eller Jobindsats' }).check()
    await expect(leaderPage.getByRole('heading', { level: 2, name: 'Hent kommunens tal' })).toBeVisible()
    const form = leaderPage.getByRole('form', { name: 'Hent kommunetal fra Danmarks Statistik eller Jobindsats' })
    await expect(form.getByRole('radio', { name: 'Danmarks Statistik' })).toBeChecked()
    // The options read "goal › indicator › row".
    const select = form.getByLabel('Indikatorrække')
    const option = select.locator('option', { hasText: `› ${ACTIVATION}` })
    await expect(option).toHaveCount(1)
    await select.selectOption((await option.getAttribute('value'))!)
    await expect(form.getByRole('radio', { name: 'Andel' })).toBeChecked()
    await form.getByLabel('Tabel', { exact: true }).fill('AUK01')
    await form.getByLabel('Variable').fill('OMRÅDE=540\nTid=2023K1')
    await form.getByRole('button', { name: 'Hent tallene' }).click()
    // This machine has no network: the server's Danish message, in an error alert that takes focus.
    const refusal = leaderPage.locator('.alert-error').filter({ hasText: 'Tallene kunne ikke hentes fra Danmarks Statistik' })
    await expect(refusal).toBeFocused()
    await expect(refusal).toContainText(/Danmarks Statistik svare(r ikke lige nu|de ikke inden for)/)
    // The form keeps what was typed, ready for another try.
    await expect(form.getByLabel('Tabel', { exact: true })).toHaveValue('AUK01')
    await expect(form.getByLabel('Variable')).toHaveValue('OMRÅDE=540\nTid=2023K1')
    await axe(leaderPage, 'the fetch form with its error')
  })

  await test.step('a small count is recorded for the residents in the outreach job centre', async () => {
    const response = await leaderPage.request.post(`/api/plans/${planId}/agreements/${agreementId}/values`, {
      headers: { origin: new URL(leaderPage.url()).origin },
      data: { indicatorKey: 'beboere-omfattet-af-fremskudt-jobcenter', rowKey: 'alle', population: 'area', period: '2023-Q1', count: 3 },
    })
    expect(response.status(), await response.text()).toBe(201)
  })

  await test.step('the project leader imports the job centre\'s target-group table and sees it add up to 265', async () => {
    await leaderPage.goto(`/planer/${planId}`)
    await leaderPage.getByRole('link', { name: /^Målgrupper: ledige beboere/ }).click()
    await expectPage(leaderPage, 'Målgrupper')
    await leaderPage.getByLabel('Fil', { exact: true }).setInputFiles(path.join(import.meta.dirname, '../fixtures/imports/soenderborg-maalgrupper-2021-03-01.csv'))
    await leaderPage.getByRole('button', { name: 'Indlæs fil' }).click()
    await expect(leaderPage.getByRole('table', { name: 'Tal i filen' })).toBeVisible()
    await axe(leaderPage, 'the target-group preview')
    await leaderPage.getByRole('button', { name: 'Gem 28 tal' }).click()
    await expect(leaderPage.getByRole('heading', { name: /28 tal fra soenderborg-maalgrupper-2021-03-01\.csv er gemt/ })).toBeVisible()
    const table = leaderPage.getByRole('table', { name: /opgjort 1\. marts 2021/ })
    await expect(table.getByRole('row').last()).toContainText('265')
    await axe(leaderPage, 'the saved target-group table')
  })

  const boardPage = await openBrowser()
  await test.step('the board member reads the dashboard, without forms, with the small count hidden', async () => {
    await firstLogin(boardPage, board, boardCode, expectPage)
    await openDashboard(boardPage, expectPage)
    await expect(boardPage.getByRole('heading', { name: 'Små tal er skjult' })).toBeVisible()
    const activation = boardPage.getByRole('table', { name: `Værdier for ${ACTIVATION}` })
    await expect(activation.getByRole('row', { name: /2\. kvartal 2023/ })).toContainText('26 %')
    await expect(activation.getByRole('row', { name: /3\. kvartal 2023/ })).toContainText('Låst')
    const residents = boardPage.getByRole('table', { name: `Værdier for ${RESIDENTS}` })
    await expect(residents.getByRole('row', { name: /1\. kvartal 2023/ })).toContainText('Skjult af hensyn til små tal')
    await expect(residents).not.toContainText(/\b3\b/)
    await expect(boardPage.getByRole('img', { name: new RegExp(`Linjediagram over ${RESIDENTS.replace(/[()+]/g, '\\$&')}`) })).toHaveAttribute(
      'aria-label',
      /skjult af hensyn til små tal/,
    )
    await expect(boardPage.locator('summary', { hasText: 'Registrér en værdi' })).toHaveCount(0)
    await expect(boardPage.locator('summary', { hasText: 'Skriv en kommentar' })).toHaveCount(0)
    await expect(boardPage.getByRole('form')).toHaveCount(0)
    await expect(boardPage.getByRole('link', { name: /Importér tal/ })).toHaveCount(0)
    await expect(boardPage.getByRole('button', { name: /Godkend og lås|Lås op/ })).toHaveCount(0)
    await expect(boardPage.locator('.comment').first()).toContainText('Stigningen følger de nye forløb i Stenbjergparken.')
  })

  await test.step('the board member downloads the status report for the approved quarter, as Word, with the small count hidden', async () => {
    const report = boardPage.getByRole('region', { name: 'Statusrapport til bestyrelsen' })
    await expect(report.getByLabel('Periode')).toHaveValue('2023-Q3')
    const [download] = await Promise.all([boardPage.waitForEvent('download'), report.getByRole('link', { name: 'Word' }).click()])
    expect(download.suggestedFilename()).toMatch(/^statusrapport-.*2023-Q3\.docx$/)
    const { all: text } = await docxText(fs.readFileSync((await download.path())!))
    expect(text).toContain('Statusrapport')
    expect(text).toContain('3. kvartal 2023')
    expect(text).toContain(ACTIVATION)
    expect(text).toContain('Stigningen følger de nye forløb i Stenbjergparken.')
    expect(text).toMatch(/skjult/i)
  })

  await test.step('the board member downloads the same report as PDF and as Excel', async () => {
    const report = boardPage.getByRole('region', { name: 'Statusrapport til bestyrelsen' })
    const [pdf] = await Promise.all([boardPage.waitForEvent('download'), report.getByRole('link', { name: 'PDF' }).click()])
    expect(pdf.suggestedFilename()).toMatch(/^statusrapport-.*2023-Q3\.pdf$/)
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const [xlsx] = await Promise.all([boardPage.waitForEvent('download'), report.getByRole('link', { name: 'Excel' }).click()])
    expect(xlsx.suggestedFilename()).toMatch(/^statusrapport-.*2023-Q3\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile((await xlsx.path())!)
    expect(workbook.worksheets.map((w) => w.name)).toContain('Oversigt')
    const overview = workbook.getWorksheet('Oversigt')!
    const cells: string[] = []
    overview.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))))
    expect(cells.join(' ')).toContain(ACTIVATION)
  })

  await test.step('the board member sees the target-group table with small counts hidden', async () => {
    await boardPage.goto(`/planer/${planId}/maalgrupper`)
    await expectPage(boardPage, 'Målgrupper')
    await expect(boardPage.getByRole('heading', { name: 'Små tal er skjult' })).toBeVisible()
    const table = boardPage.getByRole('table', { name: /opgjort 1\. marts 2021/ })
    await expect(table.getByRole('row', { name: /^6\.5/ })).toContainText('skjult')
    await expect(table.getByRole('row').last()).toContainText('265')
  })

  await test.step('the board member cannot open the import page', async () => {
    await boardPage.goto(`/planer/${planId}/delaftaler/${agreementId}/opfoelgning/importer`)
    await expectPage(boardPage, 'Ingen adgang')
  })
})
