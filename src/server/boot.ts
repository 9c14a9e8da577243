import type { Config } from './config.ts'
import { assertAppRole, createDb, type Database, type DatabaseHandle, openDatabase } from './db/client.ts'
import { migrateToLatest } from './db/migrate.ts'
import { totpKeyOf } from './features/auth/second-factor.service.ts'
import { loadOrCreateTotpKey } from './features/auth/totp-secret.ts'
import { cprKeyOf } from './features/participants/participants.service.ts'
import { createFirstAdmin } from './features/users/first-admin.ts'
import { seedAgreements } from './features/agreements/agreements.seed.ts'
import { seedPlans } from './features/plans/plans.seed.ts'
import type { AppContext } from './lib/context.ts'
import type { Logger } from './lib/logger.ts'

// Shared by the server and the CLI: open the database, bring the schema up to date, seed a new one.

export interface Booted {
  ctx: AppContext
  handle: DatabaseHandle
  firstAdmin: { email: string; oneTimePassword: string } | null
  close(): Promise<void>
}

/**
 * `server` owns the data directory and seeds a new database; `cli` reuses a running server's database.
 * `opening` is a database the caller has already begun to open (main.ts starts it before loading the server).
 */
export async function boot(config: Config, log: Logger, purpose: 'server' | 'cli', opening?: Promise<DatabaseHandle>): Promise<Booted> {
  const handle = await (opening ?? openDatabase(config, { purpose, httpPort: config.PORT, log: (m) => log.info(m) }))
  let db: Database | undefined
  try {
    const owner = createDb(handle.connectionString, { role: 'owner', max: 1 })
    try {
      const applied = await migrateToLatest(owner, { totpKey: () => loadOrCreateTotpKey(config) })
      if (applied.length > 0) log.info({ applied }, 'migrations applied')
      await assertAppRole(owner)
    } finally {
      await owner.destroy()
    }
    db = createDb(handle.connectionString, { role: 'app' })
    const ctx: AppContext = { db, config, log, now: () => new Date() }
    // A database restored without its cpr.key (or with another one) stops the server here, with the
    // file to restore named, instead of failing on every resident page later.
    if (purpose === 'server') await cprKeyOf(ctx)
    // Likewise the key of the second-factor secrets: a wrong one would shut out everyone with an app.
    if (purpose === 'server') await totpKeyOf(ctx)
    let firstAdmin = null
    if (purpose === 'server' && config.SEED) {
      const planIds = await seedPlans(ctx)
      const agreements = await seedAgreements(ctx)
      if (agreements > 0) log.info({ agreements }, 'seed agreements loaded')
      firstAdmin = await createFirstAdmin(ctx, planIds)
    }
    return {
      ctx,
      handle,
      firstAdmin,
      close: async () => {
        await db?.destroy()
        await handle.release()
      },
    }
  } catch (error) {
    await db?.destroy().catch(() => {})
    await handle.release().catch(() => {})
    throw error
  }
}
