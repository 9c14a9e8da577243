import type { PeriodKey } from '../../../shared/indicators.ts'
import { EXIT_REASONS, type ExitReason, exitReasonLabels } from '../../../shared/enrolments.ts'
import { formatCount, formatDay, formatNumber, formatPercent } from '../../../shared/lib/format.ts'
import { dayNumber, isoOfDayNumber as isoOfDay, parsePeriod, periodLabel } from '../../../shared/lib/period.ts'

// The figures the board follows for an activity's enrolments (forløb): how many take part, how
// long a course lasts, how full it is, where people go when it ends, why it ends, and whether they
// turn up. A pure rule (CONTRIBUTING.md, "Pure rules apart from I/O"): facts and a period in,
// figures out; the caller passes every date, including `asOf`, and never the clock, so a figure
// computed again from the same facts is the same figure, also when it is audited later.
//
// The written definitions in FIGURE_DEFINITIONS are shown in the UI and stored with each computed
// value (docs/decisions/006: a value carries the version of its definition). Keep them, the rules
// below and the code in step, and raise `ruleVersion` when a rule changes what a figure counts.
//
// The rules, as decided:
// 1. Days are calendar days compared as whole days (lib/period.ts dayNumber), never Date moments,
//    which shift a day whenever the machine's time zone is not Danish. A period covers its first
//    through its last day, both included.
// 2. An enrolment is on the waiting list from `referredOn` through the day before `startOn`, and in
//    the course from `startOn` through `exitOn` (the last day in the course). `startOn: null` means
//    still waiting; `exitOn: null` means not ended. An enrolment with `exitOn` but no `startOn` left
//    the waiting list without starting; `exitOn` is then its last day on the list.
// 3. In the course "in the period" means on at least one day of it: started no later than the
//    period's last day and not ended before its first day.
// 4. "Ended in the period" means started, with `exitOn` in the period. Leaving the waiting list is
//    not the end of a course: such enrolments are left out of course length, transitions and exit
//    reasons, and counted apart (`leftWaitingList`), because people giving up on a long waiting
//    list is itself worth seeing.
// 5. Transition: an ended enrolment counts as a transition when its reason is virksomhedspraktik or
//    job and that destination began within `weeks` weeks: no later than `exitOn + 7 × weeks` (the
//    window's last day) and no later than `asOf` (it must have happened). An unknown destination
//    day counts as the day after `exitOn`: a recorded reason of job or internship says the person
//    went there, and the day after the course is when they were first free to.
// 6. Pending: an ended enrolment that has not qualified by `asOf` but still could is left out of
//    the share until its window closes. It still could when the window's last day is on or after
//    `asOf` and either its reason is not yet recorded, or it is job or internship with a
//    destination day (known, or assumed by rule 5) inside the window. Counting it as "no
//    transition" would make every recent period look worse than it will turn out; counting it as
//    a transition would claim what has not happened. Once the window closes, an exit still without
//    a reason counts as no transition: a share must not rise because a reason was never recorded.
// 7. Exit reason counts cover ended enrolments with a recorded reason; ended enrolments without one
//    are counted apart (`withoutReason`), because no bucket is true for them.
// 8. Capacity is one activity's places, so occupancy with a capacity refuses enrolments of more
//    than one activity: a sum over courses set against one course's places means nothing.
//    Occupancy counts enrolments, not people, since a place is taken per enrolment.
// 9. Facts that cannot be true (a day that is not a calendar day, a course that ends before it
//    starts or starts before the referral, a reason or destination without an exit, a destination
//    before the course started, an unknown reason, a duplicate id, attendance outside its
//    enrolment or for an unknown one) throw a RangeError. They are data bugs, and a figure
//    computed over them would be presented to the board as true; throwing fails closed.

// Why an enrolment ended, and the words for it, are shared with the web: src/shared/enrolments.ts.
export { EXIT_REASONS, type ExitReason, exitReasonLabels } from '../../../shared/enrolments.ts'

export interface EnrolmentFacts {
  id: string
  participantId: string
  activityId: string
  /** "YYYY-MM-DD", the day the participant was referred (visiteret). */
  referredOn: string
  /** "YYYY-MM-DD", first day in the course; null = on the waiting list. */
  startOn: string | null
  /** "YYYY-MM-DD", last day in the course; null = ongoing (or still waiting). */
  exitOn: string | null
  exitReason: ExitReason | null
  /** "YYYY-MM-DD", the day the destination (internship, job, education …) began, if known. */
  destinationOn: string | null
}

export interface AttendanceFacts {
  enrolmentId: string
  /** "YYYY-MM-DD", the day of the session. */
  heldOn: string
  present: boolean
}

/** The reasons that count as a transition (rule 5): into a company internship or a job. */
const TRANSITION_REASONS: ReadonlySet<ExitReason> = new Set<ExitReason>(['virksomhedspraktik', 'job'])

// ---------------------------------------------------------------------------------------------
// Definitions shown to users and stored with values

export const FIGURE_KEYS = ['active-participants', 'course-length', 'occupancy', 'transition-share', 'exit-reasons', 'activation-share'] as const

export type FigureKey = (typeof FIGURE_KEYS)[number]

export interface FigureDefinition {
  key: FigureKey
  /** Danish, short: the figure's heading. */
  name: string
  /** Danish, a full sentence or more that a board member can check a number against. */
  definition: string
  /** Danish, for shares: what is counted above the line. */
  numerator?: string
  /** Danish, for shares: what is counted below the line. */
  denominator?: string
  ruleVersion: '1'
}

export const FIGURE_DEFINITIONS: Record<FigureKey, FigureDefinition> = {
  'active-participants': {
    key: 'active-participants',
    name: 'Aktive deltagere',
    definition:
      'Antal forskellige deltagere, der har været i gang med et forløb på mindst én dag i perioden, dvs. forløbet er startet senest periodens sidste dag og ikke afsluttet før periodens første dag. En deltager med flere forløb tæller én gang. Deltagere på venteliste tæller ikke med; i stedet vises antal forskellige deltagere, der stod på venteliste på periodens sidste dag.',
    ruleVersion: '1',
  },
  'course-length': {
    key: 'course-length',
    name: 'Forløbslængde',
    definition:
      'Gennemsnitlig længde og medianlængde i uger af de forløb, hvis sidste dag ligger i perioden. Længden regnes fra startdagen til og med sidste dag i forløbet, divideret med 7 og uden afrunding. Personer, der forlod ventelisten uden at starte, tæller ikke med.',
    ruleVersion: '1',
  },
  occupancy: {
    key: 'occupancy',
    name: 'Belægning',
    definition:
      'Det gennemsnitlige antal forløb, der var i gang pr. dag i perioden, i forhold til aktivitetens antal pladser. Et forløb er i gang fra startdagen til og med sidste dag i forløbet. Belægningen kan blive over 100 %, når flere er i gang, end der er pladser. Desuden vises det højeste antal forløb i gang på én dag og den første dag, det skete, samt antal dage med flere forløb i gang end pladser.',
    numerator: 'Forløbsdage: for hver dag i perioden antal forløb i gang den dag, lagt sammen.',
    denominator: 'Pladsdage: antal pladser gange antal dage i perioden.',
    ruleVersion: '1',
  },
  'transition-share': {
    key: 'transition-share',
    name: 'Overgang til virksomhedspraktik eller job',
    definition:
      'Andelen af de forløb, hvis sidste dag ligger i perioden, hvor deltageren gik videre til virksomhedspraktik eller job, der begyndte senest det fastsatte antal uger efter forløbets sidste dag og senest på opgørelsesdagen. Er dagen, praktikken eller jobbet begyndte, ikke registreret, regnes den som dagen efter forløbets sidste dag. Et forløb, der endnu kan nå at tælle med, fordi fristen ikke er udløbet på opgørelsesdagen, vises som afventende og tæller ikke med, før fristen er udløbet. Et forløb uden registreret afslutningsårsag tæller som ingen overgang, når fristen er udløbet. Personer, der forlod ventelisten uden at starte, tæller ikke med.',
    numerator:
      'Forløb, hvis sidste dag ligger i perioden, med afslutningsårsag virksomhedspraktik eller job, hvor praktikken eller jobbet begyndte inden for fristen og senest på opgørelsesdagen.',
    denominator: 'Forløb, hvis sidste dag ligger i perioden, bortset fra de afventende.',
    ruleVersion: '1',
  },
  'exit-reasons': {
    key: 'exit-reasons',
    name: 'Afslutningsårsager',
    definition:
      'Antal forløb, hvis sidste dag ligger i perioden, fordelt på den registrerede afslutningsårsag. Forløb uden registreret årsag og personer, der forlod ventelisten uden at starte, indgår ikke i fordelingen, men vises for sig.',
    ruleVersion: '1',
  },
  'activation-share': {
    key: 'activation-share',
    name: 'Forløb med fremmøde',
    definition:
      'Andelen af de forløb, der var i gang på mindst én dag i perioden, hvor deltageren er registreret som mødt op mindst én gang i perioden.',
    numerator: 'Forløb i gang i perioden med mindst ét registreret fremmøde på en dag i perioden.',
    denominator: 'Forløb, der er startet senest periodens sidste dag og ikke afsluttet før periodens første dag.',
    ruleVersion: '1',
  },
}

// ---------------------------------------------------------------------------------------------
// Results

/** Enrolments not in the course on any day of the period (rule 3), by why. */
export interface NotInCourse {
  /** Not started by the period's last day: still waiting, started later, or left the waiting list. */
  notStartedByPeriodEnd: number
  /** Ended before the period's first day. */
  endedBeforePeriod: number
}

export interface ActiveParticipantsFigure {
  figure: 'active-participants'
  period: PeriodKey
  /** Distinct participants in the course on at least one day of the period. */
  participants: number
  /** The enrolments behind them; more than `participants` when someone has several. */
  enrolments: number
  /** Distinct participants on the waiting list on the period's last day. */
  waitingAtPeriodEnd: number
  excluded: NotInCourse
  explanation: string
}

export interface CourseLengthFigure {
  figure: 'course-length'
  period: PeriodKey
  /** Enrolments ended in the period (rule 4). */
  n: number
  /** Unrounded weeks; null when no enrolment ended in the period. */
  meanWeeks: number | null
  medianWeeks: number | null
  excluded: { leftWaitingList: number }
  explanation: string
}

export interface OccupancyFigure {
  figure: 'occupancy'
  period: PeriodKey
  /** Days in the period. */
  days: number
  capacity: number | null
  /** Numerator: the sum over the period's days of enrolments in the course that day. */
  enrolmentDays: number
  /** Denominator: capacity × days; null without a capacity. */
  placeDays: number | null
  /** enrolmentDays / days. */
  averageActive: number
  /** enrolmentDays / placeDays; null when capacity is null or 0. May exceed 1 (overbooking). */
  share: number | null
  /** The most enrolments in the course on one day of the period. */
  peak: number
  /** The first day the peak occurred; null when no one was in the course in the period. */
  peakOn: string | null
  /** Days with more enrolments in the course than places; null without a capacity. */
  daysAboveCapacity: number | null
  excluded: NotInCourse
  explanation: string
}

export interface TransitionShareFigure {
  figure: 'transition-share'
  period: PeriodKey
  asOf: string
  weeks: number
  numerator: number
  denominator: number
  /** numerator / denominator; null when the denominator is 0. */
  share: number | null
  /** Ended in the period, could still qualify, window still open (rule 6): not in the denominator. */
  pending: number
  /** In the denominator as no transition because no exit reason was recorded (rule 6). */
  withoutReason: number
  excluded: { leftWaitingList: number }
  explanation: string
}

export interface ExitReasonsFigure {
  figure: 'exit-reasons'
  period: PeriodKey
  /** Every reason, zero included. */
  counts: Record<ExitReason, number>
  /** The sum of `counts`. */
  total: number
  excluded: { withoutReason: number; leftWaitingList: number }
  explanation: string
}

export interface ActivationShareFigure {
  figure: 'activation-share'
  period: PeriodKey
  numerator: number
  denominator: number
  /** numerator / denominator; null when the denominator is 0. */
  share: number | null
  excluded: NotInCourse
  explanation: string
}

export interface EnrolmentFiguresInput {
  enrolments: readonly EnrolmentFacts[]
  attendance: readonly AttendanceFacts[]
  /** The activity's places; null when not set. */
  capacity: number | null
  /** The transition window in whole weeks after the last day of the course. */
  transitionWeeks: number
  period: PeriodKey
  /** "YYYY-MM-DD", the day the figures are computed as of. */
  asOf: string
}

export interface EnrolmentFigures {
  activeParticipants: ActiveParticipantsFigure
  courseLength: CourseLengthFigure
  occupancy: OccupancyFigure
  transitionShare: TransitionShareFigure
  exitReasons: ExitReasonsFigure
  activationShare: ActivationShareFigure
}

// ---------------------------------------------------------------------------------------------
// Checking the facts (rule 9)

interface Enrolment {
  id: string
  participantId: string
  activityId: string
  referred: number
  start: number | null
  exit: number | null
  reason: ExitReason | null
  destination: number | null
}

interface Period {
  key: PeriodKey
  start: number
  end: number
}

function day(value: unknown, what: string): number {
  const n = typeof value === 'string' ? dayNumber(value) : null
  if (n === null) throw new RangeError(`${what} is not a calendar day "YYYY-MM-DD": ${JSON.stringify(value)}`)
  return n
}

const isExitReason = (r: unknown): r is ExitReason => typeof r === 'string' && Object.hasOwn(exitReasonLabels, r)

function checkEnrolment(e: EnrolmentFacts): Enrolment {
  const where = `Enrolment ${e.id}`
  const referred = day(e.referredOn, `${where}: referredOn`)
  const start = e.startOn === null ? null : day(e.startOn, `${where}: startOn`)
  const exit = e.exitOn === null ? null : day(e.exitOn, `${where}: exitOn`)
  const destination = e.destinationOn === null ? null : day(e.destinationOn, `${where}: destinationOn`)
  if (start !== null && start < referred) throw new RangeError(`${where}: startOn ${e.startOn} is before referredOn ${e.referredOn}`)
  if (exit !== null && start !== null && exit < start) throw new RangeError(`${where}: exitOn ${e.exitOn} is before startOn ${e.startOn}`)
  if (exit !== null && exit < referred) throw new RangeError(`${where}: exitOn ${e.exitOn} is before referredOn ${e.referredOn}`)
  if (e.exitReason !== null && !isExitReason(e.exitReason)) {
    throw new RangeError(`${where}: exitReason ${JSON.stringify(e.exitReason)} is not one of ${EXIT_REASONS.join(', ')}`)
  }
  if (e.exitReason !== null && exit === null) throw new RangeError(`${where}: exitReason ${e.exitReason} is set but exitOn is not`)
  if (destination !== null) {
    if (exit === null) throw new RangeError(`${where}: destinationOn ${e.destinationOn} is set but exitOn is not`)
    // A destination that began before the course cannot be where the course led.
    if (start !== null && destination < start) throw new RangeError(`${where}: destinationOn ${e.destinationOn} is before startOn ${e.startOn}`)
    if (destination < referred) throw new RangeError(`${where}: destinationOn ${e.destinationOn} is before referredOn ${e.referredOn}`)
  }
  return { id: e.id, participantId: e.participantId, activityId: e.activityId, referred, start, exit, reason: e.exitReason, destination }
}

function checkEnrolments(enrolments: readonly EnrolmentFacts[]): Enrolment[] {
  const seen = new Set<string>()
  return enrolments.map((e) => {
    // A duplicate would be counted twice in every figure.
    if (seen.has(e.id)) throw new RangeError(`Enrolment ${e.id} occurs more than once`)
    seen.add(e.id)
    return checkEnrolment(e)
  })
}

function checkPeriod(key: PeriodKey): Period {
  const p = typeof key === 'string' ? parsePeriod(key) : null
  if (!p) throw new RangeError(`period is not a period key ("2024", "2024-H1", "2024-Q1", "2024-01" or "2024-01-31"): ${JSON.stringify(key)}`)
  return { key, start: day(p.start, 'period start'), end: day(p.end, 'period end') }
}

function checkCapacity(capacity: number | null): number | null {
  if (capacity === null) return null
  if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0) {
    throw new RangeError(`capacity must be a whole number of places, 0 or more, or null: ${JSON.stringify(capacity)}`)
  }
  return capacity
}

function checkWeeks(weeks: number): number {
  if (typeof weeks !== 'number' || !Number.isInteger(weeks) || weeks < 0) {
    throw new RangeError(`weeks must be a whole number of weeks, 0 or more: ${JSON.stringify(weeks)}`)
  }
  return weeks
}

interface Attendance {
  enrolmentId: string
  held: number
  present: boolean
}

function checkAttendance(attendance: readonly AttendanceFacts[], enrolments: readonly Enrolment[]): Attendance[] {
  const byId = new Map(enrolments.map((e) => [e.id, e]))
  return attendance.map((a) => {
    const e = byId.get(a.enrolmentId)
    if (!e) throw new RangeError(`Attendance on ${a.heldOn} is for enrolment ${a.enrolmentId}, which is not among the enrolments`)
    const held = day(a.heldOn, `Attendance of enrolment ${a.enrolmentId}: heldOn`)
    // Turning up outside the course is not taking part in it; such a row is a mis-filed record.
    if (e.start === null || held < e.start || (e.exit !== null && held > e.exit)) {
      throw new RangeError(`Attendance of enrolment ${a.enrolmentId} on ${a.heldOn} is outside the enrolment's days in the course`)
    }
    if (typeof a.present !== 'boolean') throw new RangeError(`Attendance of enrolment ${a.enrolmentId} on ${a.heldOn}: present is not true or false`)
    return { enrolmentId: a.enrolmentId, held, present: a.present }
  })
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

type InCourse = 'in' | keyof NotInCourse

/** Whether an enrolment is in the course on at least one day of the period (rule 3), or why not. */
function inCourse(e: Enrolment, p: Period): InCourse {
  if (e.start === null || e.start > p.end) return 'notStartedByPeriodEnd'
  if (e.exit !== null && e.exit < p.start) return 'endedBeforePeriod'
  return 'in'
}

function splitInCourse(enrolments: readonly Enrolment[], p: Period): { active: Enrolment[]; excluded: NotInCourse } {
  const active: Enrolment[] = []
  const excluded: NotInCourse = { notStartedByPeriodEnd: 0, endedBeforePeriod: 0 }
  for (const e of enrolments) {
    const state = inCourse(e, p)
    if (state === 'in') active.push(e)
    else excluded[state] += 1
  }
  return { active, excluded }
}

/** Enrolments whose last day (in the course or on the waiting list) is in the period, split by rule 4. */
function splitExits(enrolments: readonly Enrolment[], p: Period): { ended: (Enrolment & { start: number; exit: number })[]; leftWaitingList: number } {
  const ended: (Enrolment & { start: number; exit: number })[] = []
  let leftWaitingList = 0
  for (const e of enrolments) {
    if (e.exit === null || e.exit < p.start || e.exit > p.end) continue
    if (e.start === null) leftWaitingList += 1
    else ended.push({ ...e, start: e.start, exit: e.exit })
  }
  return { ended, leftWaitingList }
}

const share = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator)

const enrolmentCount = (n: number) => formatCount(n, 'forløb', 'forløb')
const peopleCount = (n: number) => formatCount(n, 'person', 'personer')
const leftWaitingListText = (n: number) => (n === 0 ? '' : ` ${peopleCount(n)} forlod ventelisten uden at starte og tæller ikke med.`)

// ---------------------------------------------------------------------------------------------
// The figures

function activeParticipantsOf(enrolments: readonly Enrolment[], p: Period): ActiveParticipantsFigure {
  const { active, excluded } = splitInCourse(enrolments, p)
  const participants = new Set(active.map((e) => e.participantId)).size
  // On the list on the last day: referred by then, not started by then, and not left before it (rule 2).
  const waiting = new Set(
    enrolments
      .filter((e) => e.referred <= p.end && (e.start === null || e.start > p.end) && (e.exit === null || e.exit >= p.end))
      .map((e) => e.participantId),
  ).size
  const label = periodLabel(p.key)
  const several = active.length === participants ? '' : ` i ${enrolmentCount(active.length)}`
  return {
    figure: 'active-participants',
    period: p.key,
    participants,
    enrolments: active.length,
    waitingAtPeriodEnd: waiting,
    excluded,
    explanation:
      `${formatCount(participants, 'deltager', 'deltagere')} var i gang${several} i ${label}. ` +
      `${formatCount(waiting, 'deltager', 'deltagere')} stod på venteliste ${formatDay(isoOfDay(p.end))}.`,
  }
}

function courseLengthOf(enrolments: readonly Enrolment[], p: Period): CourseLengthFigure {
  const { ended, leftWaitingList } = splitExits(enrolments, p)
  const days = ended.map((e) => e.exit - e.start + 1).sort((a, b) => a - b)
  const n = days.length
  const label = periodLabel(p.key)
  if (n === 0) {
    return {
      figure: 'course-length',
      period: p.key,
      n,
      meanWeeks: null,
      medianWeeks: null,
      excluded: { leftWaitingList },
      explanation: `Ingen forløb sluttede i ${label}, så forløbslængden kan ikke opgøres.${leftWaitingListText(leftWaitingList)}`,
    }
  }
  // Summed in whole days and divided once, so the mean is as exact as floating point allows.
  const meanWeeks = days.reduce((sum, d) => sum + d, 0) / n / 7
  const mid = Math.floor(n / 2)
  const medianDays = n % 2 === 1 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2
  const medianWeeks = medianDays / 7
  return {
    figure: 'course-length',
    period: p.key,
    n,
    meanWeeks,
    medianWeeks,
    excluded: { leftWaitingList },
    explanation:
      `${enrolmentCount(n)} sluttede i ${label} og varede i gennemsnit ${formatNumber(meanWeeks, 1)} uger ` +
      `(median ${formatNumber(medianWeeks, 1)} uger).${leftWaitingListText(leftWaitingList)}`,
  }
}

function occupancyOf(enrolments: readonly Enrolment[], capacity: number | null, p: Period): OccupancyFigure {
  if (capacity !== null) {
    const activities = [...new Set(enrolments.map((e) => e.activityId))]
    if (activities.length > 1) {
      throw new RangeError(`A capacity is the places of one activity, but the enrolments are of ${activities.length} activities: ${activities.join(', ')}`)
    }
  }
  const { active, excluded } = splitInCourse(enrolments, p)
  const days = p.end - p.start + 1
  // Each enrolment adds 1 on its first day in the period and takes it away after its last, so a
  // running sum gives the count per day in one pass over the days.
  const change = new Array<number>(days + 1).fill(0)
  for (const e of active) {
    const from = Math.max(e.start!, p.start) - p.start
    const through = Math.min(e.exit ?? p.end, p.end) - p.start
    change[from]! += 1
    change[through + 1]! -= 1
  }
  let running = 0
  let enrolmentDays = 0
  let peak = 0
  let peakOn: string | null = null
  let daysAbove = 0
  for (let i = 0; i < days; i++) {
    running += change[i]!
    enrolmentDays += running
    if (running > peak) {
      peak = running
      peakOn = isoOfDay(p.start + i)
    }
    if (capacity !== null && running > capacity) daysAbove += 1
  }
  const placeDays = capacity === null ? null : capacity * days
  const averageActive = enrolmentDays / days
  const occupancyShare = placeDays === null ? null : share(enrolmentDays, placeDays)

  const label = periodLabel(p.key)
  const ofPlaces =
    occupancyShare !== null
      ? `, svarende til ${formatPercent(occupancyShare)} af ${formatCount(capacity!, 'plads', 'pladser')}`
      : capacity === null
        ? '; der er ikke angivet et antal pladser'
        : '; aktiviteten har ingen pladser'
  const peakText = peakOn === null ? ' Intet forløb var i gang i perioden.' : ` Flest i gang på én dag: ${formatNumber(peak)}, første gang ${formatDay(peakOn)}.`
  const aboveText = daysAbove > 0 ? ` ${formatCount(daysAbove, 'dag', 'dage')} med flere forløb i gang end pladser.` : ''
  return {
    figure: 'occupancy',
    period: p.key,
    days,
    capacity,
    enrolmentDays,
    placeDays,
    averageActive,
    share: occupancyShare,
    peak,
    peakOn,
    daysAboveCapacity: capacity === null ? null : daysAbove,
    excluded,
    explanation: `I gennemsnit var ${formatNumber(averageActive, 1)} forløb i gang pr. dag i ${label}${ofPlaces}.${peakText}${aboveText}`,
  }
}

function transitionShareOf(enrolments: readonly Enrolment[], weeks: number, p: Period, asOf: number): TransitionShareFigure {
  const { ended, leftWaitingList } = splitExits(enrolments, p)
  let numerator = 0
  let denominator = 0
  let pending = 0
  let withoutReason = 0
  for (const e of ended) {
    const windowLast = e.exit + 7 * weeks
    const destination = e.destination ?? e.exit + 1 // rule 5
    const towardsWork = e.reason !== null && TRANSITION_REASONS.has(e.reason)
    if (towardsWork && destination <= windowLast && destination <= asOf) {
      numerator += 1
      denominator += 1
    } else if (asOf <= windowLast && (e.reason === null || (towardsWork && destination <= windowLast))) {
      pending += 1 // rule 6: could still qualify
    } else {
      denominator += 1
      if (e.reason === null) withoutReason += 1
    }
  }
  const result = share(numerator, denominator)
  const label = periodLabel(p.key)
  const within = formatCount(weeks, 'uge', 'uger')
  const main =
    result !== null
      ? `${formatNumber(numerator)} af ${enrolmentCount(denominator)}, der sluttede i ${label}, gik videre til virksomhedspraktik eller job inden for ${within} (${formatPercent(result)}).`
      : ended.length === 0
        ? `Ingen forløb sluttede i ${label}, så andelen kan ikke opgøres.`
        : `Alle forløb, der sluttede i ${label}, afventer endnu, så andelen kan ikke opgøres.`
  const pendingText = pending === 0 ? '' : ` ${enrolmentCount(pending)} afventer, fordi fristen ikke var udløbet ${formatDay(isoOfDay(asOf))}, og tæller ikke med endnu.`
  const withoutReasonText = withoutReason === 0 ? '' : ` ${enrolmentCount(withoutReason)} uden registreret afslutningsårsag tæller som ingen overgang.`
  return {
    figure: 'transition-share',
    period: p.key,
    asOf: isoOfDay(asOf),
    weeks,
    numerator,
    denominator,
    share: result,
    pending,
    withoutReason,
    excluded: { leftWaitingList },
    explanation: `${main}${pendingText}${withoutReasonText}${leftWaitingListText(leftWaitingList)}`,
  }
}

function exitReasonsOf(enrolments: readonly Enrolment[], p: Period): ExitReasonsFigure {
  const { ended, leftWaitingList } = splitExits(enrolments, p)
  const counts = Object.fromEntries(EXIT_REASONS.map((r) => [r, 0])) as Record<ExitReason, number>
  let withoutReason = 0
  for (const e of ended) {
    if (e.reason === null) withoutReason += 1
    else counts[e.reason] += 1
  }
  const total = EXIT_REASONS.reduce((sum, r) => sum + counts[r], 0)
  const label = periodLabel(p.key)
  const byReason = EXIT_REASONS.filter((r) => counts[r] > 0)
    .map((r) => `${exitReasonLabels[r]} ${formatNumber(counts[r])}`)
    .join(', ')
  const main = total === 0 ? `Ingen forløb med registreret afslutningsårsag sluttede i ${label}.` : `${enrolmentCount(total)} sluttede i ${label}: ${byReason}.`
  const withoutReasonText = withoutReason === 0 ? '' : ` ${enrolmentCount(withoutReason)} uden registreret afslutningsårsag indgår ikke.`
  return {
    figure: 'exit-reasons',
    period: p.key,
    counts,
    total,
    excluded: { withoutReason, leftWaitingList },
    explanation: `${main}${withoutReasonText}${leftWaitingListText(leftWaitingList)}`,
  }
}

function activationShareOf(enrolments: readonly Enrolment[], attendance: readonly Attendance[], p: Period): ActivationShareFigure {
  const { active, excluded } = splitInCourse(enrolments, p)
  const attended = new Set(attendance.filter((a) => a.present && a.held >= p.start && a.held <= p.end).map((a) => a.enrolmentId))
  const numerator = active.filter((e) => attended.has(e.id)).length
  const denominator = active.length
  const result = share(numerator, denominator)
  const label = periodLabel(p.key)
  return {
    figure: 'activation-share',
    period: p.key,
    numerator,
    denominator,
    share: result,
    excluded,
    explanation:
      result === null
        ? `Intet forløb var i gang i ${label}, så andelen kan ikke opgøres.`
        : `${formatNumber(numerator)} af ${enrolmentCount(denominator)} i gang i ${label} havde mindst ét fremmøde i perioden (${formatPercent(result)}).`,
  }
}

// ---------------------------------------------------------------------------------------------
// Public entry points: each checks its own input, so any one can be called alone.

/** Distinct participants in the course on at least one day of the period, and those waiting at its end. */
export function activeParticipants(enrolments: readonly EnrolmentFacts[], period: PeriodKey): ActiveParticipantsFigure {
  return activeParticipantsOf(checkEnrolments(enrolments), checkPeriod(period))
}

/** Mean and median length in weeks of the courses that ended in the period. */
export function courseLength(enrolments: readonly EnrolmentFacts[], period: PeriodKey): CourseLengthFigure {
  return courseLengthOf(checkEnrolments(enrolments), checkPeriod(period))
}

/** Enrolments in the course per day of the period, against one activity's places. */
export function occupancy(enrolments: readonly EnrolmentFacts[], capacity: number | null, period: PeriodKey): OccupancyFigure {
  return occupancyOf(checkEnrolments(enrolments), checkCapacity(capacity), checkPeriod(period))
}

/** The share of courses ended in the period that led to an internship or a job within `weeks` weeks, as known on `asOf`. */
export function transitionShare(enrolments: readonly EnrolmentFacts[], weeks: number, period: PeriodKey, asOf: string): TransitionShareFigure {
  return transitionShareOf(checkEnrolments(enrolments), checkWeeks(weeks), checkPeriod(period), day(asOf, 'asOf'))
}

/** Courses ended in the period, per exit reason. */
export function exitReasonCounts(enrolments: readonly EnrolmentFacts[], period: PeriodKey): ExitReasonsFigure {
  return exitReasonsOf(checkEnrolments(enrolments), checkPeriod(period))
}

/** The share of enrolments in the course in the period with at least one attendance in it. */
export function activationShare(enrolments: readonly EnrolmentFacts[], attendance: readonly AttendanceFacts[], period: PeriodKey): ActivationShareFigure {
  const checked = checkEnrolments(enrolments)
  return activationShareOf(checked, checkAttendance(attendance, checked), checkPeriod(period))
}

/** All six figures for one period, from one check of the input. */
export function computeFigures(input: EnrolmentFiguresInput): EnrolmentFigures {
  const enrolments = checkEnrolments(input.enrolments)
  const attendance = checkAttendance(input.attendance, enrolments)
  const capacity = checkCapacity(input.capacity)
  const weeks = checkWeeks(input.transitionWeeks)
  const period = checkPeriod(input.period)
  const asOf = day(input.asOf, 'asOf')
  return {
    activeParticipants: activeParticipantsOf(enrolments, period),
    courseLength: courseLengthOf(enrolments, period),
    occupancy: occupancyOf(enrolments, capacity, period),
    transitionShare: transitionShareOf(enrolments, weeks, period, asOf),
    exitReasons: exitReasonsOf(enrolments, period),
    activationShare: activationShareOf(enrolments, attendance, period),
  }
}
