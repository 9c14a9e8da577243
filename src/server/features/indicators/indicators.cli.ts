import type { Command } from 'commander'
import { ComparisonFetch } from '../../../shared/comparison-sources.ts'
import { formatNumber } from '../../../shared/lib/format.ts'
import { periodLabel } from '../../../shared/lib/period.ts'
import { cli, print, printAs, printProblem, withApp } from '../../lib/command-line.ts'
import { AppError } from '../../lib/errors.ts'
import { requireAgreementId } from '../agreements/agreements.cli.ts'
import { previewThenCommit, uploadFromFile } from '../imports/import-command.ts'
import { findPlanForCli } from '../plans/plans.service.ts'
import { parseVariableOptions } from './comparison-fetch.ts'
import { fetchComparisonPreview, findOrganisation } from './comparison-sources.service.ts'
import { commitImport, commitRead, readImport } from './indicators.service.ts'
import { commitTargetGroups, previewTargetGroups } from './target-groups.service.ts'
import { findMapping, listMappings, previewMappedImport } from './value-mappings.service.ts'

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

const saved = (committed: { valueCount: number; unchanged: number }) =>
  `Gemt: ${formatNumber(committed.valueCount)} værdier${committed.unchanged ? ` (${formatNumber(committed.unchanged)} uændrede sprunget over)` : ''}.`

/** indsats values import | import-target-groups | mappings | fetch */
export function registerIndicatorCommands(program: Command): void {
  const values = program.command('values').description('Opfølgning: indikatorernes værdier')

  values
    .command('import')
    .description('Indlæs værdier fra en CSV- eller Excel-fil (alt eller intet), fx fra et jobcenterudtræk')
    .argument('<fil>', '.csv (semikolon, decimalkomma; UTF-8 eller Windows-1252) eller .xlsx')
    .requiredOption('--agreement <id>', 'delaftalens id (se "indsats agreement list")')
    .option('--mapping <id-eller-navn>', 'læs filen som en Beboerdata-tabel med en gemt opsætning (se "indsats values mappings")')
    .option('--dry-run', 'læs og kontrollér filen, men gem intet')
    .action(async (file: string, opts: { agreement: string; mapping?: string; dryRun?: boolean }) => {
      const agreementId = requireAgreementId(opts.agreement)
      const upload = uploadFromFile(file)
      await withApp(async ({ ctx }) => {
        let suppressed = 0
        await previewThenCommit({
          name: file,
          // Read and compared, not staged: the preview is shown here and committed right after.
          preview: async () => {
            if (!opts.mapping) return readImport(ctx, cli, agreementId, upload)
            const mapping = await findMapping(ctx, cli, agreementId, opts.mapping)
            const mapped = await previewMappedImport(ctx, cli, agreementId, mapping.id, upload)
            suppressed = mapped.suppressed
            return mapped.preview
          },
          refuse: (preview) => {
            if (preview.lockedPeriods.length > 0) {
              throw new AppError('conflict', `Filen har værdier for låste perioder (${preview.lockedPeriods.map(periodLabel).join(', ')}). Intet er gemt.`)
            }
          },
          describe: (preview) => [
            `${file}: ${formatNumber(preview.valueCount)} værdier (${preview.format}), heraf ${formatNumber(preview.replacing)} rettelser af eksisterende værdier og ${formatNumber(preview.unchanged)} uændrede.`,
            ...(suppressed > 0 ? [`${formatNumber(suppressed)} skjulte eller tomme celler (".", "-", "x") er sprunget over.`] : []),
          ],
          dryRun: opts.dryRun,
          commit: async (preview) => saved(await ('rows' in preview ? commitRead(ctx, cli, agreementId, upload, preview) : commitImport(ctx, cli, agreementId, preview.importId))),
        })
      })
    })

  values
    .command('import-target-groups')
    .description('Indlæs målgruppetal (antal ledige pr. § 6-kode og afdeling) fra en CSV- eller Excel-fil (alt eller intet)')
    .argument('<fil>', '.csv (semikolon; UTF-8 eller Windows-1252) eller .xlsx med kolonnerne dato, kode, betegnelse, afdeling og antal')
    .requiredOption('--plan <id-eller-kommune>', 'planen tallene hører til: id, navn eller kommune')
    .option('--dry-run', 'læs og kontrollér filen, men gem intet')
    .action(async (file: string, opts: { plan: string; dryRun?: boolean }) => {
      const upload = uploadFromFile(file)
      await withApp(async ({ ctx }) => {
        const plan = await findPlanForCli(ctx, opts.plan)
        await previewThenCommit({
          name: file,
          preview: () => previewTargetGroups(ctx, cli, plan.id, upload),
          describe: (preview) => [
            `${file}: ${formatNumber(preview.rowCount)} målgruppetal (${preview.format}) for ${plan.municipality}, opgjort ${preview.dates.map((d) => periodLabel(d)).join(', ')}.`,
          ],
          dryRun: opts.dryRun,
          commit: async (preview) => {
            const committed = await commitTargetGroups(ctx, cli, plan.id, preview.importId)
            return `Gemt: ${formatNumber(committed.rowCount)} målgruppetal${committed.unchanged ? ` (${formatNumber(committed.unchanged)} uændrede sprunget over)` : ''}.`
          },
        })
      })
    })

  values
    .command('mappings')
    .description('Vis delaftalens gemte opsætninger til Beboerdata-tabeller')
    .requiredOption('--agreement <id>', 'delaftalens id (se "indsats agreement list")')
    .option('--format <format>', 'text eller json', 'text')
    .action(async (opts: { agreement: string; format: string }) => {
      const agreementId = requireAgreementId(opts.agreement)
      await withApp(async ({ ctx }) => {
        const list = await listMappings(ctx, cli, agreementId)
        printAs(opts.format, list, () => {
          for (const m of list) {
            const what = `${m.definition.population === 'area' ? 'område' : 'sammenligning'}, ${m.definition.measure === 'share' ? 'andel' : 'antal'}`
            print(`${m.id}\t${m.name}\t${what}\t${m.definition.rows.map((r) => `"${r.label}" → ${r.indicatorKey}/${r.rowKey}`).join('; ')}`)
          }
          print(`${list.length} opsætninger.`)
        })
      })
    })

  values
    .command('fetch')
    .description('Hent kommunens tal (sammenligning) fra Danmarks Statistik eller Jobindsats til én indikatorrække, og gem dem (alt eller intet)')
    .requiredOption('--agreement <id>', 'delaftalens id (se "indsats agreement list")')
    .requiredOption('--indicator <nøgle>', 'indikatorens nøgle i delaftalen')
    .requiredOption('--row <nøgle>', 'indikatorrækkens nøgle')
    .requiredOption('--source <kilde>', 'statbank (Danmarks Statistik) eller jobindsats')
    .requiredOption('--table <id>', 'tabellen, fx AUK01 (Statistikbanken) eller y60a02 (Jobindsats)')
    .requiredOption('--measure <mål>', 'share (andel i procent) eller count (antal)')
    .option('--unit <enhed>', 'for andele: percent (19,14; standard) eller fraction (0,1914)')
    .option('--var <variabel=værdier>', 'Statistikbanken: en variabel og dens værdikoder, fx OMRÅDE=540 eller Tid=2023K1,2023K2 (gentag for hver variabel)', collect, [])
    .option('--area <kommune>', 'Jobindsats: kommunen, som Jobindsats skriver den, fx Sønderborg')
    .option('--period <perioder>', 'Jobindsats: perioder, fx 2023M04,2023M05 (gentag eller adskil med komma)', collect, [])
    .option('--measure-name <navn>', 'Jobindsats: målingens navn, som kolonnen hedder, fx "Fuldtidspersoner i pct. af befolkningen 16-66 år"')
    .option('--organisation <navn>', 'Jobindsats: organisationen, hvis nøgle bruges (se "indsats source list")')
    .option('--dry-run', 'hent og kontrollér tallene, men gem intet')
    .action(
      async (opts: {
        agreement: string
        indicator: string
        row: string
        source: string
        table: string
        measure: string
        unit?: string
        var: string[]
        area?: string
        period: string[]
        measureName?: string
        organisation?: string
        dryRun?: boolean
      }) => {
        const agreementId = requireAgreementId(opts.agreement)
        const target = { indicatorKey: opts.indicator, rowKey: opts.row, measure: opts.measure, ...(opts.unit ? { unit: opts.unit } : {}) }
        const request = ComparisonFetch.parse(
          opts.source === 'jobindsats'
            ? { source: 'jobindsats', table: opts.table, area: opts.area ?? '', periods: opts.period.flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== ''), measureName: opts.measureName ?? '', ...target }
            : { source: opts.source, table: opts.table, variables: parseVariableOptions(opts.var), ...target },
        )
        if (request.source === 'jobindsats' && !opts.organisation) throw new AppError('validation', 'Angiv organisationen, hvis nøgle til Jobindsats skal bruges: --organisation <navn> (se "indsats source list").')
        await withApp(async ({ ctx }) => {
          const organisationId = request.source === 'jobindsats' ? (await findOrganisation(ctx, cli, opts.organisation as string)).id : undefined
          const preview = await fetchComparisonPreview(ctx, cli, agreementId, request, organisationId ? { organisationId } : {})
          const name = preview.fileName
          for (const w of preview.warnings) printProblem(`${name}: bemærk: ${w.message}`)
          await previewThenCommit({
            name,
            preview: async () => preview,
            // A fetched answer has no spreadsheet rows: its figures are counted in the order the source gave them.
            locate: (p) => (p.row > 0 ? `tal nr. ${p.row}: ` : ''),
            refuse: () => {
              if (preview.lockedPeriods.length > 0) {
                throw new AppError('conflict', `Tallene har værdier for låste perioder (${preview.lockedPeriods.map(periodLabel).join(', ')}). Intet er gemt.`)
              }
            },
            describe: () => [
              `${name}: ${formatNumber(preview.valueCount)} værdier (${preview.format}), heraf ${formatNumber(preview.replacing)} rettelser af eksisterende værdier og ${formatNumber(preview.unchanged)} uændrede.`,
              ...preview.values.map((v) => `  ${periodLabel(v.period)}: ${v.share !== null ? `${formatNumber(v.share)} %` : formatNumber(v.count ?? 0)}`),
            ],
            dryRun: opts.dryRun,
            commit: async () => saved(await commitImport(ctx, cli, agreementId, preview.importId)),
          })
        })
      },
    )
}
