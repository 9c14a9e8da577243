import pg from 'pg'
import { loadConfig, loadDotEnv } from '../config.ts'
import { createDb, ensureDatabase, openDatabase } from './client.ts'
import { runCodegen } from './codegen.ts'
import { migrateToLatest } from './migrate.ts'

// npm run db:types: migrate a scratch database and write types.ts from it.
loadDotEnv()
const config = loadConfig()
const handle = await openDatabase(config, { purpose: 'cli' })
const scratch = `indsats_codegen_${process.pid}`
const adminUrl = new URL(handle.connectionString)
adminUrl.pathname = '/postgres'
try {
  await ensureDatabase(adminUrl.href, scratch)
  const url = new URL(handle.connectionString)
  url.pathname = `/${scratch}`
  const db = createDb(url.href, { role: 'owner', max: 1 })
  await migrateToLatest(db)
  await db.destroy()
  const result = await runCodegen(url.href, 'write')
  process.stdout.write(result.output)
  if (!result.ok) process.exitCode = 1
} finally {
  const admin = new pg.Client({ connectionString: adminUrl.href })
  await admin.connect()
  await admin.query(`drop database if exists ${scratch}`)
  await admin.end()
  await handle.release()
}
