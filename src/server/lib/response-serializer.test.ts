import fc from 'fast-check'
import { serializerCompiler } from 'fastify-type-provider-zod'
import { describe, expect, it } from 'vitest'
import { PlanList } from '../../shared/plans.ts'
import { responseSerializerCompiler, shapeCopier } from './response-serializer.ts'
import { defOf, sharedSchemas, type Schema } from '../../../tests/support/shared-schemas.ts'

// The copying serializer must write exactly what zod's would, and refuse exactly what zod refuses
// (with zod's own error): every schema the shared modules export is given generated answers that
// mostly fit, now and then with a value of the wrong kind, a field too many or too few, or the
// fields in another order, and both serializers must give the same bytes or both refuse.


const misfit = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.string({ maxLength: 3 }), fc.constant(Number.NaN), fc.constant([]), fc.constant({}), fc.constant(new Date(Number.NaN)))

/** Answers for `schema`: mostly fitting, sometimes not, anywhere in the answer. */
function answers(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const fitting = fittingAnswers(schema, depth)
  return fc.oneof({ arbitrary: fitting, weight: 30 }, { arbitrary: misfit, weight: 1 })
}

function fittingAnswers(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  if (depth > 6) return misfit
  switch (def.type) {
    case 'string': {
      const { format, maximum } = schema._zod.bag as { format?: string; maximum?: number }
      const samples = ['', 'x', ' tekst med mellemrum ', 'a@b.dk', '2024-05-01', '2024-05-01T10:00:00.000Z', '2024-Q2', '10:30', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 'æøå']
      return fc.oneof(
        format === 'uuid' || format === 'guid' ? fc.uuid() : fc.string({ maxLength: 8 }),
        fc.constantFrom(...samples),
        ...(maximum !== undefined ? [fc.constant('x'.repeat(maximum)), fc.constant('x'.repeat(maximum + 1))] : []),
      )
    }
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.double({ min: -10, max: 10 }), fc.constantFrom(0, -0, 2 ** 53, Number.POSITIVE_INFINITY))
    case 'boolean':
      return fc.boolean()
    case 'date':
      return fc.date()
    case 'null':
      return fc.constant(null)
    case 'enum':
    case 'literal':
      return fc.constantFrom(...[...(schema._zod.values ?? [undefined])])
    case 'optional':
      return fc.option(answers(def.innerType as Schema, depth + 1), { nil: undefined, freq: 3 })
    case 'nullable':
      return fc.option(answers(def.innerType as Schema, depth + 1), { nil: null, freq: 3 })
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'prefault':
      return answers(def.innerType as Schema, depth + 1)
    case 'pipe':
      return fc.oneof(answers(def.in as Schema, depth + 1), answers(def.out as Schema, depth + 1))
    case 'array':
      return fc.array(answers(def.element as Schema, depth + 1), { maxLength: 3 })
    case 'record':
      return fc.dictionary(fc.constantFrom('a', 'b', '7c9e6679-7425-40de-944b-e07fc1f90ae7'), answers(def.valueType as Schema, depth + 1), { maxKeys: 2 })
    case 'union':
      return fc.oneof(...(def.options as Schema[]).map((o) => answers(o, depth + 1)))
    case 'object': {
      const shape = def.shape as Record<string, Schema>
      const model = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, answers(v, depth + 1)]))
      return fc
        .tuple(fc.record(model), fc.nat({ max: 9 }), fc.constantFrom(...Object.keys(shape), 'extra', '__proto__'), fc.anything({ maxDepth: 1 }))
        .map(([value, how, key, extra]) => {
          const out = { ...value } as Record<string, unknown>
          if (how === 0) delete out[key] // a field too few
          if (how === 1) Object.defineProperty(out, key === '__proto__' ? 'extra' : key, { value: extra, enumerable: true, configurable: true, writable: true }) // one too many, or changed
          if (how === 2) return Object.fromEntries(Object.entries(out).reverse()) // another order
          return out
        })
    }
    default:
      return fc.anything({ maxDepth: 2 })
  }
}

const route = (schema: Schema) => ({ schema, method: 'GET', url: '/test', httpStatus: '200' }) as Parameters<typeof responseSerializerCompiler>[0]

function outcome(serialize: (data: unknown) => string, data: unknown): string {
  try {
    return serialize(data)
  } catch (error) {
    return `refused: ${(error as Error).name} ${(error as Error).message}`
  }
}

describe('the response serializer', async () => {
  const exported = new Map<string, Schema>()
  for (const { file, name, schema } of await sharedSchemas()) exported.set(`${file} ${name}`, schema)

  it('copies the answers of most schemas itself, the plan list among them', () => {
    expect(shapeCopier(PlanList)).not.toBeNull()
    const copied = [...exported.values()].filter((s) => shapeCopier(s) !== null).length
    expect(copied / exported.size).toBeGreaterThan(0.5)
  })

  it('writes what zod writes, and refuses what zod refuses, for every shared schema', () => {
    for (const [name, schema] of exported) {
      const ours = responseSerializerCompiler(route(schema))
      const zods = serializerCompiler(route(schema) as Parameters<typeof serializerCompiler>[0])
      fc.assert(
        fc.property(answers(schema), (data) => {
          expect(outcome(ours, data), name).toBe(outcome(zods, data))
        }),
        { numRuns: 60, seed: 43 },
      )
    }
  })

  it('leaves out a field the schema does not have, and refuses a value of the wrong kind as zod does', () => {
    const serialize = responseSerializerCompiler(route(PlanList))
    const plan = { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', name: 'Plan', municipality: 'Sønderborg' }
    expect(serialize({ plans: [{ municipality: plan.municipality, secret: 'x', name: plan.name, id: plan.id }] })).toBe(JSON.stringify({ plans: [plan] }))
    expect(() => serialize({ plans: [{ ...plan, id: 'ikke et id' }] })).toThrow(/Response doesn't match the schema/)
    expect(() => serialize({ plans: [{ ...plan, name: 42 }] })).toThrow(/Response doesn't match the schema/)
  })
})
