import type { Allocation, TimeRecording } from '../../../shared/agreements.ts'
import { sameHours, type StaffPromise } from './promise-arithmetic.ts'

// Delivered hours (decision 015): which registered hours count, and toward which promise. A pure
// rule (CONTRIBUTING.md).
//
// Hours come from three places: time sheets (a person's hours on an activity in an ISO week), the
// conversation calendar (duration + transport + administration, where the activity's recording
// rule says hours are derived from it), and later open-counselling check-ins (the occurrence's
// length for each staff member checked in, through the same `DerivedHours` shape). They are never
// counted twice: for one person, activity and week, a time sheet is the person's own full account
// and wins; derived hours count only in a week without a sheet for that person and activity. Derived
// sources are summed with each other (a conversation and a check-in are different work).

export interface TimeSheetHours {
  staffId: string
  partyId: string | null
  activityKey: string | null
  /** The promise the hours were registered against; null: the activity's rule decides. */
  resourceKey: string | null
  /** For an activity shared between effort areas: the area the hours were for; null: split by the allocation. */
  effortArea: string | null
  weekStart: string
  hours: number
}

/** Hours derived from another record: a conversation, or (later) a check-in at an occurrence. */
export interface DerivedHours {
  source: 'conversation' | 'check-in'
  staffId: string
  partyId: string | null
  activityKey: string
  weekStart: string
  minutes: number
}

export interface CountedHours {
  staffId: string
  partyId: string | null
  activityKey: string | null
  resourceKey: string | null
  effortArea: string | null
  weekStart: string
  hours: number
  source: 'sheet' | 'derived'
}

/** One conversation's minutes: duration and transport as entered, administration as entered or by the activity's rule. */
export function conversationMinutes(c: { durationMinutes: number; transportMinutes: number; adminMinutes: number | null }, rule: TimeRecording | undefined): number {
  const admin = c.adminMinutes ?? Math.round((rule?.adminHoursPerConversation ?? 0) * 60)
  return c.durationMinutes + c.transportMinutes + admin
}

const cell = (staffId: string, activityKey: string | null, weekStart: string) => `${staffId}|${activityKey ?? ''}|${weekStart}`

/** The hours that count, with the promise each counts toward; derived hours only where no sheet covers the same person, activity and week. */
export function countedHours(sheets: readonly TimeSheetHours[], derived: readonly DerivedHours[], rules: ReadonlyMap<string, TimeRecording>): CountedHours[] {
  const covered = new Set(sheets.map((s) => cell(s.staffId, s.activityKey, s.weekStart)))
  const counted: CountedHours[] = sheets.map((s) => ({
    staffId: s.staffId,
    partyId: s.partyId,
    activityKey: s.activityKey,
    resourceKey: s.resourceKey ?? (s.activityKey ? (rules.get(s.activityKey)?.resourceKey ?? null) : null),
    effortArea: s.effortArea,
    weekStart: s.weekStart,
    hours: s.hours,
    source: 'sheet',
  }))
  // Whole minutes are summed before they become hours, so a week's hours do not depend on the order
  // (or the grouping) the minutes come in.
  const sums = new Map<string, { row: CountedHours; minutes: number }>()
  for (const d of derived) {
    const rule = rules.get(d.activityKey)
    if (d.source === 'conversation' && !rule?.hoursFromConversations) continue
    const k = cell(d.staffId, d.activityKey, d.weekStart)
    if (covered.has(k)) continue
    const sum = sums.get(k) ?? { row: { staffId: d.staffId, partyId: d.partyId, activityKey: d.activityKey, resourceKey: rule?.resourceKey ?? null, effortArea: null, weekStart: d.weekStart, hours: 0, source: 'derived' as const }, minutes: 0 }
    sum.minutes += d.minutes
    sums.set(k, sum)
  }
  return [...counted, ...[...sums.values()].map(({ row, minutes }) => ({ ...row, hours: minutes / 60 }))]
}

/**
 * The hours delivered toward a promise, and by how many people. An allocation's share (Varde's social
 * caretaker, 8,5 of 29,5 hours to Beskæftigelse) takes the hours registered for its effort area, and
 * of hours registered for no area its part by the allocation (8,5/29,5). A headcount counts the
 * people of the promise's parties with any hours.
 */
export function deliveredFor(promise: StaffPromise, all: readonly StaffPromise[], counted: readonly CountedHours[], context: { allocations: readonly Allocation[]; partyIds: readonly string[] }): { hours: number; people: number } {
  let rows: { staffId: string; hours: number }[]
  if (promise.source === 'allocation') {
    const total = context.allocations.reduce((sum, al) => sum + (al.quantity ?? 0), 0)
    const share = total > 0 ? (promise.quantity ?? 0) / total : 0
    rows = counted
      .filter((c) => c.activityKey === promise.activityKey && (c.effortArea === promise.effortArea || c.effortArea === null))
      .map((c) => ({ staffId: c.staffId, hours: c.effortArea === null ? c.hours * share : c.hours }))
  } else if (promise.resourceUnit === 'headcount') {
    const parties = new Set(context.partyIds)
    rows = counted.filter((c) => c.partyId !== null && parties.has(c.partyId))
  } else {
    const keys = new Set(sameHours(promise, all))
    rows = counted.filter((c) => c.resourceKey !== null && keys.has(c.resourceKey))
  }
  return { hours: rows.reduce((sum, r) => sum + r.hours, 0), people: new Set(rows.filter((r) => r.hours > 0).map((r) => r.staffId)).size }
}
