import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

// types.ts is generated from the migrated schema by kysely-codegen; a test runs `--verify` so the
// types can never drift from the tables.

export const TYPES_FILE = path.resolve('src/server/db/types.ts')

export async function runCodegen(url: string, mode: 'write' | 'verify'): Promise<{ ok: boolean; output: string }> {
  const args = [
    path.resolve('node_modules/kysely-codegen/dist/cli/bin.js'),
    '--dialect=postgres',
    `--url=${url}`,
    `--out-file=${TYPES_FILE}`,
    '--date-parser=string',
    '--numeric-parser=string',
    '--type-mapping={"int8":"number"}',
    '--exclude-pattern=kysely_*',
    '--log-level=error',
    ...(mode === 'verify' ? ['--verify'] : []),
  ]
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args)
    return { ok: true, output: stdout + stderr }
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string }
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}
