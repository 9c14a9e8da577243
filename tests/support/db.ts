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
