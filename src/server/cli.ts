import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { Writable } from 'node:stream'
import { Command, InvalidArgumentError } from 'commander'
import { z } from 'zod'
import { type AgreementFile, type AgreementWarning, ExportFormat } from '../shared/agreements.ts'
import { ComparisonFetch } from '../shared/comparison-sources.ts'
import { formatDateTime, formatNumber } from '../shared/lib/format.ts'
import { periodLabel } from '../shared/lib/period.ts'
import '../shared/lib/zod-locale.ts'
import { Role, roleLabels, UserCreate } from '../shared/users.ts'
import { boot, type Booted } from './boot.ts'
import { ConfigError, loadConfig, loadDotEnv } from './config.ts'
import { createDb, openDatabase } from './db/client.ts'
import { DataDirLockedError } from './db/data-lock.ts'
import { EmbeddedDbError } from './db/embedded.ts'
import { migrateToLatest } from './db/migrate.ts'
import { exportAgreement } from './features/agreements/agreement-export.ts'
import { formatProblem, parseAgreementFile } from './features/agreements/agreement-file.ts'
import { agreementFile, importAgreementFile, listAgreementsForCli } from './features/agreements/agreements.service.ts'
import { auditCommand } from './features/audit-log/audit-log.cli.ts'
import { backup, restore } from './features/backup/backup.service.ts'
import { parseVariableOptions } from './features/indicators/comparison-fetch.ts'
import { fetchComparisonPreview, findOrganisation, listSourceKeys, setSourceKey } from './features/indicators/comparison-sources.service.ts'
import { commitImport, previewImport } from './features/indicators/indicators.service.ts'
import { commitTargetGroups, previewTargetGroups } from './features/indicators/target-groups.service.ts'
import { findMapping, listMappings, previewMappedImport } from './features/indicators/value-mappings.service.ts'
import { retentionReasonLabels } from '../shared/participants.ts'
import { retentionPreview, runRetention } from './features/participants/privacy.service.ts'
import { listPlansForCli } from './features/plans/plans.service.ts'
import { createUser, disableUser, findUserIdByEmail, listUsers, resetPassword } from './features/users/users.service.ts'
import { writeAudit } from './lib/audit-log.ts'
import { systemAuthority } from './lib/authorize.ts'
import { AppError } from './lib/errors.ts'
import { createLogger } from './lib/logger.ts'

// npx indsats <command>. Works whether or not the server runs: on the embedded database it uses the
// running instance, or starts the database itself for the duration of the command.

loadDotEnv()
const cli = systemAuthority('cli')

function config() {
  return loadConfig()
}

/** Runs `fn` with a booted context (schema migrated; nothing seeded) and always releases the database. */
async function withApp<T>(fn: (booted: Booted) => Promise<T>): Promise<T> {
  const cfg = config()
  const booted = await boot(cfg, createLogger(process.env.LOG_LEVEL ?? 'warn'), 'cli')
  try {
    return await fn(booted)
  } finally {
    await booted.close()
  }
}

/** A file argument, relative to the directory the command was typed in. */
function userPath(file: string): string {
  return path.resolve(process.env.INDSATS_CWD ?? process.cwd(), file)
}

function print(line = ''): void {
  process.stdout.write(`${line}\n`)
}

const program = new Command()
  .name('indsats')
  .description('Indsats på kommandolinjen: database, brugere, delaftaler, opfølgning, backup og gendannelse.')
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: false })
  .helpOption('-h, --help', 'vis hjælp')
  .helpCommand('help [kommando]', 'vis hjælp til en kommando')

program
  .command('migrate')
  .description('Opdatér databasens skema til den nyeste version')
  .action(async () => {
    const cfg = config()
    const handle = await openDatabase(cfg, { purpose: 'cli' })
    const db = createDb(handle.connectionString, { role: 'owner', max: 1 })
    try {
      const applied = await migrateToLatest(db)
      print(applied.length ? `Migreringer kørt: ${applied.join(', ')}` : 'Databasen er allerede opdateret.')
    } finally {
      await db.destroy()
      await handle.release()
    }
  })

const user = program.command('user').description('Brugere: opret, vis, deaktivér, nulstil adgangskode')

function parseRole(value: string): Role {
  const parsed = Role.safeParse(value)
  if (!parsed.success) throw new InvalidArgumentError(`Ukendt rolle. Vælg en af: ${Role.options.join(', ')}.`)
  return parsed.data
}

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
      const plans = await listPlansForCli(ctx)
      const planIds = (opts.plan ?? []).map((wanted) => {
        const matches = plans.filter((p) => [p.id, p.name.toLowerCase(), p.municipality.toLowerCase()].includes(wanted.toLowerCase()))
        if (matches.length !== 1) {
          throw new AppError('validation', `Planen "${wanted}" ${matches.length ? 'er tvetydig' : 'findes ikke'}. Planer: ${plans.map((p) => `${p.municipality}: ${p.name}`).join('; ')}`)
        }
        return matches[0]!.id
      })
      const input = UserCreate.parse({ email: opts.email, name: opts.name, role: opts.role, organisation: opts.organisation, planIds })
      const { user: created, oneTimePassword } = await createUser(ctx, cli, input)
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
      if (opts.format === 'json') return print(JSON.stringify(users, null, 2))
      for (const u of users) {
        print(`${u.disabled ? '(deaktiveret) ' : ''}${u.email}\t${u.name}\t${roleLabels[u.role]}\t${u.organisation.name}\t${u.plans.map((p) => p.municipality).join(', ')}`)
      }
      print(`${users.length} brugere.`)
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
  .command('reset-password')
  .description('Giv en bruger en ny engangskode (låser også kontoen op)')
  .argument('<e-mail>', 'brugerens e-mailadresse')
  .action(async (email: string) => {
    await withApp(async ({ ctx }) => {
      const { user: u, oneTimePassword } = await resetPassword(ctx, cli, await findUserIdByEmail(ctx, email))
      print(`Ny engangskode til ${u.email}: ${oneTimePassword}`)
      print('Koden vises kun nu og skal skiftes ved første login.')
    })
  })

program
  .command('backup')
  .description('Skriv en komplet backup af databasen til en fil (gzip)')
  .argument('<fil>', 'filen, der skal skrives, fx indsats-2026-11-23.backup.gz')
  .action(async (file: string) => {
    const cfg = config()
    const handle = await openDatabase(cfg, { purpose: 'cli' })
    try {
      const db = createDb(handle.connectionString, { role: 'owner', max: 1 })
      await migrateToLatest(db).finally(() => db.destroy())
      const header = await backup(handle.connectionString, userPath(file))
      const rows = header.tables.reduce((sum, t) => sum + t.rows, 0)
      print(`Backup skrevet til ${file}: ${header.tables.length} tabeller, ${rows} rækker.`)
    } finally {
      await handle.release()
    }
  })

program
  .command('restore')
  .description('Gendan en backup i en tom database')
  .argument('<fil>', 'en fil skrevet af "indsats backup"')
  .action(async (file: string) => {
    const cfg = config()
    const handle = await openDatabase(cfg, { purpose: 'cli' })
    try {
      const header = await restore(handle.connectionString, userPath(file))
      const db = createDb(handle.connectionString, { role: 'app', max: 1 })
      await writeAudit(db, { actor: { label: 'cli' }, action: 'restore', entity: 'database', details: { file, createdAt: header.createdAt } }).finally(() => db.destroy())
      const rows = header.tables.reduce((sum, t) => sum + t.rows, 0)
      print(`Gendannet fra ${file} (lavet ${header.createdAt}): ${header.tables.length} tabeller, ${rows} rækker.`)
    } finally {
      await handle.release()
    }
  })

const agreement = program.command('agreement').description('Delaftaler: kontrollér, importér, eksportér, vis')

/** Reads and validates an agreement file, printing every problem with its line and column. */
function readAgreementFile(file: string): AgreementFile {
  let source: string
  try {
    source = fs.readFileSync(userPath(file), 'utf8')
  } catch {
    throw new AppError('validation', `Filen ${file} kan ikke læses.`)
  }
  const parsed = parseAgreementFile(source)
  if (!parsed.ok) {
    for (const problem of parsed.problems) process.stderr.write(`${formatProblem(problem, file)}\n`)
    throw new AppError('validation', `${file} har ${parsed.problems.length} fejl. Intet er gemt.`)
  }
  return parsed.file
}

function printWarnings(warnings: AgreementWarning[]): void {
  if (warnings.length === 0) return print('Ingen advarsler.')
  print(`${warnings.length} ${warnings.length === 1 ? 'advarsel' : 'advarsler'} (gemt alligevel; ret dem i en ny revision):`)
  for (const w of warnings) print(`  ! ${w.message}${w.path ? ` (${w.path})` : ''}`)
}

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
    if (!z.uuid().safeParse(id).success) throw new AppError('validation', `"${id}" er ikke et delaftale-id. Se "indsats agreement list".`)
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
      if (opts.format === 'json') return print(JSON.stringify(list, null, 2))
      for (const a of list) print(`${a.id}\t${a.municipality}\t${a.plan}\t${a.effortArea}\t${a.validFrom} – ${a.validTo}\trevision ${a.revision}`)
      print(`${list.length} delaftaler.`)
    })
  })

const values = program.command('values').description('Opfølgning: indikatorernes værdier')

values
  .command('import')
  .description('Indlæs værdier fra en CSV- eller Excel-fil (alt eller intet), fx fra et jobcenterudtræk')
  .argument('<fil>', '.csv (semikolon, decimalkomma; UTF-8 eller Windows-1252) eller .xlsx')
  .requiredOption('--agreement <id>', 'delaftalens id (se "indsats agreement list")')
  .option('--mapping <id-eller-navn>', 'læs filen som en Beboerdata-tabel med en gemt opsætning (se "indsats values mappings")')
  .option('--dry-run', 'læs og kontrollér filen, men gem intet')
  .action(async (file: string, opts: { agreement: string; mapping?: string; dryRun?: boolean }) => {
    if (!z.uuid().safeParse(opts.agreement).success) throw new AppError('validation', `"${opts.agreement}" er ikke et delaftale-id. Se "indsats agreement list".`)
    let bytes: Buffer
    try {
      bytes = fs.readFileSync(userPath(file))
    } catch {
      throw new AppError('validation', `Filen ${file} kan ikke læses.`)
    }
    await withApp(async ({ ctx }) => {
      const upload = { name: path.basename(file), bytes }
      let preview
      let suppressed = 0
      if (opts.mapping) {
        const mapping = await findMapping(ctx, cli, opts.agreement, opts.mapping)
        ;({ preview, suppressed } = await previewMappedImport(ctx, cli, opts.agreement, mapping.id, upload))
      } else preview = await previewImport(ctx, cli, opts.agreement, upload)
      if (preview.problems.length > 0) {
        for (const p of preview.problems) {
          process.stderr.write(`${file}: ${p.sheet ? `ark ${p.sheet}, ` : ''}række ${p.row}${p.column ? `, kolonne ${p.column}` : ''}: ${p.message}\n`)
        }
        throw new AppError('validation', `${file} har ${preview.problems.length} fejl. Intet er gemt.`)
      }
      if (preview.lockedPeriods.length > 0) {
        throw new AppError('conflict', `Filen har værdier for låste perioder (${preview.lockedPeriods.map(periodLabel).join(', ')}). Intet er gemt.`)
      }
      print(`${file}: ${formatNumber(preview.valueCount)} værdier (${preview.format}), heraf ${formatNumber(preview.replacing)} rettelser af eksisterende værdier og ${formatNumber(preview.unchanged)} uændrede.`)
      if (suppressed > 0) print(`${formatNumber(suppressed)} skjulte eller tomme celler (".", "-", "x") er sprunget over.`)
      if (opts.dryRun) return print('Prøvekørsel: intet er gemt.')
      const committed = await commitImport(ctx, cli, opts.agreement, preview.importId)
      print(`Gemt: ${formatNumber(committed.valueCount)} værdier${committed.unchanged ? ` (${formatNumber(committed.unchanged)} uændrede sprunget over)` : ''}.`)
    })
  })

values
  .command('import-target-groups')
  .description('Indlæs målgruppetal (antal ledige pr. § 6-kode og afdeling) fra en CSV- eller Excel-fil (alt eller intet)')
  .argument('<fil>', '.csv (semikolon; UTF-8 eller Windows-1252) eller .xlsx med kolonnerne dato, kode, betegnelse, afdeling og antal')
  .requiredOption('--plan <id-eller-kommune>', 'planen tallene hører til: id, navn eller kommune')
  .option('--dry-run', 'læs og kontrollér filen, men gem intet')
  .action(async (file: string, opts: { plan: string; dryRun?: boolean }) => {
    let bytes: Buffer
    try {
      bytes = fs.readFileSync(userPath(file))
    } catch {
      throw new AppError('validation', `Filen ${file} kan ikke læses.`)
    }
    await withApp(async ({ ctx }) => {
      const plans = await listPlansForCli(ctx)
      const matches = plans.filter((p) => [p.id, p.name.toLowerCase(), p.municipality.toLowerCase()].includes(opts.plan.toLowerCase()))
      if (matches.length !== 1) {
        throw new AppError('validation', `Planen "${opts.plan}" ${matches.length ? 'er tvetydig' : 'findes ikke'}. Planer: ${plans.map((p) => `${p.municipality}: ${p.name}`).join('; ')}`)
      }
      const plan = matches[0]!
      const preview = await previewTargetGroups(ctx, cli, plan.id, { name: path.basename(file), bytes })
      if (preview.problems.length > 0) {
        for (const p of preview.problems) {
          process.stderr.write(`${file}: ${p.sheet ? `ark ${p.sheet}, ` : ''}række ${p.row}${p.column ? `, kolonne ${p.column}` : ''}: ${p.message}\n`)
        }
        throw new AppError('validation', `${file} har ${preview.problems.length} fejl. Intet er gemt.`)
      }
      print(`${file}: ${formatNumber(preview.rowCount)} målgruppetal (${preview.format}) for ${plan.municipality}, opgjort ${preview.dates.map((d) => periodLabel(d)).join(', ')}.`)
      if (opts.dryRun) return print('Prøvekørsel: intet er gemt.')
      const committed = await commitTargetGroups(ctx, cli, plan.id, preview.importId)
      print(`Gemt: ${formatNumber(committed.rowCount)} målgruppetal${committed.unchanged ? ` (${formatNumber(committed.unchanged)} uændrede sprunget over)` : ''}.`)
    })
  })

values
  .command('mappings')
  .description('Vis delaftalens gemte opsætninger til Beboerdata-tabeller')
  .requiredOption('--agreement <id>', 'delaftalens id (se "indsats agreement list")')
  .option('--format <format>', 'text eller json', 'text')
  .action(async (opts: { agreement: string; format: string }) => {
    if (!z.uuid().safeParse(opts.agreement).success) throw new AppError('validation', `"${opts.agreement}" er ikke et delaftale-id. Se "indsats agreement list".`)
    await withApp(async ({ ctx }) => {
      const list = await listMappings(ctx, cli, opts.agreement)
      if (opts.format === 'json') return print(JSON.stringify(list, null, 2))
      for (const m of list) {
        const what = `${m.definition.population === 'area' ? 'område' : 'sammenligning'}, ${m.definition.measure === 'share' ? 'andel' : 'antal'}`
        print(`${m.id}\t${m.name}\t${what}\t${m.definition.rows.map((r) => `"${r.label}" → ${r.indicatorKey}/${r.rowKey}`).join('; ')}`)
      }
      print(`${list.length} opsætninger.`)
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
      if (!z.uuid().safeParse(opts.agreement).success) throw new AppError('validation', `"${opts.agreement}" er ikke et delaftale-id. Se "indsats agreement list".`)
      const target = { indicatorKey: opts.indicator, rowKey: opts.row, measure: opts.measure, ...(opts.unit ? { unit: opts.unit } : {}) }
      const request = ComparisonFetch.parse(
        opts.source === 'jobindsats'
          ? { source: 'jobindsats', table: opts.table, area: opts.area ?? '', periods: opts.period.flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== ''), measureName: opts.measureName ?? '', ...target }
          : { source: opts.source, table: opts.table, variables: parseVariableOptions(opts.var), ...target },
      )
      if (request.source === 'jobindsats' && !opts.organisation) throw new AppError('validation', 'Angiv organisationen, hvis nøgle til Jobindsats skal bruges: --organisation <navn> (se "indsats source list").')
      await withApp(async ({ ctx }) => {
        const organisationId = request.source === 'jobindsats' ? (await findOrganisation(ctx, cli, opts.organisation as string)).id : undefined
        const preview = await fetchComparisonPreview(ctx, cli, opts.agreement, request, organisationId ? { organisationId } : {})
        const name = preview.fileName
        for (const w of preview.warnings) process.stderr.write(`${name}: bemærk: ${w.message}\n`)
        if (preview.problems.length > 0) {
          for (const p of preview.problems) process.stderr.write(`${name}: ${p.row > 0 ? `tal nr. ${p.row}: ` : ''}${p.message}\n`)
          throw new AppError('validation', `${name} har ${preview.problems.length} fejl. Intet er gemt.`)
        }
        if (preview.lockedPeriods.length > 0) {
          throw new AppError('conflict', `Tallene har værdier for låste perioder (${preview.lockedPeriods.map(periodLabel).join(', ')}). Intet er gemt.`)
        }
        print(`${name}: ${formatNumber(preview.valueCount)} værdier (${preview.format}), heraf ${formatNumber(preview.replacing)} rettelser af eksisterende værdier og ${formatNumber(preview.unchanged)} uændrede.`)
        for (const v of preview.values) print(`  ${periodLabel(v.period)}: ${v.share !== null ? `${formatNumber(v.share)} %` : formatNumber(v.count ?? 0)}`)
        if (opts.dryRun) return print('Prøvekørsel: intet er gemt.')
        const committed = await commitImport(ctx, cli, opts.agreement, preview.importId)
        print(`Gemt: ${formatNumber(committed.valueCount)} værdier${committed.unchanged ? ` (${formatNumber(committed.unchanged)} uændrede sprunget over)` : ''}.`)
      })
    },
  )

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

const source = program.command('source').description('Kilder til kommunetal: nøgler til Jobindsats')

/**
 * The key from standard input, never from an argument (which would stay in the shell's history and
 * in the process list). At a terminal it is typed or pasted without being shown; otherwise it is
 * read to the end (indsats source set-key … < nøgle.txt).
 */
async function readSecret(prompt: string): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write(prompt)
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() })
    const rl = readline.createInterface({ input: process.stdin, output: silent, terminal: true })
    try {
      const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')))
      process.stderr.write('\n')
      return line
    } finally {
      rl.close()
    }
  }
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  return Buffer.concat(chunks).toString('utf8')
}

source
  .command('set-key')
  .description('Læg en organisations nøgle til Jobindsats ind (læses fra standardinput; erstatter en tidligere nøgle)')
  .requiredOption('--organisation <navn>', 'organisationen, fx "Jobcenter Sønderborg" (se "indsats user list")')
  .requiredOption('--source <kilde>', 'jobindsats')
  .action(async (opts: { organisation: string; source: string }) => {
    if (opts.source !== 'jobindsats') throw new AppError('validation', `Kilden "${opts.source}" bruger ingen nøgle. Kun jobindsats har nøgler (Danmarks Statistik er åben).`)
    const apiKey = await readSecret(`Indsæt ${opts.organisation}s nøgle til Jobindsats, og tryk Enter: `)
    await withApp(async ({ ctx }) => {
      const set = await setSourceKey(ctx, cli, { organisation: opts.organisation, source: 'jobindsats', apiKey })
      print(`Nøglen til Jobindsats for ${set.organisation} er ${set.replaced ? 'udskiftet' : 'gemt'} (sat ${formatDateTime(set.setAt)} af Kommandolinjen).`)
    })
  })

source
  .command('list')
  .description('Vis hvilke organisationer der har en nøgle, og hvornår den er sat (aldrig selve nøglen)')
  .option('--format <format>', 'text eller json', 'text')
  .action(async (opts: { format: string }) => {
    await withApp(async ({ ctx }) => {
      const keys = await listSourceKeys(ctx, cli)
      if (opts.format === 'json') return print(JSON.stringify(keys, null, 2))
      for (const k of keys) print(`${k.organisation}\t${k.source}\tsat ${formatDateTime(k.setAt)} af ${k.setBy}`)
      print(`${keys.length} ${keys.length === 1 ? 'nøgle' : 'nøgler'}.`)
    })
  })

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
        for (const d of due) print(`${d.due ? 'NU  ' : d.dueOn}\t${plans.get(d.planId) ?? d.planId}\t${d.pseudonym}\t${retentionReasonLabels[d.reason]}`)
        const now = due.filter((d) => d.due).length
        return print(`${now} ${now === 1 ? 'deltager skal' : 'deltagere skal'} anonymiseres nu; ${due.length - now} senere. Intet er ændret.`)
      }
      const result = await runRetention(ctx, cli)
      print(`${result.anonymised} ${result.anonymised === 1 ? 'deltager er' : 'deltagere er'} anonymiseret.`)
    })
  })

auditCommand(program, withApp)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  if (error instanceof AppError || error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof EmbeddedDbError) {
    const issues = error instanceof AppError && error.options.issues ? error.options.issues.map((i) => `\n  ${i.path}: ${i.message}`).join('') : ''
    process.stderr.write(`Fejl: ${error.message}${issues}\n`)
    process.exit(1)
  }
  if (error instanceof Error && error.name === 'ZodError') {
    const zodIssues = (error as unknown as { issues: { path: PropertyKey[]; message: string }[] }).issues
    process.stderr.write(`Fejl:${zodIssues.map((i) => `\n  ${i.path.join('.')}: ${i.message}`).join('')}\n`)
    process.exit(1)
  }
  throw error
}
