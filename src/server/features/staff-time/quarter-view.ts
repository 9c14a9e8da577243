import type { AgreementContent, TimeRecording } from '../../../shared/agreements.ts'
import type { PromiseRow } from '../../../shared/staff-time.ts'
import { conversationMinutes, countedHours, type DerivedHours, deliveredFor, type TimeSheetHours } from './delivered-hours.ts'
import { judge, partyMatches, promisedInQuarter, promisesOf, type QuarterSpan, type StaffTimeSettings } from './promise-arithmetic.ts'

// The quarterly view as a pure rule (CONTRIBUTING.md): an agreement's promises, the plan's parties
// and settings, the hours registered and the conversations held, in; one row per promise with
// promised, delivered and the plain verdict, out. The service loads the data; the bench runs this
// same function against a hand-written SQL query.

export interface ConversationHours {
  staffId: string
  partyId: string | null
  activityKey: string
  weekStart: string
  durationMinutes: number
  transportMinutes: number
  adminMinutes: number | null
}

export interface QuarterInputs {
  content: AgreementContent
  parties: readonly { id: string; name: string; unit: string | null }[]
  settings: StaffTimeSettings
  span: QuarterSpan
  sheets: readonly TimeSheetHours[]
  conversations: readonly ConversationHours[]
  /** Latest close per resource key. */
  closes: ReadonlyMap<string, { totalHours: number; by: string; at: string; locked: boolean }>
  asOf: string
}

export function recordingRules(content: AgreementContent): Map<string, TimeRecording> {
  return new Map(content.activities.flatMap((a) => (a.timeRecording ? [[a.key, a.timeRecording] as const] : [])))
}

const partyLabel = (p: { name: string; unit: string | null }) => (p.unit ? `${p.name} (${p.unit})` : p.name)

/** The spec: one row per promise from single conversations (the bench and a property test hold the SQL sums to it). */
export function quarterRows(input: QuarterInputs): QuarterResult {
  const rules = recordingRules(input.content)
  const weeks = new Set(input.span.weeks)
  const ownActivities = new Set(input.content.activities.map((a) => a.key))
  const inSpan = input.conversations.filter((c) => weeks.has(c.weekStart) && ownActivities.has(c.activityKey))
  const derived: DerivedHours[] = inSpan.map((c) => ({
    source: 'conversation',
    staffId: c.staffId,
    partyId: c.partyId,
    activityKey: c.activityKey,
    weekStart: c.weekStart,
    minutes: conversationMinutes(c, rules.get(c.activityKey)),
  }))
  return rowsOf(input, rules, derived, inSpan.length)
}

/** Conversations summed per person, party, activity and ISO week (by SQL: staff-time.repo.ts `conversationWeeksInSpan`). */
export interface ConversationWeek {
  staffId: string
  partyId: string | null
  activityKey: string
  weekStart: string
  conversations: number
  /** Duration, transport and the administrative time entered. */
  minutes: number
  /** Conversations with no administrative time entered: the activity's rule gives theirs. */
  byRule: number
}

/**
 * The same rows from conversations already summed per week: what the service uses, so a quarter's
 * thousands of conversations stay in the database. Equal to `quarterRows` over the single
 * conversations, since derived hours are only ever summed per person, activity and week.
 */
export function quarterRowsFromWeeks(input: Omit<QuarterInputs, 'conversations'> & { conversationWeeks: readonly ConversationWeek[] }): QuarterResult {
  const rules = recordingRules(input.content)
  const weeks = new Set(input.span.weeks)
  const ownActivities = new Set(input.content.activities.map((a) => a.key))
  const inSpan = input.conversationWeeks.filter((c) => weeks.has(c.weekStart) && ownActivities.has(c.activityKey))
  const derived: DerivedHours[] = inSpan.map((c) => ({
    source: 'conversation',
    staffId: c.staffId,
    partyId: c.partyId,
    activityKey: c.activityKey,
    weekStart: c.weekStart,
    minutes: c.minutes + c.byRule * conversationMinutes({ durationMinutes: 0, transportMinutes: 0, adminMinutes: null }, rules.get(c.activityKey)),
  }))
  return rowsOf(input, rules, derived, inSpan.reduce((sum, c) => sum + c.conversations, 0))
}

export interface QuarterResult {
  rows: PromiseRow[]
  conversationCount: number
  conversationHours: number
  hoursTotal: number
}

function rowsOf(input: Omit<QuarterInputs, 'conversations'>, rules: Map<string, TimeRecording>, derived: DerivedHours[], conversationCount: number): QuarterResult {
  const weeks = new Set(input.span.weeks)
  const counted = countedHours(
    input.sheets.filter((s) => weeks.has(s.weekStart)),
    derived,
    rules,
  )
  const promises = promisesOf(input.content)
  const rows = promises.map((p): PromiseRow => {
    const matched = input.parties.filter((party) => partyMatches(p, party))
    const who = matched.length ? matched.map(partyLabel).join(', ') : partyLabel({ name: p.organisation, unit: p.unit })
    const activity = p.activityKey ? input.content.activities.find((a) => a.key === p.activityKey) : undefined
    const promised = promisedInQuarter(p, input.span, input.settings)
    const delivered = deliveredFor(p, promises, counted, { allocations: activity?.allocations ?? [], partyIds: matched.map((m) => m.id) })
    const j = judge(p, who, promised, delivered, input.span, input.asOf)
    const closes = activity?.timeRecording?.quarterlyClose === true && activity.timeRecording.resourceKey === p.key
    return {
      key: p.key,
      party: who,
      where: p.source === 'agreement' ? 'Delaftalens medarbejderressourcer' : p.source === 'municipal' ? 'Den kommunale indsats' : (p.activityName ?? ''),
      text: p.text,
      promisedHours: promised.kind === 'hours' ? promised.hours : null,
      promisedPeople: promised.kind === 'headcount' ? promised.people : null,
      promisedPerWeek: promised.kind === 'hours' ? promised.perWeek : null,
      promisedWeeks: promised.kind === 'hours' ? promised.weeks : null,
      deliveredHours: delivered.hours,
      deliveredPeople: delivered.people,
      averagePerWeek: j.averagePerWeek,
      verdict: j.verdict,
      sentence: j.sentence,
      closes,
      closed: input.closes.get(p.key) ?? null,
    }
  })
  const conversationHours = derived.reduce((sum, d) => sum + d.minutes, 0) / 60
  return { rows, conversationCount, conversationHours, hoursTotal: counted.reduce((sum, c) => sum + c.hours, 0) }
}
