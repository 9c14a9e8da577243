import type { Command } from 'commander'
import { retentionReasonLabels } from '../../../shared/participants.ts'
import { cli, print, withApp } from '../../lib/command-line.ts'
import { listPlansForCli } from '../plans/plans.service.ts'
import { retentionPreview, runRetention } from './privacy.service.ts'

/** indsats participants retention */
export function registerParticipantCommands(program: Command): void {
  const participants = program.command('participants').description('Deltagere: opbevaring og anonymisering')

  participants
    .command('retention')
    .description('Anonymisér de deltagere, hvis opbevaringstid er udløbet efter helhedsplanens regel (sker også automatisk hver dag)')
    .option('--dry-run', 'vis kun, hvem der skal anonymiseres, og hvornår de næste falder for reglen')
    .action(async (opts: { dryRun?: boolean }) => {
      await withApp(async ({ ctx }) => {
        if (opts.dryRun) {
          const plans = new Map((await listPlansForCli(ctx)).map((p) => [p.id, `${p.name}, ${p.municipality}`]))
          const due = await retentionPreview(ctx, cli)
          for (const d of due) {
            const when = d.due ? 'NU  ' : d.awaitsDecision ? 'VENTER' : d.dueOn
            print(`${when}\t${plans.get(d.planId) ?? d.planId}\t${d.pseudonym}\t${d.awaitsDecision ? d.explanation : retentionReasonLabels[d.reason]}`)
          }
          const now = due.filter((d) => d.due).length
          const waiting = due.filter((d) => d.awaitsDecision).length
          return print(
            `${now} ${now === 1 ? 'deltager skal' : 'deltagere skal'} anonymiseres nu; ${waiting} venter på en beslutning; ${due.length - now - waiting} senere. Intet er ændret.`,
          )
        }
        const result = await runRetention(ctx, cli)
        print(`${result.anonymised} ${result.anonymised === 1 ? 'deltager er' : 'deltagere er'} anonymiseret.`)
      })
    })
}
