import { describe, expect, it } from 'vitest'
import type { PlanParty } from '../../../shared/parties.ts'
import { type ConsentValues, consentCreateFrom, consentPreview, emptyConsent } from './consent-form.ts'

const TODAY = '2026-11-27'
// A plan's two parties, by id, with the names the residents have been read so far.
const BOLIGSOCIAL = '11111111-1111-4111-8111-111111111111'
const JOBCENTER = '22222222-2222-4222-8222-222222222222'
const PARTIES: PlanParty[] = [
  { id: BOLIGSOCIAL, name: 'Den boligsociale helhedsplan', unit: null, kind: 'boligsocial', dataController: false, archived: false },
  { id: JOBCENTER, name: 'Jobcentret', unit: null, kind: 'jobcenter', dataController: false, archived: false },
]
const filled = (changes: Partial<ConsentValues> = {}): ConsentValues => ({
  ...emptyConsent(TODAY),
  parties: [BOLIGSOCIAL, JOBCENTER],
  categories: ['employment', 'contact'],
  purpose: ' At finde en praktikplads sammen. ',
  form: 'oral',
  ...changes,
})

describe('the consent form as a request', () => {
  it('starts with the party that holds the record, today, and nothing else chosen', () => {
    expect(emptyConsent(TODAY, BOLIGSOCIAL)).toEqual({
      parties: [BOLIGSOCIAL],
      categories: [],
      purpose: '',
      form: '',
      givenOn: TODAY,
      validUntil: '',
      guardianName: '',
      guardianRelation: '',
      youngPersonSay: '',
      youngPersonNote: '',
    })
  })

  it('sends the choices in the order of the lists, the purpose trimmed and no end date as null', () => {
    expect(consentCreateFrom(filled({ parties: [JOBCENTER, BOLIGSOCIAL] }), TODAY, PARTIES)).toEqual({
      body: {
        parties: [BOLIGSOCIAL, JOBCENTER],
        categories: ['contact', 'employment'],
        purpose: 'At finde en praktikplads sammen.',
        form: 'oral',
        givenOn: TODAY,
        validUntil: null,
        guardian: null,
      },
    })
  })

  it('for a 14-year-old asks for the parent with custody and what the young person says, and sends them', () => {
    expect(consentCreateFrom(filled(), TODAY, PARTIES, 2012)).toEqual({
      errors: {
        guardianName: 'Skriv navnet på forælderen, der giver samtykket.',
        guardianRelation: 'Vælg, hvem forælderen er for den unge.',
        youngPersonSay: 'Vælg, hvad den unge selv siger til samtykket.',
      },
    })
    const result = consentCreateFrom(filled({ guardianName: ' Fatima Ali ', guardianRelation: 'mother', youngPersonSay: 'agrees' }), TODAY, PARTIES, 2012)
    expect(result).toMatchObject({ body: { guardian: { name: 'Fatima Ali', relation: 'mother', youngPersonSay: 'agrees', youngPersonNote: null } } })
  })

  it('for a 15-year-old sends no parent, whatever was typed', () => {
    expect(consentCreateFrom(filled({ guardianName: 'Fatima Ali' }), TODAY, PARTIES, 2011)).toMatchObject({ body: { guardian: null } })
  })

  it('asks for what is missing, all at once', () => {
    const result = consentCreateFrom({ ...emptyConsent(TODAY), parties: [] }, TODAY)
    expect(result).toEqual({
      errors: {
        parties: 'Vælg mindst én part, der må dele oplysningerne.',
        categories: 'Vælg mindst én slags oplysninger.',
        purpose: 'Skriv formålet med at dele oplysningerne.',
        form: 'Vælg, om samtykket er givet mundtligt eller skriftligt.',
      },
    })
  })

  it('refuses a consent given in the future, and an end before it was given', () => {
    expect(consentCreateFrom(filled({ givenOn: '2026-11-28' }), TODAY)).toEqual({ errors: { givenOn: 'Datoen kan ikke ligge i fremtiden.' } })
    expect(consentCreateFrom(filled({ givenOn: '2026-11-01', validUntil: '2026-10-31' }), TODAY)).toEqual({
      errors: { validUntil: 'Slutdatoen kan ikke ligge før samtykket er givet.' },
    })
  })

  it('takes an end date on or after the day it was given', () => {
    expect(consentCreateFrom(filled({ givenOn: '2026-11-01', validUntil: '2026-11-01' }), TODAY)).toMatchObject({ body: { validUntil: '2026-11-01' } })
  })
})

describe('the consent text shown while the form is filled in', () => {
  it('names the plan\'s parties as the resident knows them, and who shares with whom', () => {
    const varde: PlanParty[] = [
      { id: BOLIGSOCIAL, name: 'Det Boligsociale Team', unit: null, kind: 'boligsocial', dataController: false, archived: false },
      { id: JOBCENTER, name: 'Pro Varde', unit: 'erhvervsguide', kind: 'partner', dataController: false, archived: false },
    ]
    expect(consentPreview(filled({ parties: [JOBCENTER] }), varde, 'Det Boligsociale Team')?.[0]).toBe(
      'Jeg giver lov til, at Det Boligsociale Team må dele disse oplysninger om mig med Pro Varde, erhvervsguide:',
    )
    expect(consentPreview(filled(), varde)?.[0]).toBe('Jeg giver lov til, at Det Boligsociale Team og Pro Varde, erhvervsguide må dele disse oplysninger om mig med hinanden:')
  })

  it('waits until there is a party and something to share', () => {
    expect(consentPreview(filled({ parties: [] }), PARTIES)).toBeNull()
    expect(consentPreview(filled({ categories: [] }), PARTIES)).toBeNull()
  })

  it('reads the choices in plain Danish, in the order of the lists', () => {
    expect(consentPreview(filled({ categories: ['employment', 'contact'] }), PARTIES)).toEqual([
      'Jeg giver lov til, at den boligsociale helhedsplan og jobcentret må dele disse oplysninger om mig med hinanden:',
      '• Navn, adresse og telefonnummer',
      '• Job, uddannelse og praktik, og dine forløb hos os',
      'Formålet er: At finde en praktikplads sammen.',
      'Samtykket gælder, indtil jeg trækker det tilbage.',
      'Jeg kan altid trække samtykket tilbage. Så stopper delingen med det samme.',
    ])
  })

  it('shows a purpose not yet written as "…" and an end date once it is a whole date', () => {
    const text = consentPreview(filled({ purpose: ' ', validUntil: '2027-06-30' }), PARTIES)
    expect(text).toContain('Formålet er: …')
    expect(text).toContain('Samtykket gælder til og med 30. juni 2027.')
    expect(consentPreview(filled({ validUntil: '2027-06' }), PARTIES)).toContain('Samtykket gælder, indtil jeg trækker det tilbage.')
  })
})
