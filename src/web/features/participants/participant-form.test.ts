import { describe, expect, it } from 'vitest'
import { emptyParticipant, participantCreateFrom, participantUpdateFrom, type ParticipantValues } from './participant-form.ts'

const TODAY = '2026-11-27'
const filled = (changes: Partial<ParticipantValues> = {}): ParticipantValues => ({ ...emptyParticipant(TODAY), name: 'Amina Hassan', ...changes })

describe('the registration form as a request', () => {
  it('sends empty optional fields as null and the registration date as typed', () => {
    expect(participantCreateFrom(filled(), false)).toEqual({
      body: {
        name: 'Amina Hassan',
        phone: null,
        email: null,
        address: null,
        birthYear: null,
        ageBand: null,
        housingAreaId: null,
        departmentId: null,
        targetGroupCode: null,
        targetGroupOn: null,
        registeredOn: TODAY,
      },
    })
  })

  it('trims what was typed and reads the birth year as a number', () => {
    const result = participantCreateFrom(filled({ name: '  Amina Hassan ', phone: ' 20 30 40 50 ', birthYear: ' 1990 ' }), false)
    expect(result).toMatchObject({ body: { name: 'Amina Hassan', phone: '20 30 40 50', birthYear: 1990 } })
  })

  it('asks for a name', () => {
    expect(participantCreateFrom(filled({ name: '  ' }), false)).toEqual({ errors: { name: 'Skriv beboerens navn.' } })
  })

  it.each(['90', '19900', 'halvfems', '1990,5'])('refuses the birth year "%s"', (birthYear) => {
    expect(participantCreateFrom(filled({ birthYear }), false)).toEqual({ errors: { birthYear: 'Skriv fødselsåret med fire cifre, fx 1987.' } })
  })

  it('takes an age band when the birth year is not known, but not both', () => {
    expect(participantCreateFrom(filled({ ageBand: '30-39' }), false)).toMatchObject({ body: { ageBand: '30-39', birthYear: null } })
    expect(participantCreateFrom(filled({ ageBand: '30-39', birthYear: '1990' }), false)).toEqual({
      errors: { ageBand: 'Udfyld enten fødselsår eller aldersgruppe, ikke begge.' },
    })
  })

  it('wants a target group and its date together', () => {
    expect(participantCreateFrom(filled({ targetGroupCode: '6.1' }), false)).toEqual({ errors: { targetGroupOn: 'Skriv den dato, beboeren var i målgruppen.' } })
    expect(participantCreateFrom(filled({ targetGroupOn: '2026-01-10' }), false)).toEqual({ errors: { targetGroupCode: 'Vælg målgruppen, eller slet datoen.' } })
    expect(participantCreateFrom(filled({ targetGroupCode: '6.1', targetGroupOn: '2026-01-10' }), false)).toMatchObject({
      body: { targetGroupCode: '6.1', targetGroupOn: '2026-01-10' },
    })
  })

  it('reports every problem at once, its own and the schema’s', () => {
    const result = participantCreateFrom(filled({ name: '', email: 'ikke en adresse', birthYear: 'x', registeredOn: '' }), false)
    expect(result).toMatchObject({ errors: { name: expect.any(String), email: 'Skriv en gyldig e-mailadresse.', birthYear: expect.any(String), registeredOn: expect.any(String) } })
  })

  it('sends the CPR number only when the plan records CPR numbers', () => {
    const withCpr = filled({ cpr: '010190-1234' })
    expect(participantCreateFrom(withCpr, true)).toMatchObject({ body: { cpr: '010190-1234' } })
    expect(participantCreateFrom(withCpr, false)).not.toHaveProperty('body.cpr')
    expect(participantCreateFrom(filled(), true)).toMatchObject({ body: { cpr: null } })
  })
})

describe('the birth-year rule in the form', () => {
  it('refuses a year after today’s and one making the resident older than 110, and takes the years between', () => {
    // 2026 − 110 = 1916 is the earliest year; 2026 the latest.
    expect(participantCreateFrom(filled({ birthYear: '2027' }), false, TODAY)).toEqual({ errors: { birthYear: 'Fødselsåret kan ikke ligge i fremtiden. Skriv et år til og med 2026.' } })
    expect(participantCreateFrom(filled({ birthYear: '1915' }), false, TODAY)).toEqual({ errors: { birthYear: 'Fødselsåret gør beboeren ældre end 110 år. Skriv et år fra 1916 og frem.' } })
    expect(participantCreateFrom(filled({ birthYear: '1916' }), false, TODAY)).toMatchObject({ body: { birthYear: 1916 } })
    expect(participantCreateFrom(filled({ birthYear: '2026' }), false, TODAY)).toMatchObject({ body: { birthYear: 2026 } })
  })

  it('sends a correction without registration day or CPR number, with the version it was filled in from', () => {
    const result = participantUpdateFrom(filled({ birthYear: '1990' }), 3, TODAY)
    expect(result).toMatchObject({ body: { name: 'Amina Hassan', birthYear: 1990, version: 3 } })
    expect('body' in result && 'registeredOn' in result.body).toBe(false)
    expect(participantUpdateFrom(filled({ birthYear: '2030' }), 3, TODAY)).toMatchObject({ errors: { birthYear: expect.stringContaining('fremtiden') } })
  })
})
