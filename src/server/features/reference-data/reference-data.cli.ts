import type { Command } from 'commander'
import { formatDay } from '../../../shared/lib/format.ts'
import { FundingPeriodCreate, TargetGroupCodeCreate, TargetGroupCodeUpdate } from '../../../shared/reference-data.ts'
import { cli, print, withApp } from '../../lib/command-line.ts'
import { AppError } from '../../lib/errors.ts'
import { addFundingPeriod, addTargetGroupCode, referenceData, updateTargetGroupCode } from './reference-data.service.ts'

// npx indsats reference: the same maintenance of target-group codes and funding periods as the
// administrator's page, for an operator at the server (decision 021).

const period = (from: string, to: string | null) => (to === null ? `fra ${formatDay(from)}` : `${formatDay(from)} – ${formatDay(to)}`)

function parsed<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown): T {
  const result = schema.safeParse(value)
  if (!result.success) throw new AppError('validation', result.error.issues.map((i) => i.message).join(' '))
  return result.data
}

/** indsats reference list | target-group add|update | funding-period add */
export function registerReferenceDataCommands(program: Command): void {
  const reference = program.command('reference').description('Referencedata: målgruppekoder, prioriteringsperioder og indsatsområder')

  reference
    .command('list')
    .description('Vis målgruppekoder med gyldighed, og prioriteringsperioder med indsatsområder')
    .action(async () => {
      await withApp(async ({ ctx }) => {
        const data = await referenceData(ctx, cli)
        print('Målgrupper:')
        for (const c of data.targetGroups) print(`  ${c.code}\t${c.label}\t${period(c.validFrom, c.validTo)}`)
        print('Prioriteringsperioder:')
        for (const p of data.fundingPeriods) {
          print(`  ${p.code}\t${p.name}\t${period(p.startsOn, p.endsOn)}`)
          for (const a of p.effortAreas) print(`    ${a.code}\t${a.name}`)
        }
      })
    })

  const targetGroup = reference.command('target-group').description('Målgruppekoder (§ 6)')
  targetGroup
    .command('add')
    .description('Tilføj en kode, eller en ny version af en kode fra en senere dato')
    .requiredOption('--code <kode>', 'fx 6.2')
    .requiredOption('--label <betegnelse>', 'fx "Jobparat kontanthjælpsmodtager"')
    .requiredOption('--from <dato>', 'gælder fra, åååå-mm-dd')
    .option('--to <dato>', 'gælder til og med, åååå-mm-dd')
    .option('--note <note>', 'fx hvilken lov der ændrede koden')
    .action(async (opts: { code: string; label: string; from: string; to?: string; note?: string }) => {
      await withApp(async ({ ctx }) => {
        const input = parsed(TargetGroupCodeCreate, { code: opts.code, label: opts.label, validFrom: opts.from, validTo: opts.to ?? null, note: opts.note ?? null })
        const added = await addTargetGroupCode(ctx, cli, input)
        print(`Målgruppe ${added.code} "${added.label}" gælder ${period(added.validFrom, added.validTo)}.`)
      })
    })
  targetGroup
    .command('update')
    .description('Ret betegnelsen for en version, eller afslut den (--to)')
    .requiredOption('--code <kode>', 'fx 6.2')
    .requiredOption('--from <dato>', 'versionens startdato, åååå-mm-dd')
    .option('--label <betegnelse>', 'ny betegnelse')
    .option('--to <dato>', 'sidste dag, versionen gælder; "ingen" for ingen slutdato')
    .option('--note <note>', 'ny note')
    .action(async (opts: { code: string; from: string; label?: string; to?: string; note?: string }) => {
      await withApp(async ({ ctx }) => {
        const current = (await referenceData(ctx, cli)).targetGroups.find((c) => c.code === opts.code && c.validFrom === opts.from)
        if (!current) throw new AppError('not_found', `Målgruppe ${opts.code} har ingen version fra ${opts.from}.`)
        const change = parsed(TargetGroupCodeUpdate, {
          label: opts.label ?? current.label,
          validTo: opts.to === undefined ? current.validTo : opts.to === 'ingen' ? null : opts.to,
          note: opts.note ?? current.note,
        })
        const updated = await updateTargetGroupCode(ctx, cli, opts.code, opts.from, change)
        print(`Målgruppe ${updated.code} "${updated.label}" gælder ${period(updated.validFrom, updated.validTo)}.`)
      })
    })

  reference
    .command('funding-period')
    .description('Prioriteringsperioder')
    .command('add')
    .description('Tilføj en prioriteringsperiode med dens indsatsområder')
    .requiredOption('--code <kode>', 'fx 2027-30')
    .requiredOption('--name <navn>', 'fx "Landsbyggefondens boligsociale midler 2027-2030"')
    .requiredOption('--starts <dato>', 'første dag, åååå-mm-dd')
    .requiredOption('--ends <dato>', 'sidste dag, åååå-mm-dd')
    .requiredOption('--area <kode=navn...>', 'indsatsområde(r) i rækkefølge, fx beskaeftigelse=Beskæftigelse')
    .action(async (opts: { code: string; name: string; starts: string; ends: string; area: string[] }) => {
      await withApp(async ({ ctx }) => {
        const effortAreas = opts.area.map((a) => {
          const at = a.indexOf('=')
          if (at < 1) throw new AppError('validation', `Skriv indsatsområdet som kode=navn, fx beskaeftigelse=Beskæftigelse (fik "${a}").`)
          return { code: a.slice(0, at), name: a.slice(at + 1) }
        })
        const input = parsed(FundingPeriodCreate, { code: opts.code, name: opts.name, startsOn: opts.starts, endsOn: opts.ends, effortAreas })
        await addFundingPeriod(ctx, cli, input)
        print(`Prioriteringsperioden ${input.code} er tilføjet med ${input.effortAreas.length} indsatsområder.`)
      })
    })
}
