import type { Roster } from '../../../shared/enrolments.ts'
import type { AttendanceStatus, SessionCreate } from '../../../shared/sessions.ts'

// Attendance for a whole group on one screen: one row per enrolment in the course on the day of the
// session. A row left unmarked is not on the list at all: at an individual conversation only one
// resident was expected, and marking the rest "Udeblevet" would count against them.

export type RosterEntry = Roster['active'][number]

/** Enrolment id → the mark chosen; a missing id is unmarked. */
export type Marks = Readonly<Record<string, AttendanceStatus>>

/**
 * The enrolments that can be on the list for a session on `heldOn`: those started by then (the
 * roster holds only enrolments that have not ended, so none has ended before it). An unreadable
 * day keeps every row, so the rows do not vanish while a date is being typed. An anonymised
 * resident is never on it: nothing new may be written about them.
 */
export function attendanceRows(active: readonly RosterEntry[], heldOn: string): { rows: RosterEntry[]; notStarted: number; anonymised: number } {
  const writable = active.filter((entry) => !entry.anonymised)
  const anonymised = active.length - writable.length
  if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) return { rows: writable, notStarted: 0, anonymised }
  const rows = writable.filter((entry) => entry.startOn <= heldOn)
  return { rows, notStarted: writable.length - rows.length, anonymised }
}

/** "Alle mødt": every row marked present. */
export function allPresent(rows: readonly RosterEntry[]): Marks {
  return Object.fromEntries(rows.map((row) => [row.enrolmentId, 'present' as const]))
}

/** The marked rows, in the order shown; marks for rows no longer shown (the date changed) are left out. */
export function attendancePayload(rows: readonly RosterEntry[], marks: Marks): SessionCreate['attendance'] {
  return rows.flatMap((row) => {
    const status = marks[row.enrolmentId]
    return status ? [{ enrolmentId: row.enrolmentId, status }] : []
  })
}

/** How the marks add up, for the line under the list: "3 mødt, 1 udeblevet, 2 ikke markeret". */
export function markCounts(rows: readonly RosterEntry[], marks: Marks): Record<AttendanceStatus | 'unmarked', number> {
  const counts = { present: 0, absent: 0, excused: 0, unmarked: 0 }
  for (const row of rows) counts[marks[row.enrolmentId] ?? 'unmarked'] += 1
  return counts
}
