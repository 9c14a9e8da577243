import fs from 'node:fs'
import path from 'node:path'
import type { AgreementFile } from '../../../shared/agreements.ts'
import { formatProblem, parseAgreementFile } from './agreement-file.ts'
import { SEED_AGREEMENTS_DIR } from './agreements.seed.ts'

/** The shipped seed agreements, parsed (for tests and benchmarks). */
export function readSeedAgreement(name: 'soenderborg-beskaeftigelse' | 'varde-beskaeftigelse'): { source: string; file: AgreementFile } {
  const source = fs.readFileSync(path.join(SEED_AGREEMENTS_DIR, `${name}.yaml`), 'utf8')
  const parsed = parseAgreementFile(source)
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => formatProblem(p, name)).join('\n'))
  return { source, file: parsed.file }
}
