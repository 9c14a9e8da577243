import type { Command } from 'commander'
import { formatNumber } from '../../../shared/lib/format.ts'
import { cli, withApp } from '../../lib/command-line.ts'
import { previewThenCommit, uploadFromFile } from '../imports/import-command.ts'
import { findPlanForCli } from '../plans/plans.service.ts'
import { commitCompanyImport, previewCompanyImport } from './companies.service.ts'

// Companies at the command line: a list of companies from a CSV or Excel file into a plan, through
// the same reader and the same two steps as the web import (decision 011): every problem printed by
// row and column and nothing saved, or every company saved at once.

/** indsats companies import <plan> <fil> */
export function registerCompanyCommands(program: Command): void {
  const companies = program.command('companies').description('Virksomheder i en helhedsplan')

  companies
    .command('import')
    .description('Indlæs en liste over virksomheder fra en CSV- eller Excel-fil (alt eller intet); dubletter og ugyldige CVR-numre afvises')
    .argument('<plan>', 'planen virksomhederne hører til: id, navn eller kommune')
    .argument('<fil>', '.csv (semikolon; UTF-8 eller Windows-1252) eller .xlsx med mindst kolonnerne CVR-nummer og navn (se docs/company-import-format.md)')
    .option('--dry-run', 'læs og kontrollér filen, men gem intet')
    .action(async (wanted: string, file: string, opts: { dryRun?: boolean }) => {
      const upload = uploadFromFile(file)
      await withApp(async ({ ctx }) => {
        const plan = await findPlanForCli(ctx, wanted)
        await previewThenCommit({
          name: file,
          preview: () => previewCompanyImport(ctx, cli, plan.id, upload),
          describe: (preview) => [`${file}: ${formatNumber(preview.rowCount)} virksomheder (${preview.format}) til ${plan.name} (${plan.municipality}).`],
          dryRun: opts.dryRun,
          commit: async (preview) => `Gemt: ${formatNumber((await commitCompanyImport(ctx, cli, plan.id, preview.importId)).created)} virksomheder.`,
        })
      })
    })
}
