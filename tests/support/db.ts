import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, inject } from 'vitest'
import { loadConfig } from '../../src/server/config.ts'
import { createDb, type Database } from '../../src/server/db/client.ts'
import type { AppContext } from '../../src/server/lib/context.ts'
import { createLogger } from '../../src/server/lib/logger.ts'

let counter = 0

export interface TestDatabase {
  /** Connection string of the database owner. */
  url: string
  name: string
  /** The application's connection (restricted role), as the server uses it. */
  db: Database
  ctx: AppContext
}

/** A fresh database cloned from the migrated template, dropped when the test file ends. */
export async function testDatabase(overrides: Record<string, string> = {}): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl')
  const name = `indsats_t_${process.ppid}_${process.pid}_${++counter}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(inject('templateDb'))}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const db = createDb(url.href, { role: 'app', max: 4 })
  // A data folder of the file's own: mails without SMTP_URL and key files land there, not in ./data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-t-data-'))
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...overrides })
  const ctx: AppContext = { db, config, log: createLogger('silent'), now: () => new Date() }
  afterAll(async () => {
    await db.destroy()
    const drop = new pg.Client({ connectionString: adminUrl })
    await drop.connect()
    await drop.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
    await drop.end()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
  return { url: url.href, name, db, ctx }
}

/**
 * An empty database (no tables at all), as an operator would create for a restore; dropped when the
 * test file ends. `label` keeps the name apart from the file's other databases.
 */
export async function emptyDatabase(label: string): Promise<string> {
  const adminUrl = inject('adminUrl')
  const name = `indsats_t_${process.ppid}_${process.pid}_${label}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${pg.escapeIdentifier(name)}`)
  await admin.query(`create database ${pg.escapeIdentifier(name)}`)
  await admin.end()
  afterAll(async () => {
    const drop = new pg.Client({ connectionString: adminUrl })
    await drop.connect()
    await drop.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
    await drop.end()
  })
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.href
}

/**
 * Every table's rows, as text, in a stable order: equal snapshots mean equal data. The migration
 * bookkeeping (`kysely_*`, whose times differ after a restore) only with `withMigrations`, for a
 * test that must see that nothing was migrated either.
 */
export async function snapshot(url: string, options: { withMigrations?: boolean } = {}): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const tables = await client.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = 'public' and ($1 or tablename not like 'kysely%') order by 1`,
      [options.withMigrations === true],
    )
    const out: Record<string, string[]> = {}
    for (const { name } of tables.rows) {
      const rows = await client.query<{ r: string }>(`select t::text as r from ${pg.escapeIdentifier(name)} t order by 1`)
      out[name] = rows.rows.map((r) => r.r)
    }
    return out
  } finally {
    await client.end()
  }
}
