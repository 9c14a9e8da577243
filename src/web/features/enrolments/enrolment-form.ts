import type { z } from 'zod'
import type { ConsentCategory } from '../../../shared/consents.ts'
import { type Activity, type Enrolment, EnrolmentCreate, EnrolmentUpdate, type ExitReason, FREE_TEXT_DEFAULT_CATEGORY } from '../../../shared/enrolments.ts'
import { type FieldErrors, checked, fieldErrorsFromZod } from '../../lib/form-errors.ts'

// The enrolment forms as the user fills them in, and the requests they become: enrolling a resident
// ("Tilmeld forløb"), starting a course from the waiting list, and ending it. The shared schemas
// have the last word on each field; the rules here are the server's own checks said before sending,
// so the user hears about them at the field rather than after a round trip.

const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))

// ---- Tilmeld forløb --------------------------------------------------------------------------------

export interface EnrolValues {
  activityId: string
  referredOn: string
  referredBy: string
  /** Start on a day, or go on the waiting list without one. */
  start: 'date' | 'waiting'
  startOn: string
  /** The agreement's selection criteria the resident meets; the others count as not met. */
  criteriaMet: string[]
}

export type EnrolField = 'activityId' | 'referredOn' | 'referredBy' | 'start' | 'startOn' | 'selection'

export const ENROL_FIELDS: readonly EnrolField[] = ['activityId', 'referredOn', 'referredBy', 'start', 'startOn', 'selection']

export const emptyEnrolment = (today: string): EnrolValues => ({ activityId: '', referredOn: today, referredBy: '', start: 'date', startOn: today, criteriaMet: [] })

export type EnrolBody = z.output<typeof EnrolmentCreate>

/**
 * The request, or the problems to show. Every criterion of the activity is answered (met or not),
 * assessed on the day of the referral; an activity without criteria sends no selection at all.
 */
export function enrolmentCreateFrom(values: EnrolValues, activity: Activity | undefined, allowOverbooking = false): { body: EnrolBody } | { errors: FieldErrors } {
  const problems: FieldErrors = {}
  if (!activity) problems.activityId = 'Vælg en aktivitet.'
  const waiting = values.start === 'waiting'
  if (!waiting && !values.startOn) problems.startOn = 'Skriv startdatoen, eller sæt beboeren på venteliste.'
  else if (!waiting && isDay(values.startOn) && isDay(values.referredOn) && values.startOn < values.referredOn) {
    problems.startOn = 'Forløbet kan ikke starte, før beboeren er visiteret.'
  }
  const criteria = activity?.selectionCriteria ?? []
  const parsed = EnrolmentCreate.safeParse({
    activityId: activity?.id ?? '',
    referredOn: values.referredOn,
    referredBy: values.referredBy,
    startOn: waiting ? null : values.startOn,
    selection: criteria.length > 0 ? { answers: criteria.map((criterion) => ({ criterion, met: values.criteriaMet.includes(criterion) })), assessedOn: values.referredOn } : null,
    allowOverbooking,
  })
  const schemaErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error)
  // The activity's own message is clearer than the schema's about an empty id; the assessment day is the referral's.
  delete schemaErrors.activityId
  delete schemaErrors.selection
  const errors = { ...schemaErrors, ...problems }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors }
  return { body: parsed.data }
}

// ---- Start or end a course ------------------------------------------------------------------------

export type UpdateBody = z.output<typeof EnrolmentUpdate>

/** What the enrolment is now, as the update's starting point: an update replaces every field. */
function current(enrolment: Enrolment): UpdateBody {
  return {
    version: enrolment.version,
    startOn: enrolment.startOn,
    plannedEndOn: enrolment.plannedEndOn,
    exitOn: enrolment.exitOn,
    exitReason: enrolment.exitReason,
    destinationOn: enrolment.destinationOn,
    exitNote: enrolment.exitNote,
    exitNoteCategory: enrolment.exitNoteCategory ?? FREE_TEXT_DEFAULT_CATEGORY,
    internshipContact: enrolment.internshipContact,
    allowOverbooking: false,
  }
}

/** From the waiting list into the course. The planned end is left to the server (the activity's default length). */
export function startUpdateFrom(enrolment: Enrolment, startOn: string, allowOverbooking = false): { body: UpdateBody } | { errors: FieldErrors } {
  if (!startOn) return { errors: { startOn: 'Skriv den dato, forløbet starter.' } }
  if (isDay(startOn) && startOn < enrolment.referredOn) return { errors: { startOn: 'Forløbet kan ikke starte, før beboeren er visiteret.' } }
  const parsed = EnrolmentUpdate.safeParse({ ...current(enrolment), startOn, plannedEndOn: null, allowOverbooking })
  if (!parsed.success) return { errors: fieldErrorsFromZod(parsed.error) }
  return { body: parsed.data }
}

export interface ExitValues {
  exitOn: string
  exitReason: ExitReason | ''
  destinationOn: string
  internshipContact: boolean
  exitNote: string
  /** The consent category the note is filed under (decision 026). */
  exitNoteCategory: ConsentCategory
}

export type ExitField = keyof ExitValues

export const EXIT_FIELDS: readonly ExitField[] = ['exitOn', 'exitReason', 'destinationOn', 'internshipContact', 'exitNote', 'exitNoteCategory']

/** The end as it is recorded, or today and nothing else for a course still running. */
export const exitValuesOf = (enrolment: Enrolment, today: string): ExitValues => ({
  exitOn: enrolment.exitOn ?? today,
  exitReason: enrolment.exitReason ?? '',
  destinationOn: enrolment.destinationOn ?? '',
  internshipContact: enrolment.internshipContact,
  exitNote: enrolment.exitNote ?? '',
  exitNoteCategory: enrolment.exitNoteCategory ?? FREE_TEXT_DEFAULT_CATEGORY,
})

/**
 * Ends a running course, takes a resident off the waiting list (an end without a start), or corrects
 * how an enrolment ended (the job often starts weeks later).
 */
export function exitUpdateFrom(enrolment: Enrolment, values: ExitValues, today: string): { body: UpdateBody } | { errors: FieldErrors } {
  const problems: FieldErrors = {}
  if (!values.exitOn) problems.exitOn = 'Skriv den dato, forløbet sluttede.'
  else if (isDay(values.exitOn) && values.exitOn > today) problems.exitOn = 'Et forløb kan ikke afsluttes i fremtiden.'
  else if (isDay(values.exitOn) && enrolment.startOn && values.exitOn < enrolment.startOn) problems.exitOn = 'Slutdatoen ligger før startdatoen.'
  else if (isDay(values.exitOn) && !enrolment.startOn && values.exitOn < enrolment.referredOn) problems.exitOn = 'Datoen ligger før visitationen.'
  if (!values.exitReason) problems.exitReason = 'Vælg, hvorfor forløbet sluttede.'
  if (values.destinationOn && isDay(values.destinationOn) && isDay(values.exitOn) && values.destinationOn < values.exitOn) {
    problems.destinationOn = 'Startdatoen for praktik, job eller uddannelse kan ikke ligge før forløbets afslutning.'
  }
  return checked(
    EnrolmentUpdate,
    {
      ...current(enrolment),
      exitOn: values.exitOn || null,
      exitReason: values.exitReason || null,
      destinationOn: values.destinationOn || null,
      internshipContact: values.internshipContact,
      exitNote: values.exitNote,
      exitNoteCategory: values.exitNoteCategory,
    },
    problems,
  )
}
