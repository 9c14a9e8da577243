import type { Command } from 'commander'
import { createDb } from '../../db/client.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { print, userPath, withDatabase } from '../../lib/command-line.ts'
import { backup, restore } from './backup.service.ts'
import { loadConfig } from '../../config.ts'
import { AppError } from '../../lib/errors.ts'
import { checkCprKey } from '../participants/participants.service.ts'
import { forgetTotpKey, totpKeyOf } from '../auth/second-factor.service.ts'
import { loadOrCreateTotpKey } from '../auth/totp-secret.ts'
import { createLogger } from '../../lib/logger.ts'

/** indsats backup <fil> | restore <fil> */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Skriv en komplet backup af databasen til en fil (gzip)')
    .argument('<fil>', 'filen, der skal skrives, fx indsats-2026-11-23.backup.gz')
    .action(async (file: string) => {
      await withDatabase(async (connectionString) => {
        const db = createDb(connectionString, { role: 'owner', max: 1 })
        await migrateToLatest(db, { totpKey: () => loadOrCreateTotpKey(loadConfig()) }).finally(() => db.destroy())
        const header = await backup(connectionString, userPath(file))
        const rows = header.tables.reduce((sum, t) => sum + t.rows, 0)
        print(`Backup skrevet til ${file}: ${header.tables.length} tabeller, ${rows} rækker.`)
      })
    })

  program
    .command('restore')
    .description('Gendan en backup i en tom database')
    .argument('<fil>', 'en fil skrevet af "indsats backup"')
    .action(async (file: string) => {
      await withDatabase(async (connectionString) => {
        const header = await restore(connectionString, userPath(file), { totpKey: () => loadOrCreateTotpKey(loadConfig()) })
        const db = createDb(connectionString, { role: 'app', max: 1 })
        await writeAudit(db, { actor: { label: 'cli' }, action: 'restore', entity: 'database', details: { file, createdAt: header.createdAt } }).finally(() => db.destroy())
        const rows = header.tables.reduce((sum, t) => sum + t.rows, 0)
        await checkCprKeyAfterRestore(connectionString, file)
        await checkTotpKeyAfterRestore(connectionString, file)
        print(`Gendannet fra ${file} (lavet ${header.createdAt}): ${header.tables.length} tabeller, ${rows} rækker.`)
      })
    })
}

/** A restored database whose CPR numbers the key file present cannot read is reported at once, naming the file. */
async function checkCprKeyAfterRestore(connectionString: string, file: string): Promise<void> {
  const db = createDb(connectionString, { role: 'app', max: 1 })
  try {
    await checkCprKey(db, loadConfig())
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `Databasen er gendannet fra ${file}, men: ${error.message}`, error.options)
    throw error
  } finally {
    await db.destroy()
  }
}

/** Likewise the key of the second-factor secrets: without the right one, nobody with an app could sign in. */
async function checkTotpKeyAfterRestore(connectionString: string, file: string): Promise<void> {
  const db = createDb(connectionString, { role: 'app', max: 1 })
  forgetTotpKey()
  try {
    await totpKeyOf({ db, config: loadConfig(), log: createLogger('silent'), now: () => new Date() })
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `Databasen er gendannet fra ${file}, men: ${error.message}`, error.options)
    throw error
  } finally {
    forgetTotpKey()
    await db.destroy()
  }
}
