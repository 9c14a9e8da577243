import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import '../../shared/lib/zod-locale.ts'
import { checked, fieldErrorsByPath, fieldErrorsFromIssues, inlineErrors } from './form-errors.ts'

const Body = z.object({ name: z.string().min(1, { error: 'Skriv et navn.' }), email: z.email({ error: 'Skriv en e-mailadresse.' }) })

describe('checked', () => {
  it('gives the parsed body when the schema and the form agree', () => {
    expect(checked(Body, { name: 'Ane', email: 'ane@example.dk' })).toEqual({ body: { name: 'Ane', email: 'ane@example.dk' } })
  })

  it("names every field the schema refuses, with the schema's own words", () => {
    expect(checked(Body, { name: '', email: 'nej' })).toEqual({ errors: { name: 'Skriv et navn.', email: 'Skriv en e-mailadresse.' } })
  })

  it("lets the form's own rule speak for a field over the schema", () => {
    expect(checked(Body, { name: '', email: 'ane@example.dk' }, { name: 'Navnet er optaget.' })).toEqual({ errors: { name: 'Navnet er optaget.' } })
  })

  it('refuses a body the schema accepts when the form found a problem of its own', () => {
    expect(checked(Body, { name: 'Ane', email: 'ane@example.dk' }, { planIds: 'Vælg mindst én helhedsplan.' })).toEqual({ errors: { planIds: 'Vælg mindst én helhedsplan.' } })
  })
})

describe('field messages from issues', () => {
  it('keeps the first message about a field, named by the first segment of its path', () => {
    expect(
      fieldErrorsFromIssues([
        { path: 'planIds.1', message: 'Planen findes ikke.' },
        { path: 'planIds.0', message: 'Vælg en anden plan.' },
      ]),
    ).toEqual({ planIds: 'Planen findes ikke.' })
  })

  it('keeps the whole path for forms whose fields sit in lists', () => {
    expect(fieldErrorsByPath([{ path: 'content.goals.0.text', message: 'Skriv delmålet.' }])).toEqual({ 'content.goals.0.text': 'Skriv delmålet.' })
  })
})

describe('messages at their fields', () => {
  it("leaves out the field's name the label above already says, and keeps it for anything else", () => {
    const Numbers = z.object({ count: z.number().min(0), capacity: z.number().int() })
    const full = checked(Numbers, { count: -1, capacity: 1.5 })
    expect(full).toEqual({ errors: { count: 'Antallet kan ikke være negativt.', capacity: 'Kapaciteten skal være et helt tal.' } })
    expect(inlineErrors('errors' in full ? full.errors : {})).toEqual({ count: 'Kan ikke være negativt.', capacity: 'Skal være et helt tal.' })
    // A nested field's path names it; a message about another field, or the form's own words, stay whole.
    expect(inlineErrors({ 'content.goals.0.text': 'Teksten mangler.', content: 'Teksten mangler.', name: 'Skriv et navn.' })).toEqual({
      'content.goals.0.text': 'Mangler.',
      content: 'Teksten mangler.',
      name: 'Skriv et navn.',
    })
  })
})
