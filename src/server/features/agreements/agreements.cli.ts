import fs from 'node:fs'
import { type Command, InvalidArgumentError } from 'commander'
import { z } from 'zod'
import { type AgreementFile, type AgreementWarning, ExportFormat } from '../../../shared/agreements.ts'
import { formatNumber } from '../../../shared/lib/format.ts'
import { cli, print, printAs, printProblem, readUserFile, userPath, withApp } from '../../lib/command-line.ts'
import { AppError } from '../../lib/errors.ts'
import { exportAgreement } from './agreement-export.ts'
import { formatProblem, parseAgreementFile } from './agreement-file.ts'
import { agreementFile, importAgreementFile, listAgreementsForCli } from './agreements.service.ts'

/** An agreement id given as an option or argument, or a Danish error pointing at the list. */
export function requireAgreementId(id: string): string {
  if (!z.uuid().safeParse(id).success) throw new AppError('validation', `"${id}" er ikke et delaftale-id. Se "indsats agreement list".`)
  return id
}

/** Reads and validates an agreement file, printing every problem with its line and column. */
function readAgreementFile(file: string): AgreementFile {
  const source = readUserFile(file).toString('utf8')
  const parsed = parseAgreementFile(source)
  if (!parsed.ok) {
    for (const problem of parsed.problems) printProblem(formatProblem(problem, file))
    throw new AppError('validation', `${file} har ${parsed.problems.length} fejl. Intet er gemt.`)
  }
  return parsed.file
}

function printWarnings(warnings: AgreementWarning[]): void {
  if (warnings.length === 0) return print('Ingen advarsler.')
  print(`${warnings.length} ${warnings.length === 1 ? 'advarsel' : 'advarsler'} (gemt alligevel; ret dem i en ny revision):`)
  for (const w of warnings) print(`  ! ${w.message}${w.path ? ` (${w.path})` : ''}`)
}

/** indsats agreement check | import | export | list */
export function registerAgreementCommands(program: Command): void {
  const agreement = program.command('agreement').description('Delaftaler: kontrollér, importér, eksportér, vis')

  agreement
    .command('check')
    .description('Kontrollér en delaftalefil uden at gemme noget')
    .argument('<fil>', 'YAML- eller JSON-fil i delaftaleformatet (docs/agreement-format.md)')
    .action(async (file: string) => {
      const parsed = readAgreementFile(file)
      print(`${file}: gyldig (formatVersion ${parsed.formatVersion}), ${parsed.agreement.goals.length} delmål, ${parsed.agreement.activities.length} aktiviteter.`)
    })

  agreement
    .command('import')
    .description('Importér en delaftalefil: ny delaftale, ny revision, eller intet hvis indholdet er uændret')
    .argument('<fil>', 'YAML- eller JSON-fil i delaftaleformatet (docs/agreement-format.md)')
    .action(async (file: string) => {
      const parsed = readAgreementFile(file)
      await withApp(async ({ ctx }) => {
        const result = await importAgreementFile(ctx, cli, parsed, 'import')
        const what = {
          created: `Oprettet: delaftalen "${parsed.agreement.title}" for ${result.municipality} (revision 1).`,
          revised: `Ny revision ${result.revisionNumber} af "${parsed.agreement.title}" for ${result.municipality}.`,
          unchanged: `Uændret: indholdet er det samme som revision ${result.revisionNumber}. Intet er gemt.`,
        }[result.outcome]
        print(what)
        print(`Delaftale-id: ${result.agreementId}`)
        printWarnings(result.warnings)
      })
    })

  agreement
    .command('export')
    .description('Skriv en delaftale til en fil som YAML, JSON, Word eller PDF')
    .argument('<id>', 'delaftalens id (se "indsats agreement list")')
    .requiredOption('--format <format>', 'yaml | json | docx | pdf', (v: string) => {
      const f = ExportFormat.safeParse(v)
      if (!f.success) throw new InvalidArgumentError('Vælg yaml, json, docx eller pdf.')
      return f.data
    })
    .requiredOption('--out <fil>', 'filen, der skal skrives')
    .option('--revision <nummer>', 'en bestemt revision (ellers den nyeste)', (v: string) => {
      const n = Number(v)
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Revisionen skal være et positivt heltal.')
      return n
    })
    .action(async (id: string, opts: { format: ExportFormat; out: string; revision?: number }) => {
      requireAgreementId(id)
      await withApp(async ({ ctx }) => {
        const found = await agreementFile(ctx, cli, id, opts.revision)
        const exported = await exportAgreement({ ...found, generatedAt: ctx.now() }, opts.format)
        fs.writeFileSync(userPath(opts.out), exported.body)
        print(`Skrevet: ${opts.out} (${opts.format}, revision ${found.revisionNumber}, ${formatNumber(exported.body.length)} byte).`)
      })
    })

  agreement
    .command('list')
    .description('Vis alle delaftaler med plan, kommune, indsatsområde og periode')
    .option('--format <format>', 'text | json', 'text')
    .action(async (opts: { format: string }) => {
      await withApp(async ({ ctx }) => {
        const list = await listAgreementsForCli(ctx)
        printAs(opts.format, list, () => {
          for (const a of list) print(`${a.id}\t${a.municipality}\t${a.plan}\t${a.effortArea}\t${a.validFrom} – ${a.validTo}\trevision ${a.revision}`)
          print(`${list.length} delaftaler.`)
        })
      })
    })
}
