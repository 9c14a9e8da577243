import path from 'node:path'
import { sql } from 'kysely'
import { buildApp } from './app.ts'
import { type Booted, boot } from './boot.ts'
import type { Config } from './config.ts'
import { DatabaseRoleError } from './db/client.ts'
import { DataDirLockedError, updateLock } from './db/data-lock.ts'
import { EmbeddedDbError, embeddedPaths } from './db/embedded.ts'
import type { DatabaseHandle } from './db/open-database.ts'
import { deleteExpiredSessions } from './features/auth/sessions.repo.ts'
import { runRetention } from './features/participants/privacy.service.ts'
import { systemAuthority } from './lib/authorize.ts'
import { AppError } from './lib/errors.ts'
import type { Logger } from './lib/logger.ts'
import { fail } from './lib/start-failure.ts'

// The server after its settings are read: the database brought up to date and seeded, the HTTP
// server, and the timers that run beside it. main.ts loads this module while the embedded
// PostgreSQL starts (decision 046).

export async function runServer(config: Config, log: Logger, opening: Promise<DatabaseHandle>, startedAt: number): Promise<void> {
  let booted: Booted
  try {
    booted = await boot(config, log, 'server', opening)
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof EmbeddedDbError || error instanceof DatabaseRoleError) fail(error.message)
    if (error instanceof AppError && error.code === 'cpr_key_missing') fail(error.message)
    const e = error as { code?: string; message?: string }
    if (config.DATABASE_URL && (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === '28P01' || e.code === '3D000')) {
      fail(`Kan ikke forbinde til databasen i DATABASE_URL (${e.code}: ${e.message}).\nCannot connect to the database in DATABASE_URL.`)
    }
    throw error
  }
  const { ctx } = booted

  const app = await buildApp(ctx, { webDir: path.resolve('dist/web') })

  let closing = false
  async function shutdown(signal: string): Promise<void> {
    if (closing) {
      process.stderr.write('Tvunget stop / forced exit\n')
      process.exit(1)
    }
    closing = true
    log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 20_000)
    force.unref()
    await app.close().catch((error) => log.error({ err: error }, 'error closing http server'))
    await booted.close().catch((error: unknown) => log.error({ err: error }, 'error closing database'))
    process.stdout.write('Indsats er stoppet. / Indsats stopped.\n')
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  try {
    await app.listen({ port: config.PORT, host: config.HOST })
  } catch (error) {
    await booted.close().catch(() => {})
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail(
        `Port ${config.PORT} er allerede i brug. Stop det program, der bruger den, eller start med PORT=<en anden port>.\n` +
          `Port ${config.PORT} is already in use. Stop whatever uses it or set PORT to another port.`,
      )
    }
    if ((error as NodeJS.ErrnoException).code === 'EACCES') fail(`Ingen adgang til port ${config.PORT} (EACCES). Vælg en port over 1024.`)
    throw error
  }
  if (!config.DATABASE_URL) updateLock(embeddedPaths(config.dataDir).lockFile, { httpPort: config.PORT })

  const sweep = setInterval(
    () => {
      const now = ctx.now()
      deleteExpiredSessions(ctx.db, now, new Date(now.getTime() - config.SESSION_IDLE_MINUTES * 60_000)).catch((error) =>
        log.warn({ err: error }, 'session sweep failed'),
      )
    },
    15 * 60_000,
  )
  sweep.unref()

  // The plans' retention rules are carried out at start and then once a day: residents whose time is
  // up are anonymised without anyone having to remember it (decision 008).
  async function retention(): Promise<void> {
    try {
      const result = await runRetention(ctx, systemAuthority('system'))
      if (result.anonymised > 0) log.info({ anonymised: result.anonymised, byPlan: result.byPlan }, 'retention: residents anonymised')
    } catch (error) {
      // Stopping closes the database under a run still going. Each plan's anonymisation is its own
      // transaction: plans done stay done, the one under way is rolled back and done by the next run.
      // That is not a failure worth an error (nor the CPU of mapping its stack).
      if (closing) log.info('retention run stopped by shutdown; the next run carries on')
      else log.error({ err: error }, 'retention run failed')
    }
  }
  void retention()
  const retentionTimer = setInterval(() => void retention(), 24 * 60 * 60_000)
  retentionTimer.unref()

  // A database that stays away is not waited for forever: after DB_OUTAGE_EXIT_SECONDS without an
  // answer the process exits with code 1, for its supervisor to restart it (and, on the embedded
  // database, to start PostgreSQL again). A short outage only gives 503s meanwhile.
  const outageLimitMs = config.DB_OUTAGE_EXIT_SECONDS * 1000
  let unreachableSince: number | null = null
  let probing = false
  const watchdog = setInterval(
    () => {
      if (probing || closing) return
      probing = true
      sql`select 1`
        .execute(ctx.db)
        .then(
          () => {
            if (unreachableSince !== null) log.warn({ seconds: Math.round((Date.now() - unreachableSince) / 1000) }, 'database reachable again')
            unreachableSince = null
          },
          (error: unknown) => {
            unreachableSince ??= Date.now()
            if (Date.now() - unreachableSince < outageLimitMs) return
            log.fatal({ err: error }, 'database unreachable too long; exiting for the supervisor to restart')
            fail(`Databasen har ikke svaret i ${config.DB_OUTAGE_EXIT_SECONDS} sekunder. Indsats stopper, så den kan blive genstartet.`)
          },
        )
        .finally(() => (probing = false))
    },
    Math.max(250, Math.min(5000, Math.floor(outageLimitMs / 4))),
  )
  watchdog.unref()

  const shownHost = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST
  const lines = [
    '',
    `Indsats kører på http://${shownHost}:${config.PORT}  (startet på ${Math.round(performance.now() - startedAt)} ms)`,
    `Database: ${booted.handle.kind === 'embedded' ? `indbygget PostgreSQL i ${embeddedPaths(config.dataDir).pgDir}` : 'ekstern PostgreSQL (DATABASE_URL)'}`,
  ]
  if (booted.firstAdmin) {
    lines.push(
      '',
      'Første start: der er oprettet en administrator.',
      `  E-mail:     ${booted.firstAdmin.email}`,
      `  Engangskode: ${booted.firstAdmin.oneTimePassword}`,
      '  Koden vises kun denne ene gang og skal skiftes ved første login.',
    )
  } else {
    lines.push('Log ind med din bruger. Glemt adgangskode? npx indsats user reset-password <e-mail>')
  }
  lines.push('Stop med Ctrl-C.', '')
  process.stdout.write(lines.join('\n') + '\n')
}
