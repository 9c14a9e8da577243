import { describe, expect, it } from 'vitest'
import { type RosterEntry, allPresent, attendancePayload, attendanceRows, markCounts } from './session-attendance.ts'

// Attendance rows for a session and the list sent to the server: pure functions, tested without a browser.

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const entry = (n: number, startOn: string, anonymised = false): RosterEntry => ({
  enrolmentId: id(n),
  participantId: id(100 + n),
  pseudonym: `D-000${n}`,
  name: anonymised ? null : `Deltager ${n}`,
  startOn,
  plannedEndOn: null,
  anonymised,
})

const roster = [entry(1, '2026-08-03'), entry(2, '2026-08-10'), entry(3, '2026-09-01')]

describe('attendanceRows', () => {
  it('lists the enrolments started by the day of the session, the start day included', () => {
    const { rows, notStarted } = attendanceRows(roster, '2026-08-10')
    expect(rows.map((r) => r.pseudonym)).toEqual(['D-0001', 'D-0002'])
    expect(notStarted).toBe(1)
  })

  it('keeps every row while the date cannot be read', () => {
    expect(attendanceRows(roster, '').rows).toHaveLength(3)
    expect(attendanceRows(roster, '2026-08').notStarted).toBe(0)
  })

  it('leaves an anonymised resident off the list, so "Alle mødt" never writes about them, and counts them', () => {
    const withErased = [...roster, entry(4, '2026-08-03', true)]
    const { rows, anonymised } = attendanceRows(withErased, '2026-09-01')
    expect(rows.map((r) => r.pseudonym)).toEqual(['D-0001', 'D-0002', 'D-0003'])
    expect(anonymised).toBe(1)
    expect(attendancePayload(rows, allPresent(rows)).map((a) => a.enrolmentId)).not.toContain(id(4))
    expect(attendanceRows(withErased, '').rows).toHaveLength(3)
  })
})

describe('attendancePayload', () => {
  it('sends "Alle mødt" as everyone present, in the order shown', () => {
    const { rows } = attendanceRows(roster, '2026-09-01')
    expect(attendancePayload(rows, allPresent(rows))).toEqual([
      { enrolmentId: id(1), status: 'present' },
      { enrolmentId: id(2), status: 'present' },
      { enrolmentId: id(3), status: 'present' },
    ])
  })

  it('leaves unmarked rows off the list', () => {
    const { rows } = attendanceRows(roster, '2026-09-01')
    expect(attendancePayload(rows, { [id(2)]: 'excused' })).toEqual([{ enrolmentId: id(2), status: 'excused' }])
    expect(attendancePayload(rows, {})).toEqual([])
  })

  it('drops marks for rows no longer shown after the date was moved back', () => {
    const marks = allPresent(attendanceRows(roster, '2026-09-01').rows)
    const { rows } = attendanceRows(roster, '2026-08-05')
    expect(attendancePayload(rows, marks)).toEqual([{ enrolmentId: id(1), status: 'present' }])
  })
})

describe('markCounts', () => {
  it('counts each mark and the unmarked rows', () => {
    const { rows } = attendanceRows(roster, '2026-09-01')
    expect(markCounts(rows, { [id(1)]: 'present', [id(3)]: 'absent' })).toEqual({ present: 1, absent: 1, excused: 0, unmarked: 1 })
  })
})
