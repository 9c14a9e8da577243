import type { ImportProblem } from '../../../shared/imports.ts'
import { mondayOf, mondayOfWeekKey } from '../../../shared/lib/iso-week.ts'
import { parsePeriod, readPeriod } from '../../../shared/lib/period.ts'
import { cellText, findHeaderRow, type HeaderColumn, type Table } from '../imports/read-table.ts'
import { readDanishNumber } from '../../../shared/lib/danish-number.ts'

// Readers of the job centre's own files (decision 015): the calendar export (one conversation per
// row) and time sheets (one person's hours in a week per row), CSV or Excel, Danish numbers and dates
// as the value importer reads them. Every problem is located by row and column; a file with any
// problem writes nothing (features/imports/, decision 011). A pure rule: a table in, rows out.

export interface StaffLookup {
  /** E-mail (lower case) or full name (lower case) → user id, for members of the plan. */
  staff: ReadonlyMap<string, string>
  /** Activity name or key (lower case) → activity id. */
  activities: ReadonlyMap<string, string>
}

export interface ImportedConversation {
  row: number
  staffId: string
  activityId: string
  heldOn: string
  place: string
  durationMinutes: number
  transportMinutes: number
  adminMinutes: number | null
}

export interface ImportedHours {
  row: number
  staffId: string
  activityId: string
  weekStart: string
  hours: number
}

type CalendarColumn = 'date' | 'staff' | 'activity' | 'place' | 'duration' | 'transport' | 'admin'
type SheetColumn = 'week' | 'staff' | 'activity' | 'hours'

export const CALENDAR_COLUMNS: Record<CalendarColumn, readonly string[]> = {
  date: ['dato', 'samtaledato', 'date'],
  staff: ['medarbejder', 'rådgiver', 'e-mail', 'email'],
  activity: ['aktivitet', 'indsats'],
  place: ['sted', 'lokation', 'mødested'],
  duration: ['varighed', 'varighed (min)', 'minutter', 'samtaletid'],
  transport: ['transport', 'transporttid', 'transport (min)'],
  admin: ['administration', 'administrativ tid', 'admin (min)'],
}
export const SHEET_COLUMNS: Record<SheetColumn, readonly string[]> = {
  week: ['uge', 'ugenummer', 'week'],
  staff: ['medarbejder', 'e-mail', 'email'],
  activity: ['aktivitet', 'indsats'],
  hours: ['timer', 'antal timer', 'hours'],
}

const problem = (row: number, sheet: string | null, column: HeaderColumn | undefined, message: string): ImportProblem => ({ row, sheet, column: column?.label ?? null, message })

function lookup<K extends string>(cells: (string | number | null)[], columns: Partial<Record<K, HeaderColumn>>, key: K): string {
  const c = columns[key]
  return c ? cellText(cells[c.index] ?? null).trim() : ''
}

/** "2025-W27", "uge 27 2025", "27/2025", "27-2025", or a day in the week. */
export function readWeek(text: string): string | null {
  const t = text.trim().toLowerCase()
  let m = /^(\d{4})-?w(\d{1,2})$/.exec(t)
  if (m) return mondayOfWeekKey(`${m[1]}-W${m[2]!.padStart(2, '0')}`)
  m = /^(?:uge\s*)?(\d{1,2})\s*[-/ ]\s*(\d{4})$/.exec(t)
  if (m) return mondayOfWeekKey(`${m[2]}-W${m[1]!.padStart(2, '0')}`)
  const day = readPeriod(t)
  return day && parsePeriod(day)?.kind === 'day' ? mondayOf(day) : null
}

function readMinutes(text: string, required: boolean): number | null | 'bad' {
  if (text === '') return required ? 'bad' : null
  const n = readDanishNumber(text)
  return n === null || !Number.isInteger(n) || n < 0 || n > 720 ? 'bad' : n
}

function readTableRows<K extends string>(table: Pick<Table, 'sheets'>, names: Record<K, readonly string[]>, required: readonly NoInfer<K>[], what: string, read: (cells: (string | number | null)[], row: number, sheet: string | null, columns: Partial<Record<K, HeaderColumn>>, problems: ImportProblem[]) => void): ImportProblem[] {
  const problems: ImportProblem[] = []
  let readAny = false
  for (const sheet of table.sheets) {
    const header = findHeaderRow(sheet, names, (found) => required.every((k) => found.has(k)))
    if (!header.complete) continue
    readAny = true
    problems.push(...header.match.problems)
    for (let i = header.match.index + 1; i < sheet.rows.length; i++) {
      const r = sheet.rows[i]!
      read(r.cells, r.row, sheet.name, header.match.columns, problems)
    }
    break
  }
  if (!readAny) problems.push({ row: 0, column: null, sheet: null, message: `Filen har ikke overskrifterne for ${what}: ${required.map((k) => `»${names[k][0]}«`).join(', ')}.` })
  return problems
}

export function readCalendarExport(table: Pick<Table, 'sheets'>, known: StaffLookup, asOf: string): { rows: ImportedConversation[]; problems: ImportProblem[] } {
  const rows: ImportedConversation[] = []
  const problems = readTableRows(table, CALENDAR_COLUMNS, ['date', 'staff', 'activity', 'place', 'duration'], 'en kalender', (cells, row, sheet, columns, problems) => {
    const before = problems.length
    const dateText = lookup(cells, columns, 'date')
    const day = readPeriod(dateText)
    const heldOn = day && parsePeriod(day)?.kind === 'day' ? day : null
    if (!heldOn) problems.push(problem(row, sheet, columns.date, `»${dateText}« er ikke en dato. Skriv fx 08.07.2025.`))
    else if (heldOn > asOf) problems.push(problem(row, sheet, columns.date, 'Samtalen ligger i fremtiden.'))
    const staffText = lookup(cells, columns, 'staff')
    const staffId = known.staff.get(staffText.toLowerCase())
    if (!staffId) problems.push(problem(row, sheet, columns.staff, `»${staffText}« er ikke en medarbejder på helhedsplanen. Skriv e-mailadressen.`))
    const activityText = lookup(cells, columns, 'activity')
    const activityId = known.activities.get(activityText.toLowerCase())
    if (!activityId) problems.push(problem(row, sheet, columns.activity, `»${activityText}« er ikke en aktivitet i helhedsplanen.`))
    const place = lookup(cells, columns, 'place')
    if (!place) problems.push(problem(row, sheet, columns.place, 'Skriv, hvor samtalen blev holdt.'))
    const duration = readMinutes(lookup(cells, columns, 'duration'), true)
    if (duration === 'bad' || duration === 0) problems.push(problem(row, sheet, columns.duration, 'Skriv varigheden som et helt antal minutter, fx 45.'))
    const transport = readMinutes(lookup(cells, columns, 'transport'), false)
    if (transport === 'bad') problems.push(problem(row, sheet, columns.transport, 'Skriv transporttiden som et helt antal minutter, fx 20.'))
    const admin = readMinutes(lookup(cells, columns, 'admin'), false)
    if (admin === 'bad') problems.push(problem(row, sheet, columns.admin, 'Skriv den administrative tid som et helt antal minutter, eller lad feltet stå tomt.'))
    if (problems.length > before) return
    rows.push({ row, staffId: staffId!, activityId: activityId!, heldOn: heldOn!, place, durationMinutes: duration as number, transportMinutes: (transport as number | null) ?? 0, adminMinutes: admin as number | null })
  })
  return { rows, problems }
}

export function readTimeSheet(table: Pick<Table, 'sheets'>, known: StaffLookup, asOf: string): { rows: ImportedHours[]; problems: ImportProblem[] } {
  const rows: ImportedHours[] = []
  const seen = new Map<string, number>()
  const problems = readTableRows(table, SHEET_COLUMNS, ['week', 'staff', 'activity', 'hours'], 'et timeskema', (cells, row, sheet, columns, problems) => {
    const before = problems.length
    const weekText = lookup(cells, columns, 'week')
    const weekStart = readWeek(weekText)
    if (!weekStart) problems.push(problem(row, sheet, columns.week, `»${weekText}« er ikke en uge. Skriv fx 2025-W27 eller »uge 27 2025«.`))
    else if (weekStart > asOf) problems.push(problem(row, sheet, columns.week, 'Ugen er ikke begyndt.'))
    const staffText = lookup(cells, columns, 'staff')
    const staffId = known.staff.get(staffText.toLowerCase())
    if (!staffId) problems.push(problem(row, sheet, columns.staff, `»${staffText}« er ikke en medarbejder på helhedsplanen. Skriv e-mailadressen.`))
    const activityText = lookup(cells, columns, 'activity')
    const activityId = known.activities.get(activityText.toLowerCase())
    if (!activityId) problems.push(problem(row, sheet, columns.activity, `»${activityText}« er ikke en aktivitet i helhedsplanen.`))
    const hoursText = lookup(cells, columns, 'hours')
    const hours = readDanishNumber(hoursText)
    if (hours === null || hours <= 0 || hours > 168 || !Number.isInteger(hours * 2)) problems.push(problem(row, sheet, columns.hours, `»${hoursText}« er ikke et antal timer i halve timer, fx 7,5.`))
    if (problems.length > before) return
    const key = `${staffId}|${activityId}|${weekStart}`
    const first = seen.get(key)
    if (first !== undefined) {
      problems.push(problem(row, sheet, columns.week, `Samme medarbejder, aktivitet og uge står også i række ${first}.`))
      return
    }
    seen.set(key, row)
    rows.push({ row, staffId: staffId!, activityId: activityId!, weekStart: weekStart!, hours: hours! })
  })
  return { rows, problems }
}
