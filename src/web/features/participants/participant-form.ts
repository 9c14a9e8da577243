import type { z } from 'zod'
import { isoDay } from '../../../shared/lib/format.ts'
import { type AgeBand, type Participant, ParticipantCreate, birthYearProblem } from '../../../shared/participants.ts'
import { type FieldErrors, checked } from '../../lib/form-errors.ts'

// The registration form as the user fills it in (every field text), and its way to the request the
// server takes. The shared schema has the last word on every field; the rules here are the ones it
// cannot know: a year typed as text, and the pairs that only make sense together.

export interface ParticipantValues {
  name: string
  phone: string
  email: string
  address: string
  birthYear: string
  ageBand: AgeBand | ''
  housingAreaId: string
  departmentId: string
  targetGroupCode: string
  targetGroupOn: string
  registeredOn: string
  cpr: string
}

export type ParticipantField = keyof ParticipantValues

/** In the order of the form, so the error summary lists problems as the user meets them. */
export const PARTICIPANT_FIELDS: readonly ParticipantField[] = [
  'name',
  'phone',
  'email',
  'address',
  'birthYear',
  'ageBand',
  'housingAreaId',
  'departmentId',
  'targetGroupCode',
  'targetGroupOn',
  'registeredOn',
  'cpr',
]

export const emptyParticipant = (today: string): ParticipantValues => ({
  name: '',
  phone: '',
  email: '',
  address: '',
  birthYear: '',
  ageBand: '',
  housingAreaId: '',
  departmentId: '',
  targetGroupCode: '',
  targetGroupOn: '',
  registeredOn: today,
  cpr: '',
})

export type ParticipantBody = z.output<typeof ParticipantCreate>

/**
 * The request body, or the problems to show. The CPR number is sent only when the plan records CPR
 * numbers at all: otherwise the field is not on the form and the server would refuse any value.
 */
export function participantCreateFrom(values: ParticipantValues, cprEnabled: boolean, asOf: string = isoDay(new Date())): { body: ParticipantBody } | { errors: FieldErrors } {
  const problems: FieldErrors = {}
  const yearText = values.birthYear.trim()
  let birthYear: number | null = null
  if (yearText) {
    if (/^\d{4}$/.test(yearText)) {
      birthYear = Number(yearText)
      const problem = birthYearProblem(birthYear, asOf)
      if (problem) problems.birthYear = problem
    } else problems.birthYear = 'Skriv fødselsåret med fire cifre, fx 1987.'
  }
  // The server derives the age band from the birth year; two answers could disagree.
  if (yearText && values.ageBand) problems.ageBand = 'Udfyld enten fødselsår eller aldersgruppe, ikke begge.'
  if (values.targetGroupCode && !values.targetGroupOn) problems.targetGroupOn = 'Skriv den dato, beboeren var i målgruppen.'
  if (!values.targetGroupCode && values.targetGroupOn) problems.targetGroupCode = 'Vælg målgruppen, eller slet datoen.'

  return checked(
    ParticipantCreate,
    {
      name: values.name,
      phone: values.phone,
      email: values.email,
      address: values.address,
      birthYear,
      ageBand: values.ageBand || null,
      housingAreaId: values.housingAreaId || null,
      departmentId: values.departmentId || null,
      targetGroupCode: values.targetGroupCode,
      targetGroupOn: values.targetGroupOn || null,
      registeredOn: values.registeredOn,
      ...(cprEnabled ? { cpr: values.cpr } : {}),
    },
    problems,
  )
}

/** The correction form filled in with what the resident's record says now. */
export function participantValuesOf(p: Participant): ParticipantValues {
  const birthYear = p.contact?.birthYear ?? null
  return {
    name: p.contact?.name ?? '',
    phone: p.contact?.phone ?? '',
    email: p.contact?.email ?? '',
    address: p.contact?.address ?? '',
    birthYear: birthYear === null ? '' : String(birthYear),
    // The age band is derived from a known birth year; only a band on its own is the user's answer.
    ageBand: birthYear === null ? (p.ageBand ?? '') : '',
    housingAreaId: p.housingArea?.id ?? '',
    departmentId: p.department?.id ?? '',
    targetGroupCode: p.targetGroup?.code ?? '',
    targetGroupOn: p.targetGroup?.on ?? '',
    registeredOn: p.registeredOn,
    cpr: '',
  }
}

export type ParticipantUpdateBody = Omit<ParticipantBody, 'registeredOn' | 'cpr'> & { version: number }

/** The correction's request body: the same rules as registering; the CPR number and registration day are left as they are. */
export function participantUpdateFrom(values: ParticipantValues, version: number, asOf: string = isoDay(new Date())): { body: ParticipantUpdateBody } | { errors: FieldErrors } {
  const result = participantCreateFrom(values, false, asOf)
  if ('errors' in result) return result
  const { registeredOn: _registeredOn, cpr: _cpr, ...rest } = result.body
  return { body: { ...rest, version } }
}
