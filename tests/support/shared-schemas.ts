// The zod schemas the shared modules export, for tests that hold every contract to a rule
// (validation messages, the response serializer).
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

export type Schema = z.core.$ZodType
export type Def = Record<string, unknown> & { type: string }
export const defOf = (s: Schema) => s._zod.def as unknown as Def

const sharedDir = path.resolve(import.meta.dirname, '../../src/shared')

/** Every schema exported by a module of `src/shared`, with its module's file name and its export name. */
export async function sharedSchemas(): Promise<{ file: string; name: string; schema: z.ZodType }[]> {
  const found: { file: string; name: string; schema: z.ZodType }[] = []
  const files = fs.readdirSync(sharedDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  for (const file of files) {
    const module = (await import(path.join(sharedDir, file))) as Record<string, unknown>
    for (const [name, value] of Object.entries(module)) if (value instanceof z.ZodType) found.push({ file, name, schema: value })
  }
  return found
}
