import type { Config } from '../config.ts'
import { acquireLock, liveOwner } from './data-lock.ts'
import {
  EMBEDDED_DB_NAME,
  embeddedConnectionString,
  embeddedPaths,
  ensureCluster,
  readPostmaster,
  startCluster,
  stopCluster,
} from './embedded.ts'

// The only module that knows whether the database is the embedded one or an external one. It loads
// no database library at import (pg only when a database has to be created), so that main.ts can
// start the embedded PostgreSQL before it loads the rest of the server (decision 046).

export interface DatabaseHandle {
  /** Connection string of the database owner (migrations, backup, restore). */
  connectionString: string
  kind: 'embedded' | 'external'
  /** Stops what this handle started (the embedded cluster) and releases the data directory. */
  release(): Promise<void>
}

export interface OpenOptions {
  /** `server` owns the data directory; `cli` reuses a running server's database when there is one. */
  purpose: 'server' | 'cli'
  httpPort?: number
  log?: (message: string) => void
}

export async function openDatabase(config: Config, options: OpenOptions): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    return { connectionString: config.DATABASE_URL, kind: 'external', release: async () => {} }
  }
  const paths = embeddedPaths(config.dataDir)
  if (options.purpose === 'cli') {
    const owner = liveOwner(paths.lockFile)
    const running = readPostmaster(paths)
    if (owner && running) {
      options.log?.(`Bruger den kørende database (PID ${running.pid}, port ${running.port}).`)
      return { connectionString: embeddedConnectionString(paths, running.port), kind: 'embedded', release: async () => {} }
    }
  }
  const releaseLock = acquireLock(paths.lockFile, { purpose: options.purpose, httpPort: options.httpPort })
  try {
    await ensureCluster(paths)
    const info = await startCluster(paths, config.EMBEDDED_PG_PORT)
    await ensureDatabase(embeddedConnectionString(paths, info.port, 'postgres'), EMBEDDED_DB_NAME)
    return {
      connectionString: embeddedConnectionString(paths, info.port),
      kind: 'embedded',
      release: async () => {
        await stopCluster(paths)
        releaseLock()
      },
    }
  } catch (error) {
    releaseLock()
    throw error
  }
}

export async function ensureDatabase(adminConnectionString: string, name: string): Promise<void> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: adminConnectionString })
  await client.connect()
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name])
    if (found.rowCount === 0) await client.query(`create database ${pg.escapeIdentifier(name)}`)
  } finally {
    await client.end()
  }
}
