import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Config, loadConfig } from '../../src/server/config.ts'
import { createDb, type Database, type DatabaseHandle, openDatabase } from '../../src/server/db/client.ts'
import { migrateToLatest } from '../../src/server/db/migrate.ts'
import type { AppContext } from '../../src/server/lib/context.ts'
import { createLogger } from '../../src/server/lib/logger.ts'

/** A bench's own embedded PostgreSQL in a fresh folder, migrated, with the app's context over it. */
export interface BenchDatabase {
  ctx: AppContext
  config: Config
  handle: DatabaseHandle
  /** The owner role, for what the app's role may not do (ANALYZE, baseline tables). */
  owner: Database
  /** Stops the database and removes its folder. */
  close(): Promise<void>
}

export async function benchDatabase(name: string, options: { ownerConnections?: number } = {}): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `indsats-bench-${name}-`))
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', EMBEDDED_PG_PORT: '', LOG_LEVEL: 'silent' })
  const handle = await openDatabase(config, { purpose: 'server' })
  const owner = createDb(handle.connectionString, { role: 'owner', max: options.ownerConnections ?? 1 })
  await migrateToLatest(owner)
  const db = createDb(handle.connectionString, { role: 'app' })
  const ctx: AppContext = { db, config, log: createLogger('silent'), now: () => new Date() }
  return {
    ctx,
    config,
    handle,
    owner,
    async close() {
      await db.destroy()
      await owner.destroy()
      await handle.release()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
