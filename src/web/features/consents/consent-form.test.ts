import { describe, expect, it } from 'vitest'
import { type ConsentValues, consentCreateFrom, consentPreview, emptyConsent } from './consent-form.ts'

const TODAY = '2026-11-27'
const filled = (changes: Partial<ConsentValues> = {}): ConsentValues => ({
  ...emptyConsent(TODAY),
  categories: ['employment', 'contact'],
  purpose: ' At finde en praktikplads sammen. ',
  form: 'oral',
  ...changes,
})

describe('the consent form as a request', () => {
  it('starts with both parties, today, and nothing else chosen', () => {
    expect(emptyConsent(TODAY)).toEqual({ parties: ['boligsocial', 'jobcenter'], categories: [], purpose: '', form: '', givenOn: TODAY, validUntil: '' })
  })

  it('sends the choices in the order of the lists, the purpose trimmed and no end date as null', () => {
    expect(consentCreateFrom(filled({ parties: ['jobcenter', 'boligsocial'] }), TODAY)).toEqual({
      body: {
        parties: ['boligsocial', 'jobcenter'],
        categories: ['contact', 'employment'],
        purpose: 'At finde en praktikplads sammen.',
        form: 'oral',
        givenOn: TODAY,
        validUntil: null,
      },
    })
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
  it('waits until there is a party and something to share', () => {
    expect(consentPreview(filled({ parties: [] }))).toBeNull()
    expect(consentPreview(filled({ categories: [] }))).toBeNull()
  })

  it('reads the choices in plain Danish, in the order of the lists', () => {
    expect(consentPreview(filled({ categories: ['employment', 'contact'] }))).toEqual([
      'Jeg giver lov til, at den boligsociale helhedsplan og jobcentret må dele disse oplysninger om mig med hinanden:',
      '• Navn, adresse og telefonnummer',
      '• Job, uddannelse og praktik, og dine forløb hos os',
      'Formålet er: At finde en praktikplads sammen.',
      'Samtykket gælder, indtil jeg trækker det tilbage.',
      'Jeg kan altid trække samtykket tilbage. Så stopper delingen med det samme.',
    ])
  })

  it('shows a purpose not yet written as "…" and an end date once it is a whole date', () => {
    const text = consentPreview(filled({ purpose: ' ', validUntil: '2027-06-30' }))
    expect(text).toContain('Formålet er: …')
    expect(text).toContain('Samtykket gælder til og med 30. juni 2027.')
    expect(consentPreview(filled({ validUntil: '2027-06' }))).toContain('Samtykket gælder, indtil jeg trækker det tilbage.')
  })
})
