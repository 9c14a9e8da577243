import { describe, expect, it } from 'vitest'
import type { Activity, Enrolment } from '../../../shared/enrolments.ts'
import { type EnrolValues, emptyEnrolment, enrolmentCreateFrom, exitUpdateFrom, exitValuesOf, startUpdateFrom } from './enrolment-form.ts'

const TODAY = '2026-11-27'
const course: Activity = {
  id: '160782aa-5810-48e0-a442-e21863a00e73',
  key: 'forloeb',
  name: 'Beskæftigelsesfremmende forløb',
  capacity: 12,
  defaultWeeks: 10,
  selectionCriteria: [],
  active: 5,
  waiting: 0,
  activeHidden: false,
  waitingHidden: false,
}
const varde: Activity = { ...course, id: 'ebd712ca-11e4-426b-9ac7-79034bbe590c', selectionCriteria: ['Bor i boligområdet', 'Har komplekse problemstillinger'] }
const values = (changes: Partial<EnrolValues> = {}): EnrolValues => ({ ...emptyEnrolment(TODAY), activityId: course.id, referredBy: ' Fremskudt jobcenter ', ...changes })

describe('enrolling a resident', () => {
  it('starts today, referred today, unless told otherwise', () => {
    expect(enrolmentCreateFrom(values(), course)).toEqual({
      body: { activityId: course.id, referredOn: TODAY, referredBy: 'Fremskudt jobcenter', startOn: TODAY, selection: null, allowOverbooking: false },
    })
  })

  it('puts the resident on the waiting list without a start date', () => {
    expect(enrolmentCreateFrom(values({ start: 'waiting', startOn: '' }), course)).toMatchObject({ body: { startOn: null } })
  })

  it('resends with overbooking allowed once the user has confirmed', () => {
    expect(enrolmentCreateFrom(values(), course, true)).toMatchObject({ body: { allowOverbooking: true } })
  })

  it('asks for an activity, who referred and a start date', () => {
    expect(enrolmentCreateFrom(values({ referredBy: '', startOn: '' }), undefined)).toEqual({
      errors: { activityId: 'Vælg en aktivitet.', referredBy: 'Skriv, hvem der visiterede.', startOn: 'Skriv startdatoen, eller sæt beboeren på venteliste.' },
    })
  })

  it('refuses a start before the referral', () => {
    expect(enrolmentCreateFrom(values({ referredOn: '2026-11-20', startOn: '2026-11-19' }), course)).toEqual({
      errors: { startOn: 'Forløbet kan ikke starte, før beboeren er visiteret.' },
    })
  })

  it('answers every selection criterion of the agreement, met or not, as of the referral', () => {
    expect(enrolmentCreateFrom(values({ activityId: varde.id, referredOn: '2026-11-20', criteriaMet: ['Bor i boligområdet'] }), varde)).toMatchObject({
      body: {
        selection: {
          answers: [
            { criterion: 'Bor i boligområdet', met: true },
            { criterion: 'Har komplekse problemstillinger', met: false },
          ],
          assessedOn: '2026-11-20',
        },
      },
    })
  })
})

const enrolment = (changes: Partial<Enrolment> = {}): Enrolment => ({
  id: '0b0b0b0b-0000-4000-8000-000000000001',
  participantId: '0b0b0b0b-0000-4000-8000-000000000002',
  pseudonym: 'D-0001',
  name: 'Amina Hassan',
  activityId: course.id,
  activityName: course.name,
  status: 'active',
  referredOn: '2026-09-01',
  referredBy: 'Fremskudt jobcenter',
  startOn: '2026-09-07',
  plannedEndOn: '2026-11-15',
  exitOn: null,
  exitReason: null,
  destinationOn: null,
  exitNote: null,
  exitNoteCategory: null,
  internshipContact: false,
  selection: null,
  followups: [],
  attendance: [],
  version: 3,
  ...changes,
})

describe('starting a course from the waiting list', () => {
  const waiting = enrolment({ status: 'waiting', startOn: null, plannedEndOn: null })

  it('sends the start and lets the server plan the end', () => {
    expect(startUpdateFrom(waiting, TODAY)).toEqual({
      body: { version: 3, startOn: TODAY, plannedEndOn: null, exitOn: null, exitReason: null, destinationOn: null, exitNote: null, exitNoteCategory: 'employment', internshipContact: false, allowOverbooking: false },
    })
    expect(startUpdateFrom(waiting, TODAY, true)).toMatchObject({ body: { allowOverbooking: true } })
  })

  it('asks for a start date on or after the referral', () => {
    expect(startUpdateFrom(waiting, '')).toEqual({ errors: { startOn: 'Skriv den dato, forløbet starter.' } })
    expect(startUpdateFrom(waiting, '2026-08-31')).toEqual({ errors: { startOn: 'Forløbet kan ikke starte, før beboeren er visiteret.' } })
  })
})

describe('ending a course', () => {
  it('starts from today for a course still running, and from the recorded end for one that has ended', () => {
    expect(exitValuesOf(enrolment(), TODAY)).toEqual({ exitOn: TODAY, exitReason: '', destinationOn: '', internshipContact: false, exitNote: '', exitNoteCategory: 'employment' })
    expect(exitValuesOf(enrolment({ exitOn: '2026-11-10', exitReason: 'job', exitNote: 'Fast job' }), TODAY)).toMatchObject({ exitOn: '2026-11-10', exitReason: 'job', exitNote: 'Fast job' })
  })

  it('keeps the start and the planned end, and sends the exit', () => {
    const result = exitUpdateFrom(enrolment(), { exitOn: '2026-11-20', exitReason: 'virksomhedspraktik', destinationOn: '2026-12-01', internshipContact: true, exitNote: ' Praktik hos Danfoss ', exitNoteCategory: 'employment' }, TODAY)
    expect(result).toEqual({
      body: {
        version: 3,
        startOn: '2026-09-07',
        plannedEndOn: '2026-11-15',
        exitOn: '2026-11-20',
        exitReason: 'virksomhedspraktik',
        destinationOn: '2026-12-01',
        exitNote: 'Praktik hos Danfoss',
        exitNoteCategory: 'employment',
        internshipContact: true,
        allowOverbooking: false,
      },
    })
  })

  it('takes a resident off the waiting list: an end without a start, not before the referral', () => {
    const waiting = enrolment({ status: 'waiting', startOn: null, plannedEndOn: null })
    expect(exitUpdateFrom(waiting, { ...exitValuesOf(waiting, TODAY), exitReason: 'job' }, TODAY)).toMatchObject({ body: { startOn: null, exitOn: TODAY, exitReason: 'job' } })
    expect(exitUpdateFrom(waiting, { ...exitValuesOf(waiting, TODAY), exitOn: '2026-08-31', exitReason: 'job' }, TODAY)).toEqual({ errors: { exitOn: 'Datoen ligger før visitationen.' } })
  })

  it('sends an empty note and no destination as null', () => {
    expect(exitUpdateFrom(enrolment(), { ...exitValuesOf(enrolment(), TODAY), exitReason: 'ophoer' }, TODAY)).toMatchObject({ body: { exitNote: null, destinationOn: null } })
  })

  it('says what is wrong with the dates and the reason', () => {
    expect(exitUpdateFrom(enrolment(), { exitOn: '', exitReason: '', destinationOn: '', internshipContact: false, exitNote: '', exitNoteCategory: 'employment' }, TODAY)).toEqual({
      errors: { exitOn: 'Skriv den dato, forløbet sluttede.', exitReason: 'Vælg, hvorfor forløbet sluttede.' },
    })
    expect(exitUpdateFrom(enrolment(), { ...exitValuesOf(enrolment(), TODAY), exitOn: '2026-11-28', exitReason: 'job' }, TODAY)).toEqual({
      errors: { exitOn: 'Et forløb kan ikke afsluttes i fremtiden.' },
    })
    expect(exitUpdateFrom(enrolment(), { ...exitValuesOf(enrolment(), TODAY), exitOn: '2026-09-06', exitReason: 'job' }, TODAY)).toEqual({
      errors: { exitOn: 'Slutdatoen ligger før startdatoen.' },
    })
    expect(exitUpdateFrom(enrolment(), { ...exitValuesOf(enrolment(), TODAY), exitReason: 'job', destinationOn: '2026-11-26' }, TODAY)).toEqual({
      errors: { destinationOn: 'Startdatoen for praktik, job eller uddannelse kan ikke ligge før forløbets afslutning.' },
    })
  })
})
