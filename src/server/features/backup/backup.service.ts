import fs from 'node:fs'
import { once } from 'node:events'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import type { Writable } from 'node:stream'
import pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { createDb } from '../../db/client.ts'
import { type MigrationInputs, migrateToLatest, migrator } from '../../db/migrate.ts'
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader, backupLines, checkBackupFile, END_MARK, TABLE_MARK, type TableInfo, unpackError } from './backup-file.ts'
import { AppError } from '../../lib/errors.ts'

// A logical backup that needs no pg_dump (the embedded PostgreSQL ships none): one consistent
// snapshot of every table in PostgreSQL's COPY text format, gzipped. Format: docs/backup-format.md.

export { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader } from './backup-file.ts'

/**
 * Reference data that migrations fill (funding periods, effort areas, target-group codes). A new
 * database already has these rows, so they do not make it "not empty"; restore replaces them with
 * the backup's own copy. Listed children first.
 */
const REFERENCE_TABLES = ['effort_area', 'funding_period', 'target_group_code']

/** Data tables in an order where every table comes after the tables it references. */
async function tablesInDependencyOrder(client: pg.ClientBase): Promise<{ name: string; columns: string[] }[]> {
  const tables = await client.query<{ name: string; columns: string[] }>(`
    select c.relname::text as name, array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where c.relkind = 'r' and c.relname not like 'kysely\\_%'
    group by c.relname order by c.relname`)
  const deps = await client.query<{ child: string; parent: string }>(`
    select c.relname::text as child, p.relname::text as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    where k.contype = 'f' and c.oid <> p.oid`)
  const remaining = new Map(tables.rows.map((t) => [t.name, t]))
  const ordered: { name: string; columns: string[] }[] = []
  while (remaining.size > 0) {
    const ready = [...remaining.values()].filter(
      (t) => !deps.rows.some((d) => d.child === t.name && remaining.has(d.parent)),
    )
    if (ready.length === 0) throw new Error(`Circular foreign keys among ${[...remaining.keys()].join(', ')}`)
    for (const t of ready) {
      ordered.push(t)
      remaining.delete(t.name)
    }
  }
  return ordered
}

export async function backup(connectionString: string, file: string): Promise<BackupHeader> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  const tmp = `${file}.partial`
  try {
    await client.query('begin isolation level repeatable read read only')
    const migrations = (await client.query<{ name: string }>('select name from kysely_migration order by name')).rows.map((r) => r.name)
    const tables: TableInfo[] = []
    for (const t of await tablesInDependencyOrder(client)) {
      const count = await client.query<{ n: string }>(`select count(*) as n from ${pg.escapeIdentifier(t.name)}`)
      tables.push({ ...t, rows: Number(count.rows[0]!.n) })
    }
    const header: BackupHeader = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, createdAt: new Date().toISOString(), migrations, tables }
    const gzip = createGzip()
    const done = pipeline(gzip, fs.createWriteStream(tmp, { mode: 0o600 }))
    await write(gzip, `${JSON.stringify(header)}\n`)
    for (const t of tables) {
      await write(gzip, `${TABLE_MARK}${JSON.stringify({ name: t.name, columns: t.columns })}\n`)
      const columns = t.columns.map((c) => pg.escapeIdentifier(c)).join(', ')
      const stream = client.query(copyTo(`copy ${pg.escapeIdentifier(t.name)} (${columns}) to stdout`))
      for await (const chunk of stream) await write(gzip, chunk as Buffer)
      await write(gzip, `${END_MARK}\n`)
    }
    gzip.end()
    await done
    await client.query('commit')
    // Only a complete file gets the final name, so a crash mid-backup never leaves a truncated backup.
    fs.renameSync(tmp, file)
    return header
  } catch (error) {
    fs.rmSync(tmp, { force: true })
    throw error
  } finally {
    await client.end()
  }
}

async function write(stream: Writable, data: string | Buffer): Promise<void> {
  if (!stream.write(data)) await once(stream, 'drain')
}

/**
 * Refuses a database that a restore could harm: one with data in a table (other than the reference
 * data migrations fill), or one migrated further than the backup (bringing it back would take down
 * migrations, which Indsats does not have). Asked before any migration runs.
 */
async function checkTarget(client: pg.ClientBase, header: BackupHeader): Promise<void> {
  const tables = await client.query<{ name: string }>(`
    select c.relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    where c.relkind = 'r' and c.relname not like 'kysely\\_%' order by 1`)
  for (const { name } of tables.rows) {
    if (REFERENCE_TABLES.includes(name)) continue
    const n = await client.query<{ any: boolean }>(`select exists (select from ${pg.escapeIdentifier(name)}) as any`)
    if (n.rows[0]!.any) throw new AppError('conflict', `Databasen er ikke tom (tabellen ${name} har data). Gendan kun i en tom database.`)
  }
  const migrated = await client.query<{ name: string }>(`select name from kysely_migration order by name`).catch(() => ({ rows: [] as { name: string }[] }))
  const newer = migrated.rows.map((r) => r.name).filter((m) => !header.migrations.includes(m))
  if (newer.length > 0) {
    throw new AppError('conflict', `Databasen er allerede opdateret til en nyere version af Indsats end backuppen (${newer.length} migreringer mere). Gendan i en ny, tom database.`)
  }
}

/**
 * Restores a backup into an empty database: brings the schema to the backup's migration, loads
 * every table in one transaction (all or nothing), then applies any newer migrations.
 */
export async function restore(connectionString: string, file: string, inputs: MigrationInputs = {}): Promise<BackupHeader> {
  // The whole file is read and checked before the database is touched (backup-file.ts).
  const header = await checkBackupFile(file)
  const target = new pg.Client({ connectionString })
  await target.connect()
  try {
    await checkTarget(target, header)
  } finally {
    await target.end()
  }
  const owner = createDb(connectionString, { role: 'owner', max: 1 })
  try {
    const last = header.migrations.at(-1)
    if (last) {
      const { error } = await migrator(owner).migrateTo(last)
      if (error) throw error
    }
  } finally {
    await owner.destroy()
  }

  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    for (const t of header.tables) {
      if (REFERENCE_TABLES.includes(t.name)) continue
      const n = await client.query<{ n: string }>(`select count(*) as n from ${pg.escapeIdentifier(t.name)}`)
      if (Number(n.rows[0]!.n) > 0) {
        throw new AppError('conflict', `Databasen er ikke tom (tabellen ${t.name} har data). Gendan kun i en tom database.`)
      }
    }
    await client.query('begin')
    for (const name of REFERENCE_TABLES) {
      if (header.tables.some((t) => t.name === name)) await client.query(`delete from ${pg.escapeIdentifier(name)}`)
    }
    const lines = backupLines(fs.createReadStream(file))
    let copy: ReturnType<typeof copyFrom> | null = null
    let copyDone: Promise<unknown> | null = null
    try {
      let first = true
      for await (const [line] of lines) {
        if (first) {
          first = false
          continue
        }
        if (copy) {
          if (line === END_MARK) {
            copy.end()
            await copyDone
            copy = null
          } else {
            await write(copy, `${line}\n`)
          }
        } else if (line.startsWith(TABLE_MARK)) {
          const section = JSON.parse(line.slice(TABLE_MARK.length)) as { name: string; columns: string[] }
          const columns = section.columns.map((c) => pg.escapeIdentifier(c)).join(', ')
          const stream = client.query(copyFrom(`copy ${pg.escapeIdentifier(section.name)} (${columns}) from stdin`))
          copyDone = new Promise((resolve, reject) => {
            stream.on('finish', resolve)
            stream.on('error', reject)
          })
          copy = stream
        } else if (line !== '') {
          throw new AppError('validation', 'Backupfilen er beskadiget.')
        }
      }
      if (copy) throw new AppError('validation', 'Backupfilen er ufuldstændig (afbrudt midt i en tabel).')
    } catch (error) {
      // An open COPY must be failed on the server before the connection can roll back.
      if (copy) {
        ;(copy as ReturnType<typeof copyFrom>).destroy(error as Error)
        await copyDone?.catch(() => {})
      }
      throw unpackError(error)
    }
    // Identity columns continue after the restored ids.
    await client.query(`
      do $$ declare r record; begin
        for r in select c.relname as t, a.attname as col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as seq
          from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
          join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and a.attidentity <> ''
          where c.relkind = 'r'
        loop
          execute format('select setval(%L, coalesce((select max(%I) from %I), 0) + 1, false)', r.seq, r.col, r.t);
        end loop;
      end $$`)
    for (const t of header.tables) {
      if (REFERENCE_TABLES.includes(t.name)) continue
      const n = await client.query<{ n: string }>(`select count(*) as n from ${pg.escapeIdentifier(t.name)}`)
      if (Number(n.rows[0]!.n) !== t.rows) {
        throw new AppError('validation', `Tabellen ${t.name} fik ${n.rows[0]!.n} rækker; backuppen lover ${t.rows}.`)
      }
    }
    await client.query('commit')
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    await client.end()
  }

  const after = createDb(connectionString, { role: 'owner', max: 1 })
  try {
    await migrateToLatest(after, inputs)
  } finally {
    await after.destroy()
  }
  return header
}
