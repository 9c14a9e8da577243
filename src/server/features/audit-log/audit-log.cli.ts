import { type Command, InvalidArgumentError, Option } from 'commander'
import { type AuditEntryDto, type AuditLogFilter as Filter, AuditLogFilter, auditActions, auditEntities } from '../../../shared/audit-log.ts'
import { formatCount, formatDateTimeWithSeconds } from '../../../shared/lib/format.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { systemAuthority } from '../../lib/authorize.ts'
import { withApp } from '../../lib/command-line.ts'
import { AppError } from '../../lib/errors.ts'
import { listPlansForCli } from '../plans/plans.service.ts'
import { findUserIdByEmail } from '../users/users.service.ts'
import { auditCsv, auditEntries } from './audit-log.service.ts'

// npx indsats audit: the same questions as the audit page ("who saw D-0002?", "what did this user
// do last week?"), with the same names and labels, as a table, CSV or JSON. Reading the log from the
// command line is itself logged, as a read by the CLI.

interface Options {
  participant?: string
  plan?: string
  user?: string
  entity?: string
  action?: string
  from?: string
  to?: string
  format: 'table' | 'csv' | 'json'
  limit?: number
}

function parseLimit(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Skriv et helt tal større end 0.')
  return n
}

function out(text: string): void {
  process.stdout.write(text)
}

function tableLine(e: AuditEntryDto): string {
  const what = [e.entityLabel, e.entityName ? `: ${e.entityName}` : '', e.listed !== null && e.entityName === null ? ` (viste ${e.listed})` : ''].join('')
  return [formatDateTimeWithSeconds(e.at), e.actor, `${e.actionLabel}${e.refused ? ' (afvist)' : ''}`, what, e.planName ?? ''].join('\t')
}

export function registerAuditCommands(program: Command): void {
  program
    .command('audit')
    .description('Revisionssporet: hvem har set eller ændret hvad og hvornår, filtreret; nyeste først')
    .option('--participant <pseudonym>', 'en deltagers pseudonym (fx D-0002) eller id; lister, der viste deltageren, kommer med')
    .option('--plan <plan>', 'helhedsplan: id, navn eller kommune')
    .option('--user <e-mail>', 'brugeren, der handlede: e-mail eller id')
    .addOption(new Option('--entity <hvad>', 'hvad hændelsen handler om').choices(auditEntities))
    .addOption(new Option('--action <handling>', 'handlingen').choices(auditActions))
    .option('--from <dato>', 'fra og med dag (ÅÅÅÅ-MM-DD)')
    .option('--to <dato>', 'til og med dag (ÅÅÅÅ-MM-DD)')
    .addOption(new Option('--format <format>', 'udskrift').choices(['table', 'csv', 'json']).default('table'))
    .option('--limit <antal>', 'højst så mange hændelser (standard: 100 i en tabel, alle i csv og json)', parseLimit)
    .action(async (opts: Options) => {
      await withApp(async ({ ctx }) => {
        let planId: string | undefined
        if (opts.plan) {
          const wanted = opts.plan.toLowerCase()
          const plans = (await listPlansForCli(ctx)).filter((p) => [p.id, p.name.toLowerCase(), p.municipality.toLowerCase()].includes(wanted))
          if (plans.length !== 1) throw new AppError('validation', `Planen "${opts.plan}" ${plans.length ? 'er tvetydig' : 'findes ikke'}.`)
          planId = plans[0]!.id
        }
        const userId = opts.user ? (opts.user.includes('@') ? await findUserIdByEmail(ctx, opts.user) : opts.user) : undefined
        const filter: Filter = AuditLogFilter.parse({ participant: opts.participant, planId, userId, entity: opts.entity, action: opts.action, from: opts.from, to: opts.to })
        const cli = systemAuthority('cli')
        await writeAudit(ctx.db, { actor: { label: 'cli' }, action: 'read', entity: 'audit-log', details: { filter, format: opts.format } })

        if (opts.format === 'csv' && opts.limit === undefined) {
          for await (const chunk of auditCsv(ctx, cli, filter)) out(String(chunk))
          return
        }
        const limit = opts.limit ?? (opts.format === 'table' ? 100 : Number.POSITIVE_INFINITY)
        const entries: AuditEntryDto[] = []
        let more = false
        for await (const entry of auditEntries(ctx, cli, filter)) {
          if (entries.length >= limit) {
            more = true
            break
          }
          entries.push(entry)
        }
        if (opts.format === 'json') return out(`${JSON.stringify(entries, null, 2)}\n`)
        if (opts.format === 'csv') {
          // A limited CSV: the same columns as the full export, just fewer rows.
          const csv = auditCsv(ctx, cli, filter)
          let lines = 0
          for await (const chunk of csv) {
            out(String(chunk))
            if (++lines > entries.length) break
          }
          csv.destroy()
          return
        }
        for (const entry of entries) out(`${tableLine(entry)}\n`)
        out(`${formatCount(entries.length, 'hændelse', 'hændelser')}${more ? ' (der er flere: brug --limit eller filtre)' : ''}.\n`)
      })
    })
}
