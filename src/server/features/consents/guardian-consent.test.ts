import { describe, expect, it } from 'vitest'
import { consentState, disclosure, type ConsentRecord } from './consent-validity.ts'
import { ConsentCreate, consentGiverFor, guardianConsentEndsOn, guardianConsentStanding } from '../../../shared/consents.ts'

// Guardian consent (decision 023). Ages are the year of the day minus the birth year.

describe('who gives a consent, by age', () => {
  it('at 14 a parent with custody gives it', () => {
    expect(consentGiverFor(2012, '2026-12-06')).toBe('guardian')
  })
  it('at 15 the young person gives it', () => {
    expect(consentGiverFor(2011, '2026-12-06')).toBe('self')
    // 15 from 1 January of the year they turn 15: asked early rather than late.
    expect(consentGiverFor(2011, '2026-01-01')).toBe('self')
    expect(consentGiverFor(2011, '2025-12-31')).toBe('guardian')
  })
  it('at 18, and with no birth year, the resident gives it', () => {
    expect(consentGiverFor(2008, '2026-12-06')).toBe('self')
    expect(consentGiverFor(null, '2026-12-06')).toBe('self')
  })
})

describe("what a guardian's consent is worth, by age", () => {
  it('at 14 it is valid', () => expect(guardianConsentStanding(2012, '2026-06-01')).toBe('valid'))
  it('at 15 it is still valid, but the young person is asked for their own consent', () => {
    expect(guardianConsentStanding(2011, '2026-06-01')).toBe('ask-own-consent')
    expect(guardianConsentStanding(2009, '2026-06-01')).toBe('ask-own-consent') // 17
  })
  it('at 18 it counts for nothing', () => expect(guardianConsentStanding(2008, '2026-06-01')).toBe('outgrown'))
  it('without a birth year it counts for nothing', () => expect(guardianConsentStanding(null, '2026-06-01')).toBe('outgrown'))
  it('ends on 1 January of the year the young person turns 18', () => expect(guardianConsentEndsOn(2012)).toBe('2030-01-01'))
})

const guardianConsent: ConsentRecord = {
  id: 'g1',
  parties: ['party-jobcenter'],
  categories: ['contact', 'employment'],
  purpose: 'Fritidsjob',
  form: 'oral',
  documentAttached: false,
  givenOn: '2026-03-01',
  validUntil: null,
  withdrawnOn: null,
  givenBy: 'guardian',
  birthYear: 2012,
}

describe("a guardian's consent in force over the years (born 2012, given at 14)", () => {
  it('is in force at 14 and still at 15 and 17', () => {
    expect(consentState(guardianConsent, '2026-03-01')).toBe('in-force')
    expect(consentState(guardianConsent, '2027-01-01')).toBe('in-force')
    expect(consentState(guardianConsent, '2029-12-31')).toBe('in-force')
  })
  it('is outgrown from 1 January of the year she turns 18, and then allows nothing', () => {
    expect(consentState(guardianConsent, '2030-01-01')).toBe('outgrown')
    const d = disclosure([guardianConsent], { id: 'party-jobcenter', name: 'Jobcentret' }, '2030-01-01')
    expect(d.allowed).toBe(false)
    expect(d.reason).toBe('Intet samtykke i kraft omfatter deling med jobcentret: samtykket givet 1. marts 2026 er givet af en forælder, og den unge er nu fyldt 18.')
  })
  it('stays withdrawn when withdrawn before 18', () => {
    expect(consentState({ ...guardianConsent, withdrawnOn: '2028-05-01' }, '2030-06-01')).toBe('withdrawn')
  })
  it('is never in force when the birth year is not on file', () => {
    expect(consentState({ ...guardianConsent, birthYear: null }, '2026-03-01')).toBe('outgrown')
  })
  it("leaves the resident's own consent alone at any age", () => {
    expect(consentState({ ...guardianConsent, givenBy: 'self', birthYear: 1950 }, '2030-01-01')).toBe('in-force')
  })
})

describe('the guardian part of a new consent', () => {
  const base = { parties: ['0b6a3a8e-4f0e-4a57-9d8f-8f1d2f0c1a11'], categories: ['contact'], purpose: 'Fritidsjob', form: 'oral', givenOn: '2026-03-01', validUntil: null }
  it("needs the guardian's name", () => {
    const r = ConsentCreate.safeParse({ ...base, guardian: { name: ' ', relation: 'mother', youngPersonSay: 'agrees' } })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toBe('Skriv navnet på forælderen, der giver samtykket.')
  })
  it('is absent for an adult', () => expect(ConsentCreate.parse(base).guardian).toBeNull())
})
