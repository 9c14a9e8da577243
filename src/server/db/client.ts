import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely'
import pg from 'pg'
import { sessionTableWrites } from '../lib/session-cache.ts'
import type { DB } from './types.ts'

// The application's connections. Whether the database is the embedded one or an external one is
// known only where it is opened (open-database.ts, re-exported here for the callers).
export { type DatabaseHandle, ensureDatabase, type OpenOptions, openDatabase } from './open-database.ts'

export type Database = Kysely<DB>

/** The role the application runs as: it may not update or delete the audit log. See migration 0001. */
export const APP_ROLE = 'indsats_app'

/** The application's connections do not run as the restricted role: it must not start (or go on). */
export class DatabaseRoleError extends Error {}

/**
 * Fails unless the database user can take the restricted role, as every application connection
 * does. A failed SET ROLE would otherwise leave them running as the owner, who may change the audit log.
 * Given the owner's database, it asks on that database's connection (boot.ts: the one the migrations
 * ran on) instead of opening one of its own.
 */
export async function assertAppRole(on: string | Kysely<any>): Promise<void> {
  if (typeof on !== 'string') {
    return on.connection().execute(async (connection) => {
      await checkAppRole((text) => sql.raw<{ role: string }>(text).execute(connection))
      await sql`reset role`.execute(connection)
    })
  }
  const client = new pg.Client({ connectionString: on, application_name: 'indsats' })
  await client.connect()
  try {
    await checkAppRole((text) => client.query<{ role: string }>(text))
  } finally {
    await client.end()
  }
}

async function checkAppRole(query: (text: string) => Promise<{ rows: { role: string }[] }>): Promise<void> {
  const user = (await query('select current_user as role')).rows[0]!.role
  try {
    await query(`set role ${APP_ROLE}`)
  } catch (error) {
    throw new DatabaseRoleError(
      `Databasebrugeren ${user} kan ikke skifte til rollen ${APP_ROLE}, som Indsats kører som (${(error as Error).message}). ` +
        `Indsats starter ikke som ${user}, der må ændre revisionsloggen. Giv brugeren rollen: grant ${APP_ROLE} to ${user};`,
    )
  }
}

export interface CreateDbOptions {
  /** `app` switches every connection to the restricted application role. */
  role: 'app' | 'owner'
  max?: number
}

export function createDb(connectionString: string, options: CreateDbOptions): Database {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: 'indsats', connectionTimeoutMillis: 10_000 })
  // When the database dies, it tells every connection so, checked out or not; without a listener that
  // message is an uncaught 'error' event that takes the process down with a stack trace. The query
  // on it fails by itself, the pool replaces the client, and main.ts decides when an outage is too long.
  pool.on('connect', (client) => {
    client.on('error', () => {})
  })
  if (options.role === 'app') {
    // Queries on a client run in order, so this SET ROLE precedes anything the pool hands out.
    pool.on('connect', (client) => {
      // A failure is caught by assertAppRole at start; a connection that cannot take the role
      // later is closed, so its queries fail rather than run as the owner.
      client.query(`set role ${APP_ROLE}`).catch(() => void client.end().catch(() => {}))
    })
  }
  pool.on('error', () => {
    // An idle client lost its connection (e.g. the database restarted); the pool replaces it.
  })
  pool.on('connect', (client) => {
    clients.add(client)
  })
  pool.on('remove', (client) => {
    clients.delete(client)
  })
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [sessionTableWrites] })
  pools.set(db, pool)
  return db
}

// The pool under each database made here, for selects compiled ahead (prepared-select.ts).
const pools = new WeakMap<Kysely<DB>, pg.Pool>()

/**
 * The pg pool a database made here runs on; undefined for a transaction (which has its own
 * connection) or any other Kysely instance.
 */
export function poolOf(db: Kysely<DB>): pg.Pool | undefined {
  return pools.get(db)
}

// Every open client of every pool made here, so a transaction can find the client it runs on.
const clients = new Set<pg.PoolClient>()

/**
 * The pg client a transaction runs on, for what Kysely cannot send (COPY, through pg-copy-streams).
 * Kysely does not expose its connection, so the server names it: the backend's process id, database
 * and port identify one connection among all of this process's pools. Null when none matches (a
 * connection pooler in between reports another port), and the caller takes its ordinary path.
 */
export async function clientOfTransaction(trx: Transaction<DB>): Promise<pg.PoolClient | null> {
  const { rows } = await sql<{ pid: number; database: string; port: number }>`
    select pg_backend_pid() as pid, current_database() as database, current_setting('port')::int as port`.execute(trx)
  const me = rows[0]!
  const matches = [...clients].filter((c) => {
    const client = c as pg.PoolClient & { processID: number | null; database?: string; port: number }
    return client.processID === me.pid && client.database === me.database && Number(client.port) === me.port
  })
  return matches.length === 1 ? matches[0]! : null
}

// Dates as ISO strings would lose the type; numerics as strings keep precision. Both are the pg defaults
// except `date`, which pg turns into a local-time Date: keep it as the plain 'YYYY-MM-DD' text.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
