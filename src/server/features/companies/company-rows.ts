import type { SizeBand } from '../../../shared/companies.ts'
import type { ImportProblem } from '../../../shared/imports.ts'
import { cvrMessage, cvrProblem, normaliseCvr } from '../../../shared/lib/cvr.ts'
import { type Cell, cellText, findHeaderRow, type HeaderColumn, type Table, type TableRow } from '../imports/read-table.ts'

// A list of companies, one a row, as the job centre's company service or a spreadsheet kept by hand
// has it (docs/company-import-format.md). Danish column headings; cvr and navn are needed, the rest
// may be left out. Every problem is located by row and column; a CVR number twice in the file is a
// problem at the second row naming the first. Duplicates against the plan are found by the service.
//
//   CVR-nummer  Navn             Adresse         Postnummer  By         Branchekode  Branche        Ansatte
//   20165715    Danfoss A/S      Nordborgvej 81  6430        Nordborg   281400       Industri       250+

export interface ImportedCompany {
  row: number
  sheet: string | null
  cvr: string
  name: string
  address: string | null
  postalCode: string | null
  city: string | null
  industryCode: string | null
  industryText: string | null
  sizeBand: SizeBand | null
  markedInMomentum: boolean
}

export interface CompanyRowsResult {
  rows: ImportedCompany[]
  problems: ImportProblem[]
  /** The CVR column as problems name it ("A (CVR-nummer)"), for problems found later. */
  cvrColumn: string | null
}

type ColumnKey = 'cvr' | 'name' | 'address' | 'postalCode' | 'city' | 'industryCode' | 'industryText' | 'sizeBand' | 'momentum'

/** Accepted headings per column, compared folded (case, æøå, a trailing colon, a unit in parentheses). */
export const companyColumnNames: Record<ColumnKey, readonly string[]> = {
  cvr: ['cvr', 'cvr-nummer', 'cvr nummer', 'cvr-nr', 'cvr-nr.', 'cvr nr', 'cvr nr.', 'cvrnr'],
  name: ['navn', 'virksomhed', 'virksomhedsnavn', 'firmanavn', 'firma'],
  address: ['adresse', 'vejnavn', 'vej og nummer'],
  postalCode: ['postnummer', 'postnr', 'postnr.'],
  city: ['by', 'bynavn', 'postdistrikt'],
  industryCode: ['branchekode', 'db07', 'db07-kode', 'branchekode db07'],
  industryText: ['branche', 'branchetekst', 'branchebetegnelse'],
  sizeBand: ['ansatte', 'antal ansatte', 'størrelse', 'størrelsesgruppe'],
  momentum: ['momentum', 'markeret i momentum', 'i momentum'],
}

const headings: Record<ColumnKey, string> = {
  cvr: 'CVR-nummer',
  name: 'Navn',
  address: 'Adresse',
  postalCode: 'Postnummer',
  city: 'By',
  industryCode: 'Branchekode',
  industryText: 'Branche',
  sizeBand: 'Ansatte',
  momentum: 'Momentum',
}

const BANDS: readonly SizeBand[] = ['0', '1-9', '10-49', '50-249', '250+']

/** "10-49", "10–49 ansatte", "250+" or a head count ("35") → the band; null when it cannot be read. */
export function readSizeBand(text: string): SizeBand | null {
  const t = text
    .toLowerCase()
    .replace(/ansatte|medarbejdere/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, '')
  if (/^(250\+|250ellerflere|over250)$/.test(t)) return '250+'
  const band = BANDS.find((b) => b === t)
  if (band) return band
  if (/^\d+$/.test(t)) {
    const n = Number(t)
    return n === 0 ? '0' : n <= 9 ? '1-9' : n <= 49 ? '10-49' : n <= 249 ? '50-249' : '250+'
  }
  return null
}

/** "ja", "x", "1" → true; "nej", "0" or empty → false; anything else null. */
function readYesNo(text: string): boolean | null {
  const t = text.toLowerCase()
  if (t === '' || t === 'nej' || t === '0' || t === 'n') return false
  if (t === 'ja' || t === 'x' || t === '1' || t === 'j') return true
  return null
}

export function parseCompanyRows(table: Pick<Table, 'sheets'>): CompanyRowsResult {
  const rows: ImportedCompany[] = []
  const problems: ImportProblem[] = []
  const seen = new Map<string, { row: number; sheet: string | null; name: string }>()
  let cvrColumn: string | null = null
  let anySheet = false
  let bestFound: { sheet: string | null; row: number; found: ColumnKey[] } | null = null

  for (const sheet of table.sheets) {
    const header = findHeaderRow(sheet, companyColumnNames, (found) => found.has('cvr') && found.has('name'))
    if (!header.complete) {
      const found = header.best ? (Object.keys(header.best.columns) as ColumnKey[]) : []
      if (header.best && (!bestFound || found.length > bestFound.found.length)) bestFound = { sheet: sheet.name, row: header.best.row, found }
      continue
    }
    anySheet = true
    const { columns } = header.match
    cvrColumn ??= columns.cvr?.label ?? null
    problems.push(...header.match.problems)
    for (const tableRow of sheet.rows.slice(header.match.index + 1)) {
      const company = readRow(tableRow, sheet.name, columns, problems)
      if (!company) continue
      const first = seen.get(company.cvr)
      if (first) {
        const where = first.sheet === sheet.name ? `række ${first.row}` : `række ${first.row} på arket "${first.sheet}"`
        problems.push({
          row: tableRow.row,
          column: columns.cvr!.label,
          sheet: sheet.name,
          message: `CVR-nummeret ${company.cvr} står også i ${where} (${first.name}). En virksomhed kan kun stå én gang: slet den ene række.`,
        })
        continue
      }
      seen.set(company.cvr, { row: tableRow.row, sheet: sheet.name, name: company.name })
      rows.push(company)
    }
  }

  if (!anySheet) {
    const expected = 'Filen skal have en overskriftsrække med mindst kolonnerne CVR-nummer og Navn (se vejledningen til virksomhedslister).'
    if (!bestFound || bestFound.found.length === 0) problems.push({ row: 0, column: null, sheet: null, message: `Fandt ingen overskriftsrække. ${expected}` })
    else {
      const missing = (['cvr', 'name'] as const).filter((k) => !bestFound.found.includes(k)).map((k) => headings[k])
      problems.push({ row: bestFound.row, column: null, sheet: bestFound.sheet, message: `Overskriftsrækken mangler kolonnen ${missing.join(' og ')}. ${expected}` })
    }
  } else if (rows.length === 0 && problems.length === 0) {
    problems.push({ row: 0, column: null, sheet: null, message: 'Der er ingen virksomheder under overskrifterne.' })
  }
  return { rows, problems, cvrColumn }
}

function readRow(tableRow: TableRow, sheet: string | null, columns: Partial<Record<ColumnKey, HeaderColumn>>, problems: ImportProblem[]): ImportedCompany | null {
  const cell = (column: HeaderColumn | undefined): Cell => (column ? (tableRow.cells[column.index] ?? null) : null)
  const text = (key: ColumnKey) => cellText(cell(columns[key]))
  if ((Object.values(columns) as HeaderColumn[]).every((c) => cellText(cell(c)) === '')) return null
  const before = problems.length
  const problem = (key: ColumnKey, message: string) => problems.push({ row: tableRow.row, column: columns[key]?.label ?? null, sheet, message })
  const optional = (key: ColumnKey) => text(key) || null

  const cvrText = text('cvr')
  const cvrIssue = cvrProblem(cvrText)
  if (cvrIssue) problem('cvr', cvrMessage(cvrIssue, cvrText))

  const name = text('name')
  if (name === '') problem('name', 'Navnet mangler. Skriv virksomhedens navn.')
  else if (name.length > 200) problem('name', 'Navnet er for langt (højst 200 tegn).')

  const postalCode = optional('postalCode')
  if (postalCode && !/^\d{4}$/.test(postalCode)) problem('postalCode', `Postnummeret "${postalCode}" skal være 4 cifre.`)

  const industryCode = optional('industryCode')
  if (industryCode && !/^\d{6}$/.test(industryCode)) problem('industryCode', `Branchekoden "${industryCode}" er ikke en DB07-kode på 6 cifre. Skriv fx 471100, eller lad feltet stå tomt og skriv branchen i kolonnen Branche.`)

  const sizeText = text('sizeBand')
  const sizeBand = sizeText ? readSizeBand(sizeText) : null
  if (sizeText && !sizeBand) problem('sizeBand', `Antal ansatte "${sizeText}" kan ikke læses. Skriv et antal (fx 35) eller en gruppe: 0, 1-9, 10-49, 50-249 eller 250+.`)

  const momentumText = text('momentum')
  const markedInMomentum = readYesNo(momentumText)
  if (markedInMomentum === null) problem('momentum', `"${momentumText}" i kolonnen Momentum skal være ja eller nej.`)

  if (problems.length > before) return null
  return {
    row: tableRow.row,
    sheet,
    cvr: normaliseCvr(cvrText)!,
    name,
    address: optional('address'),
    postalCode,
    city: optional('city'),
    industryCode,
    industryText: optional('industryText'),
    sizeBand,
    markedInMomentum: markedInMomentum ?? false,
  }
}
