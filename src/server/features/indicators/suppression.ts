// Small-number protection (diskretionering) for counts shown to readers outside the team, such as the
// board: a table of residents per target group and housing department must not let anyone who knows
// the estate point out the two people on ressourceforløb in afdeling 22. LBF Beboerdata hides small
// numbers in its tables for the same reason.
//
// The rule (decided):
//
// 1. Primary: every count n with 0 < n < threshold (default 5) is hidden, totals included: a total
//    of 3 is as small a group as a cell of 3. Decimal counts (full-time persons, 22,2) follow the
//    same rule: 4,6 full-time persons are a handful of people.
//    Zero is shown: a published zero says that no one is in the group, so it points at no one.
//    But a zero is never hidden to protect another number (rule 2): readers often know a zero
//    anyway (no one under 25 gets dagpenge), and then a hidden zero beside a hidden 3 leaves the 3
//    as the total minus the rest.
// 2. Secondary: a line is a row (its cells and its total), a column (its cells and its total), the
//    column of row totals (with the grand total), the row of column totals (with the grand total)
//    and all the cells (with the grand total). Wherever a line holds exactly one hidden number, it
//    could be found as the line's total minus the numbers shown, so one more number in that line
//    is hidden: the smallest non-zero
//    number shown that is not the line's own total (the least information lost), on a tie the one
//    that also fixes another line with exactly one hidden number, then the first in reading order;
//    only if nothing else can be hidden, the line's total. Repeat until no line holds exactly one
//    hidden number. Lines without a stated total count too: the reader may know the total from
//    elsewhere (last quarter's table, the municipality's own figures).
//    Guarantee: every line with a hidden number holds at least two, unless it has no other non-zero
//    number to hide (a one-cell row, or [3, 0, 0] without a total), in which case nothing in the
//    table gives the number away by subtraction.
//
// A hidden number's value is removed (null), not just marked, so it cannot leak through a DTO.

export type Suppression = 'primary' | 'secondary'

export interface SuppressedValue {
  /** The count as published; null when hidden (or not known in the first place). */
  value: number | null
  suppressed: Suppression | null
}

export interface CountTable {
  rows: { label: string; cells: (number | null)[]; total?: number | null }[]
  columnTotals?: (number | null)[]
  grandTotal?: number | null
}

export interface SuppressedTable {
  rows: { label: string; cells: SuppressedValue[]; total?: SuppressedValue }[]
  columnTotals?: SuppressedValue[]
  grandTotal?: SuppressedValue
}

export const DEFAULT_SUPPRESSION_THRESHOLD = 5

function checkThreshold(threshold: number): void {
  if (!Number.isFinite(threshold) || threshold <= 0) throw new RangeError(`The suppression threshold must be a positive number, got ${threshold}`)
}

const isSmall = (n: number | null, threshold: number): boolean => n !== null && n > 0 && n < threshold

/** One count on its own, outside any table: hidden when 0 < n < threshold. */
export function suppressCount(n: number | null, threshold = DEFAULT_SUPPRESSION_THRESHOLD): SuppressedValue {
  checkThreshold(threshold)
  return isSmall(n, threshold) ? { value: null, suppressed: 'primary' } : { value: n, suppressed: null }
}

interface Entry {
  value: number | null
  suppressed: Suppression | null
  /** Indexes into `lines` of the lines this entry belongs to. */
  lines: number[]
}

/** A line's entries: members, then the line's own total (if it has one). */
interface Line {
  members: number[]
  total: number | null
}

/** Hide small counts in a table, and enough others that none can be worked out from a total. */
export function suppressTable(table: CountTable, threshold = DEFAULT_SUPPRESSION_THRESHOLD): SuppressedTable {
  checkThreshold(threshold)
  const entries: Entry[] = []
  const add = (value: number | null | undefined): number | null => {
    if (value === undefined) return null
    entries.push({ value, suppressed: isSmall(value, threshold) ? 'primary' : null, lines: [] })
    return entries.length - 1
  }

  // Entries in reading order: row by row (cells, then the row's total), then the column totals,
  // then the grand total. The order decides ties, so it is part of the rule.
  const cellIds = table.rows.map((r) => ({ cells: [] as number[], total: null as number | null, row: r }))
  for (const r of cellIds) {
    r.cells = r.row.cells.map((c) => add(c)!)
    r.total = add(r.row.total)
  }
  const columnTotalIds = (table.columnTotals ?? []).map((c) => add(c)!)
  const grandTotalId = add(table.grandTotal)

  const lines: Line[] = []
  const addLine = (members: number[], total: number | null) => {
    if (members.length === 0) return
    lines.push({ members, total })
    for (const id of [...members, ...(total === null ? [] : [total])]) entries[id]!.lines.push(lines.length - 1)
  }
  for (const r of cellIds) addLine(r.cells, r.total)
  const columnCount = Math.max(columnTotalIds.length, ...cellIds.map((r) => r.cells.length))
  for (let j = 0; j < columnCount; j++) {
    addLine(
      cellIds.flatMap((r) => (j < r.cells.length ? [r.cells[j]!] : [])),
      columnTotalIds[j] ?? null,
    )
  }
  addLine(cellIds.flatMap((r) => (r.total === null ? [] : [r.total])), grandTotalId)
  addLine(columnTotalIds, grandTotalId)
  // The grand total is also the sum of all the cells, which matters when margins are missing.
  if (grandTotalId !== null) addLine(cellIds.flatMap((r) => r.cells), grandTotalId)

  // How many hidden numbers each line holds, kept up to date as numbers are hidden.
  const hiddenIn = lines.map(() => 0)
  for (const e of entries) if (e.suppressed) for (const l of e.lines) hiddenIn[l]!++

  const canHide = (id: number) => {
    const e = entries[id]!
    return e.suppressed === null && e.value !== null && e.value > 0
  }
  const fixesAnother = (id: number, lineIndex: number) => entries[id]!.lines.some((l) => l !== lineIndex && hiddenIn[l] === 1)

  /** The number to hide beside a line's one hidden number (rule 2), or null if there is none. */
  const complement = (lineIndex: number): number | null => {
    const line = lines[lineIndex]!
    // Members are in reading order, so keeping the first of equals breaks the last ties.
    let best: number | null = null
    for (const id of line.members) {
      if (!canHide(id)) continue
      if (best === null) best = id
      else {
        const a = entries[id]!.value!
        const b = entries[best]!.value!
        if (a < b || (a === b && fixesAnother(id, lineIndex) && !fixesAnother(best, lineIndex))) best = id
      }
    }
    if (best === null && line.total !== null && canHide(line.total)) best = line.total
    return best
  }

  for (;;) {
    let chosen: number | null = null
    for (let l = 0; l < lines.length && chosen === null; l++) if (hiddenIn[l] === 1) chosen = complement(l)
    if (chosen === null) break
    entries[chosen]!.suppressed = 'secondary'
    for (const l of entries[chosen]!.lines) hiddenIn[l]!++
  }

  const out = (id: number): SuppressedValue => {
    const e = entries[id]!
    return e.suppressed === null ? { value: e.value, suppressed: null } : { value: null, suppressed: e.suppressed }
  }
  const result: SuppressedTable = {
    rows: cellIds.map((r) => ({ label: r.row.label, cells: r.cells.map(out), ...(r.total === null ? {} : { total: out(r.total) }) })),
  }
  if (table.columnTotals !== undefined) result.columnTotals = columnTotalIds.map(out)
  if (grandTotalId !== null) result.grandTotal = out(grandTotalId)
  return result
}
