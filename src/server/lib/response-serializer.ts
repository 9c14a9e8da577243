import type { FastifySerializerCompiler } from 'fastify/types/schema.js'
import { serializerCompiler } from 'fastify-type-provider-zod'
import { z } from 'zod'

// Every answer leaves through its route's zod response schema (nothing else leaves), and it still
// does, in fewer steps (decision 043): from the schema, worked out once per route, a function that
// copies the answer field by field into a new object of the schema's own shape — the schema's
// fields in its order, nothing else — checking each value's type on the way, then JSON.stringify.
// Per request, that is a fraction of what zod's encode costs. Whatever it cannot decide alone goes
// to zod: a value with checks (a uuid, an e-mail, a whole number, a length) is checked by its own
// schema; a part of a schema with anything else (transforms, defaults, pipes, records, tuples…) makes
// the route use zod as before; and an answer that does not fit is given to zod, which refuses it
// with the same error as always. A test holds the two to the same bytes on generated answers.

type Schema = z.core.$ZodType
type Def = z.core.$ZodTypeDef & Record<string, unknown>

/** Returned by a copier for a value that does not fit its schema. */
const MISFIT: unique symbol = Symbol('misfit')
type Copier = (value: unknown) => unknown

/** The copier of `schema`, or null when a part of it needs zod itself. */
export function shapeCopier(schema: Schema): Copier | null {
  const def = schema._zod.def as Def
  // Checks of its own: added ones (`.max()`, `.refine()`) or the schema's kind (`z.uuid()`, `z.int()`).
  const checks = ((def.checks as unknown[] | undefined)?.length ?? 0) + (typeof (schema._zod as { check?: unknown }).check === 'function' ? 1 : 0)
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'date':
    case 'null':
    case 'enum':
    case 'literal': {
      const plain = def.coerce ? null : plainLeaf(schema, def)
      if (!plain) return null
      if (checks === 0) return plain
      const pattern = formatPattern(def)
      if (pattern) {
        return (value) => {
          if (typeof value !== 'string') return MISFIT
          pattern.lastIndex = 0
          return pattern.test(value) ? value : MISFIT
        }
      }
      // The value's own schema runs its checks (and gives what they make of it, e.g. trimmed).
      return (value) => {
        if (plain(value) === MISFIT) return MISFIT
        const result = z.safeEncode(schema, value as never)
        return result.success ? result.data : MISFIT
      }
    }
    case 'unknown':
    case 'any':
      return checks === 0 ? (value) => value : null
    case 'optional': {
      const inner = shapeCopier(def.innerType as Schema)
      return inner && checks === 0 ? (value) => (value === undefined ? undefined : inner(value)) : null
    }
    case 'nullable': {
      const inner = shapeCopier(def.innerType as Schema)
      return inner && checks === 0 ? (value) => (value === null ? null : inner(value)) : null
    }
    case 'array': {
      const element = shapeCopier(def.element as Schema)
      if (!element || checks !== 0) return null
      return (value) => {
        if (!Array.isArray(value)) return MISFIT
        const out: unknown[] = new Array(value.length)
        for (let i = 0; i < value.length; i++) {
          const item = element(value[i])
          if (item === MISFIT) return MISFIT
          out[i] = item
        }
        return out
      }
    }
    case 'object':
      return checks === 0 && def.catchall === undefined ? objectCopier(def.shape as Record<string, Schema>) : null
    case 'union': {
      const options = (def.options as Schema[]).map(shapeCopier)
      if (checks !== 0 || options.some((o) => o === null)) return null
      const copiers = options as Copier[]
      // As zod: the first option the value fits.
      return (value) => {
        for (const option of copiers) {
          const out = option(value)
          if (out !== MISFIT) return out
        }
        return MISFIT
      }
    }
    default:
      return null
  }
}

/** Text formats whose whole check is their pattern (zod's $ZodStringFormat): a uuid, a day, an e-mail address. */
const PATTERN_FORMATS = new Set(['uuid', 'guid', 'email', 'date', 'datetime', 'time'])

/** The pattern a text format is checked against, when that is all its schema checks. */
function formatPattern(def: Def): RegExp | null {
  if (def.type !== 'string' || (def.checks as unknown[] | undefined)?.length || !PATTERN_FORMATS.has(def.format as string)) return null
  return def.pattern instanceof RegExp ? def.pattern : null
}

/** A leaf's type test, without its checks. */
function plainLeaf(schema: Schema, def: Def): Copier | null {
  switch (def.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : MISFIT)
    case 'number':
      // zod refuses NaN and the infinities.
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : MISFIT)
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : MISFIT)
    case 'date':
      return (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value : MISFIT)
    case 'null':
      return (value) => (value === null ? null : MISFIT)
    case 'enum':
    case 'literal': {
      const values = schema._zod.values
      return values ? (value) => (values.has(value as never) ? value : MISFIT) : null
    }
    default:
      return null
  }
}

function objectCopier(shape: Record<string, Schema>): Copier | null {
  const fields: { key: string; copy: Copier; optional: boolean }[] = []
  for (const key of Object.keys(shape)) {
    const field = shape[key]!
    const copy = shapeCopier(field)
    if (!copy) return null
    // zod leaves __proto__ out of what it gives back; so does this (by not having the field).
    if (key === '__proto__') continue
    fields.push({ key, copy, optional: (field._zod.def as Def).type === 'optional' })
  }
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return MISFIT
    const input = value as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const { key, copy, optional } of fields) {
      if (!(key in input)) {
        // An absent optional field stays absent; an absent required one is zod's to refuse.
        if (optional) continue
        return MISFIT
      }
      const v = copy(input[key])
      if (v === MISFIT) return MISFIT
      out[key] = v
    }
    return out
  }
}

/**
 * The app's serializer: each route's zod response schema, through its copier where it has one,
 * through zod otherwise and for every answer the copier finds misfit. Worked out at the route's
 * first answer rather than when the route is added: at start, for every route and status, that was
 * ≈ 20 ms of CPU (profiled), most of it for answers a given run never gives (decision 046).
 */
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  // Made at once (cheap), so that a response schema that is not zod still stops the app at start.
  const throughZod = serializerCompiler(route as Parameters<typeof serializerCompiler>[0])
  let serialize: ((data: unknown) => string) | undefined
  return (data) => (serialize ??= serializerOf(route, throughZod))(data)
}

function serializerOf(route: Parameters<FastifySerializerCompiler<unknown>>[0], throughZod: (data: unknown) => string): (data: unknown) => string {
  const schema = zodSchemaOf(route.schema)
  const copy = schema ? shapeCopier(schema) : null
  if (!copy) return throughZod
  return (data) => {
    const shaped = copy(data)
    return shaped === MISFIT ? throughZod(data) : JSON.stringify(shaped)
  }
}

/** The zod schema of a route's response, as fastify-type-provider-zod finds it. */
function zodSchemaOf(schema: unknown): Schema | null {
  if (schema instanceof z.core.$ZodType) return schema
  const properties = (schema as { properties?: unknown } | null)?.properties
  return properties instanceof z.core.$ZodType ? properties : null
}
