import type { FastifySerializerCompiler } from 'fastify/types/schema.js'
import { serializerCompiler } from 'fastify-type-provider-zod'

/**
 * A route's serializer for large answers its service builds in the response schema's own shape (the
 * same fields, in the same order, typed by the schema): the 200 answer is written with
 * JSON.stringify, without zod checking and copying the whole object again on every read, which cost
 * the dashboard a tenth of its CPU (decision 039). Other statuses go through zod as everywhere. A
 * test parses each such answer with its schema and expects the same bytes, so a field added to the
 * service but not to the schema fails there instead of being sent unchecked.
 */
export const schemaShapedResponse: FastifySerializerCompiler<unknown> = (route) => {
  if (String(route.httpStatus) === '200') return (data) => JSON.stringify(data)
  return serializerCompiler(route as Parameters<typeof serializerCompiler>[0])
}
