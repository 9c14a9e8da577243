import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import '../../shared/lib/zod-locale.ts'
import { defOf, sharedSchemas, type Schema } from '../../../tests/support/shared-schemas.ts'
import { FIELD_GENDERS, FIELD_LABELS, RAW_VALIDATOR_WORDING, withoutFieldName } from '../../shared/lib/zod-locale.ts'

// Every message a route's validation can give names its field in plain Danish (issue 10): each
// route's body and query schema is walked, every field is given invalid input of each kind its type
// can be wrong in (missing, wrong type, too long, too short, too large, negative, not whole, unknown
// choice, wrong form), and no message may be the validator's own wording ("For stor: forventede
// streng havde <= 200 tegn"). A message made from the field's label must start with that label.

const root = path.resolve(import.meta.dirname, '../../..')
const routeFiles = fs
  .readdirSync(path.join(root, 'src/server/features'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.routes.ts'))
  .map((f) => path.join(root, 'src/server/features', f))

/** The names of the request schemas routes declare (`body: X`, `querystring: X`). */
const declared = new Set(routeFiles.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/\b(?:body|querystring): ([A-Z][A-Za-z]+)\b/g)].map((m) => m[1] as string)))

const bagOf = (s: Schema) => s._zod.bag as { minimum?: number; maximum?: number; format?: string }

/**
 * Inputs that break `schema` in each way its type allows, nested values included: a field of an
 * object is broken one field at a time, an element of a list as the list's only element.
 */
function invalidInputs(schema: Schema, depth = 0): unknown[] {
  const def = defOf(schema)
  if (depth > 8) return []
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return invalidInputs(def.innerType as Schema, depth)
    case 'pipe':
      return invalidInputs(def.in as Schema, depth)
    case 'lazy':
      return []
    case 'string': {
      const { minimum, maximum } = bagOf(schema)
      return [42, true, '', ' ', 'ikke et gyldigt format', ...(maximum !== undefined ? ['x'.repeat(maximum + 1)] : ['x'.repeat(100_001)]), ...(minimum !== undefined && minimum > 1 ? ['x'.repeat(minimum - 1)] : [])]
    }
    case 'number':
    case 'int': {
      const { minimum, maximum } = bagOf(schema)
      return ['tekst', true, 1.5, -1, ...(minimum !== undefined ? [minimum - 1] : [-1e15]), ...(maximum !== undefined ? [maximum + 1] : [1e15])]
    }
    case 'boolean':
      return ['ja', 1]
    case 'date':
      return ['ikke en dato']
    case 'enum':
    case 'literal':
      return ['ukendt-vaerdi', 7]
    case 'array': {
      const { minimum, maximum } = bagOf(schema)
      const element = def.element as Schema
      return ['tekst', { a: 1 }, ...(minimum ? [[]] : []), ...(maximum !== undefined && maximum < 5000 ? [Array.from({ length: maximum + 1 }, () => null)] : []), ...invalidInputs(element, depth + 1).map((v) => [v])]
    }
    case 'record':
      // A record's keys are the user's own words, not field names: only the wrong type.
      return ['tekst']
    case 'union': {
      const options = def.options as Schema[]
      return [Symbol.for('none') as unknown, ...options.flatMap((o) => invalidInputs(o, depth + 1))].filter((v) => typeof v !== 'symbol')
    }
    case 'intersection':
      return [...invalidInputs(def.left as Schema, depth + 1), ...invalidInputs(def.right as Schema, depth + 1)]
    case 'object': {
      const shape = def.shape as Record<string, Schema>
      const out: unknown[] = [null, 'tekst', {}, { ukendtFelt: 1 }]
      for (const [key, field] of Object.entries(shape)) for (const v of invalidInputs(field, depth + 1)) out.push({ [key]: v })
      return out
    }
    default:
      return []
  }
}

const ending = { common: '', neuter: 't', plural: 'e' } as const

function schemasByName(): Map<string, Schema> {
  const found = new Map<string, Schema>()
  return found
}

describe('validation messages name their field in plain Danish', async () => {
  const exported = schemasByName()
  for (const { name, schema } of await sharedSchemas()) exported.set(name, schema)
  // Also the agreement file, which the import reads with the same messages.
  const walked = [...declared, 'AgreementFile']

  it('finds every request schema the routes declare', () => {
    expect(walked.length).toBeGreaterThan(60)
    expect(walked.filter((name) => !exported.has(name))).toEqual([])
  })

  it.each(walked.filter((name) => exported.has(name)))('%s', (name) => {
    const schema = exported.get(name) as z.ZodType
    const bad = new Set<string>()
    for (const input of invalidInputs(schema)) {
      const result = schema.safeParse(input)
      if (result.success) continue
      for (const issue of result.error.issues) {
        const where = issue.path.join('.') || '(hele)'
        if (RAW_VALIDATOR_WORDING.test(issue.message)) bad.add(`${where}: ${issue.message}`)
        // A number out of range is told its bound, not that it is not a number ("Mængden skal være et tal").
        if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'number' && !/\d|negativ|over|under|mellem|højst|mindst/.test(issue.message)) {
          bad.add(`${where} (${issue.code}): ${issue.message}`)
        }
        const key = [...issue.path].reverse().find((p): p is string => typeof p === 'string')
        if (key !== undefined && !(key in FIELD_LABELS)) bad.add(`${where}: no Danish label for "${key}"`)
        // The adjective after the field's name agrees with it ("Antallet kan ikke være negativt").
        const label = key !== undefined ? FIELD_LABELS[key] : undefined
        const adjective = /^(?:kan ikke være|er ikke|er for) (negativ|gyldig|sen|tidlig)(t|e)?\.$/.exec(label !== undefined && issue.message.startsWith(`${label} `) ? issue.message.slice(label.length + 1) : '')
        if (adjective && (adjective[2] ?? '') !== ending[FIELD_GENDERS[key as string] ?? 'common']) bad.add(`${where}: "${issue.message}" does not agree with "${label}"`)
      }
    }
    expect([...bad].sort()).toEqual([])
  })

  it('makes the adjective agree with a neuter, a plural and a common name', () => {
    const schema = z.object({ count: z.number().min(0), hours: z.number().min(0), capacity: z.number().min(0), name: z.string().refine(() => false) })
    const messages = schema.safeParse({ count: -1, hours: -2, capacity: -3, name: 'x' }).error?.issues.map((issue) => issue.message)
    expect(messages).toEqual(['Antallet kan ikke være negativt.', 'Timerne kan ikke være negative.', 'Kapaciteten kan ikke være negativ.', 'Navnet er ikke gyldigt.'])
    const dates = z.object({ birthYear: z.date().min(new Date('2000-01-01')), startOn: z.date().max(new Date('2000-01-01')) })
    expect(dates.safeParse({ birthYear: new Date('1990-01-01'), startOn: new Date('2010-01-01') }).error?.issues.map((issue) => issue.message)).toEqual([
      'Fødselsåret er for tidligt.',
      'Startdatoen er for sen.',
    ])
  })

  it('gives each name the gender its definite ending shows', () => {
    // "Antallet", "Kvartalet": neuter; "Timerne", "Målene": plural. A genitive name goes by its last word
    // ("Den unges egne ord": plural).
    const wrong = Object.entries(FIELD_LABELS).flatMap(([key, label]) => {
      const words = label.replace(/^(?:Den|En) /, '').split(' ')
      const head = (words[0]!.endsWith('s') && words.length > 1 ? words.at(-1) : words[0])!.toLowerCase()
      const gender = FIELD_GENDERS[key] ?? 'common'
      if (head.endsWith('ne') && gender !== 'plural') return [`${key}: "${label}" is plural`]
      if (head.endsWith('et') && gender !== 'neuter') return [`${key}: "${label}" is neuter`]
      if (head.endsWith('en') && gender !== 'common') return [`${key}: "${label}" is common`]
      return []
    })
    expect(wrong).toEqual([])
  })

  it('leaves the name of the field out of a message shown under the field, and nothing else', () => {
    expect(withoutFieldName('Antallet kan ikke være negativt.', ['count'])).toBe('Kan ikke være negativt.')
    expect(withoutFieldName('Navnet mangler.', ['participants', 0, 'name'])).toBe('Mangler.')
    expect(withoutFieldName('Teksten må højst være 200 tegn.', 'content.goals.0.text'.split('.'))).toBe('Må højst være 200 tegn.')
    // Another field's name, or a message of the form's own, stays whole.
    expect(withoutFieldName('Slutdatoen skal ligge efter startdatoen.', ['startOn'])).toBe('Slutdatoen skal ligge efter startdatoen.')
    expect(withoutFieldName('Vælg en aktivitet.', ['activityId'])).toBe('Vælg en aktivitet.')
    expect(withoutFieldName('Datoen 3. marts er lukket.', ['on'])).toBe('Datoen 3. marts er lukket.')
  })

  it('turns a long organisation name into the message a user understands', () => {
    const schema = z.object({ organisation: z.string().max(200) })
    expect(schema.safeParse({ organisation: 'x'.repeat(201) }).error?.issues[0]?.message).toBe('Organisation må højst være 200 tegn.')
  })
})
