import type { Command } from 'commander'
import { loadConfig } from '../config.ts'
import { loadOrCreateTotpKey } from '../features/auth/totp-secret.ts'
import { print, withDatabase } from '../lib/command-line.ts'
import { createDb } from './client.ts'
import { migrateToLatest } from './migrate.ts'

/** indsats migrate */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Opdatér databasens skema til den nyeste version')
    .action(async () => {
      await withDatabase(async (connectionString) => {
        const db = createDb(connectionString, { role: 'owner', max: 1 })
        try {
          const applied = await migrateToLatest(db, { totpKey: () => loadOrCreateTotpKey(loadConfig()) })
          print(applied.length ? `Migreringer kørt: ${applied.join(', ')}` : 'Databasen er allerede opdateret.')
        } finally {
          await db.destroy()
        }
      })
    })
}
