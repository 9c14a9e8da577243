import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createGunzip, createGzip } from 'node:zlib'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { backup, restore } from '../../src/server/features/backup/backup.service.ts'
import { writeAudit } from '../../src/server/lib/audit-log.ts'
import { emptyDatabase, snapshot, testDatabase, type TestDatabase } from '../support/db.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { login, makePlan, makeUser, testApp } from '../support/app.ts'

let source: TestDatabase
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-backup-'))

beforeAll(async () => {
  source = await testDatabase()
  const app = await testApp(source.ctx)
  const plan = await makePlan(source.ctx, 'Sønderborg')
  for (const role of ['admin', 'projektleder', 'boligsocial', 'jobcenter', 'bestyrelse'] as const) {
    const user = await makeUser(source.ctx, role, [plan])
    await login(app, user)
  }
  // An agreement with its immutable revision, areas, departments and activities.
  await importAgreementFile(source.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
  // Awkward text survives: tabs, newlines, backslashes, quotes, Danish letters, a line that looks like a marker.
  await writeAudit(source.db, {
    actor: { label: 'system' },
    action: 'create',
    entity: 'database',
    entityId: '\\T {"name":"x"}\n\\.\ttab "citat" æøå ÆØÅ',
    details: { note: 'linje 1\nlinje 2\\ med backslash', n: 22.2 },
  })
})

describe('backup and restore', () => {
  it('gives back every row in an empty database, and ids continue after the restored ones', async () => {
    const file = path.join(dir, 'full.backup.gz')
    const header = await backup(source.url, file)
    expect(header.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['audit_log', 'app_user', 'plan', 'session', 'user_plan', 'organisation']))
    // Referenced tables come before the tables that reference them.
    const order = header.tables.map((t) => t.name)
    expect(order.indexOf('organisation')).toBeLessThan(order.indexOf('app_user'))
    expect(order.indexOf('app_user')).toBeLessThan(order.indexOf('user_plan'))

    const target = await emptyDatabase('restore')
    await restore(target, file)
    const [before, after] = [await snapshot(source.url), await snapshot(target)]
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table])
    expect(before.app_user).toHaveLength(5)
    expect([before.agreement_revision, before.department, before.activity].map((rows) => rows!.length)).toEqual([1, 4, 3])

    const client = new pg.Client({ connectionString: target })
    await client.connect()
    const maxBefore = Math.max(...(await client.query<{ id: string }>('select id from audit_log')).rows.map((r) => Number(r.id)))
    const inserted = await client.query<{ id: string }>(`insert into audit_log (actor_label, action, entity) values ('system', 'restore', 'database') returning id`)
    await client.end()
    expect(Number(inserted.rows[0]!.id)).toBe(maxBefore + 1)
  })

  it('refuses to restore into a database that already has data, and changes nothing', async () => {
    const file = path.join(dir, 'again.backup.gz')
    await backup(source.url, file)
    const before = await snapshot(source.url)
    await expect(restore(source.url, file)).rejects.toThrow(/ikke tom/)
    expect(await snapshot(source.url)).toEqual(before)
  })

  it('writes nothing from a damaged backup', async () => {
    const file = path.join(dir, 'ok.backup.gz')
    await backup(source.url, file)
    const text = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = []
      fs.createReadStream(file).pipe(createGunzip()).on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    })
    // Cut the file inside the last table's data.
    const truncated = text.slice(0, text.lastIndexOf('\\.'))
    const broken = path.join(dir, 'broken.backup.gz')
    await pipeline(Readable.from([truncated]), createGzip(), fs.createWriteStream(broken))
    const target = await emptyDatabase('broken')
    await expect(restore(target, broken)).rejects.toThrow(/ufuldstændig/)
    // The file is read and checked before the database is touched: not even a migration ran.
    expect(await snapshot(target)).toEqual({})
  })

  it('rejects a file that is not a backup with a Danish message', async () => {
    const file = path.join(dir, 'not-a-backup.gz')
    await pipeline(Readable.from(['{"hello":"world"}\n']), createGzip(), fs.createWriteStream(file))
    const target = await emptyDatabase('notbackup')
    await expect(restore(target, file)).rejects.toThrow('Filen er ikke en Indsats-backup.')
  })
})
