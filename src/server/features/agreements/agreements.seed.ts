import fs from 'node:fs'
import path from 'node:path'
import { systemAuthority } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import * as repo from './agreements.repo.ts'
import { importAgreementFile } from './agreements.service.ts'

// The two real agreements that ship with Indsats (seed/agreements/, transcribed from the plans'
// delaftaler). Each is loaded once: an agreement that already exists is never touched again, so a
// restart cannot undo what users have since revised.

export const SEED_AGREEMENTS_DIR = path.resolve('seed/agreements')

export async function seedAgreements(ctx: AppContext, dir = SEED_AGREEMENTS_DIR): Promise<number> {
  if (!fs.existsSync(dir)) return 0
  let loaded = 0
  const files = fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()
  // Every seed already loaded (the usual restart): nothing to read, and the YAML reader stays unloaded.
  if ((await repo.countSeededAgreements(ctx.db)) >= files.length) return 0
  const { formatProblem, parseAgreementFile } = await import('./agreement-file.ts')
  for (const name of files) {
    const source = fs.readFileSync(path.join(dir, name), 'utf8')
    const parsed = parseAgreementFile(source)
    if (!parsed.ok) throw new Error(`Seed agreement ${name} is invalid:\n${parsed.problems.map((p) => formatProblem(p, name)).join('\n')}`)
    const { plan, agreement } = parsed.file
    const planRow = await ctx.db.selectFrom('plan').select('id').where('name', '=', plan.name).where('municipality', '=', plan.municipality).executeTakeFirst()
    if (planRow && (await repo.findAgreementByKey(ctx.db, planRow.id, agreement.key))) continue
    await importAgreementFile(ctx, systemAuthority('system'), parsed.file, 'seed')
    loaded++
  }
  return loaded
}
