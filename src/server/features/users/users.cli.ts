import { type Command, InvalidArgumentError } from 'commander'
import { Role, roleLabels, UserCreate } from '../../../shared/users.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { cli, print, printAs, withApp } from '../../lib/command-line.ts'
import { findPlanForCli } from '../plans/plans.service.ts'
import { resetSecondFactor } from '../auth/second-factor.service.ts'
import { createUserWithPassword, disableUser, enableUser, findUserIdByEmail, listUsers, resetPasswordWithPassword } from './users.service.ts'

function parseRole(value: string): Role {
  const parsed = Role.safeParse(value)
  if (!parsed.success) throw new InvalidArgumentError(`Ukendt rolle. Vælg en af: ${Role.options.join(', ')}.`)
  return parsed.data
}

/** indsats user add | list | disable | enable | reset-password | reset-second-factor */
export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Brugere: opret, vis, deaktivér, nulstil adgangskode')

  user
    .command('add')
    .description('Opret en bruger; udskriver en engangskode, der skal skiftes ved første login')
    .requiredOption('--email <e-mail>', 'brugerens e-mailadresse')
    .requiredOption('--name <navn>', 'brugerens fulde navn')
    .requiredOption('--role <rolle>', `rolle: ${Role.options.join(' | ')}`, parseRole)
    .requiredOption('--organisation <navn>', 'organisation, fx "Jobcenter Varde"')
    .option('--plan <plan...>', 'plan(er) brugeren får adgang til: id, navn eller kommune')
    .action(async (opts: { email: string; name: string; role: Role; organisation: string; plan?: string[] }) => {
      await withApp(async ({ ctx }) => {
        const planIds: string[] = []
        for (const wanted of opts.plan ?? []) planIds.push((await findPlanForCli(ctx, wanted)).id)
        const input = UserCreate.parse({ email: opts.email, name: opts.name, role: opts.role, organisation: opts.organisation, planIds })
        const { user: created, oneTimePassword } = await createUserWithPassword(ctx, cli, input)
        print(`Bruger oprettet: ${created.name} <${created.email}>, ${roleLabels[created.role]}`)
        print(`Engangskode: ${oneTimePassword}`)
        print('Koden vises kun nu og skal skiftes ved første login.')
      })
    })

  user
    .command('list')
    .description('Vis alle brugere')
    .option('--format <format>', 'text | json', 'text')
    .action(async (opts: { format: string }) => {
      await withApp(async ({ ctx }) => {
        const users = await listUsers(ctx, cli)
        await writeAudit(ctx.db, { actor: { label: 'cli' }, action: 'read', entity: 'user', details: { ids: users.map((u) => u.id) } })
        printAs(opts.format, users, () => {
          for (const u of users) {
            print(`${u.disabled ? '(deaktiveret) ' : ''}${u.email}\t${u.name}\t${roleLabels[u.role]}\t${u.organisation.name}\t${u.plans.map((p) => p.municipality).join(', ')}`)
          }
          print(`${users.length} brugere.`)
        })
      })
    })

  user
    .command('disable')
    .description('Deaktivér en bruger og afslut brugerens sessioner')
    .argument('<e-mail>', 'brugerens e-mailadresse')
    .action(async (email: string) => {
      await withApp(async ({ ctx }) => {
        const disabled = await disableUser(ctx, cli, await findUserIdByEmail(ctx, email))
        print(`Deaktiveret: ${disabled.email}`)
      })
    })

  user
    .command('enable')
    .description('Lad en deaktiveret bruger logge ind igen (med sin hidtidige adgangskode)')
    .argument('<e-mail>', 'brugerens e-mailadresse')
    .action(async (email: string) => {
      await withApp(async ({ ctx }) => {
        const enabled = await enableUser(ctx, cli, await findUserIdByEmail(ctx, email))
        print(`Genaktiveret: ${enabled.email}`)
      })
    })

  user
    .command('reset-second-factor')
    .description('Fjern en brugers godkendelsesapp (fx en mistet telefon); brugeren sætter en ny op ved næste login')
    .argument('<e-mail>', 'brugerens e-mailadresse')
    .action(async (email: string) => {
      await withApp(async ({ ctx }) => {
        const userId = await findUserIdByEmail(ctx, email)
        await resetSecondFactor(ctx, cli, userId)
        print(`Totrinsbekræftelsen er nulstillet for ${email}. Brugeren sætter en ny godkendelsesapp op ved næste login.`)
      })
    })

  user
    .command('reset-password')
    .description('Giv en bruger en ny engangskode (låser også kontoen op)')
    .argument('<e-mail>', 'brugerens e-mailadresse')
    .action(async (email: string) => {
      await withApp(async ({ ctx }) => {
        const { user: u, oneTimePassword } = await resetPasswordWithPassword(ctx, cli, await findUserIdByEmail(ctx, email))
        print(`Ny engangskode til ${u.email}: ${oneTimePassword}`)
        print('Koden vises kun nu og skal skiftes ved første login.')
      })
    })
}
