import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { loadConfig } from '../../src/server/config.ts'
import { createDb, type DatabaseHandle, openDatabase } from '../../src/server/db/client.ts'
import { migrateToLatest } from '../../src/server/db/migrate.ts'

// One PostgreSQL per test run: the embedded one in a fresh temporary folder, or DATABASE_URL when
// set. Migrations run once into a template database; every test file clones it (tests/support/db.ts).

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string
    templateDb: string
  }
}

let dataDir: string | undefined

export default async function setup(project: TestProject) {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-test-'))
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, EMBEDDED_PG_PORT: '' })
  const handle = await openDatabase(config, { purpose: 'server' })
  try {
    return await prepare(project, handle)
  } catch (error) {
    await handle.release()
    fs.rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}

async function prepare(project: TestProject, handle: DatabaseHandle) {
  const adminUrl = new URL(handle.connectionString)
  adminUrl.pathname = '/postgres'
  const templateDb = `indsats_tpl_${process.pid}`
  await exec(adminUrl.href, `drop database if exists ${templateDb}`)
  await exec(adminUrl.href, `create database ${templateDb}`)
  const templateUrl = new URL(adminUrl)
  templateUrl.pathname = `/${templateDb}`
  const db = createDb(templateUrl.href, { role: 'owner', max: 1 })
  await migrateToLatest(db)
  await db.destroy()
  project.provide('adminUrl', adminUrl.href)
  project.provide('templateDb', templateDb)

  return async () => {
    const admin = new pg.Client({ connectionString: adminUrl.href })
    await admin.connect()
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`,
      [`indsats_t_${process.pid}_%`, templateDb],
    )
    for (const { datname } of leftovers.rows) await admin.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`)
    await admin.end()
    await handle.release()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

async function exec(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
