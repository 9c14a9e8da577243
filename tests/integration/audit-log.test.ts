import pg from 'pg'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { login, makeUser, testApp } from '../support/app.ts'

let t: TestDatabase
let app: App

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
})

describe('audit log', () => {
  it('records who created which user, and when', async () => {
    const admin = await makeUser(t.ctx, 'admin')
    const cookie = await login(app, admin)
    const before = new Date()
    const res = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { email: 'ny.bruger@example.dk', name: 'Ny Bruger', role: 'boligsocial', organisation: 'Boligforeningen', planIds: [] },
    })
    const created = res.json().user.id
    const row = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'user').where('entity_id', '=', created).where('action', '=', 'create').executeTakeFirstOrThrow()
    expect(row.actor_id).toBe(admin.id)
    expect(row.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000)
    expect(row.details).toMatchObject({ email: 'ny.bruger@example.dk', role: 'boligsocial' })
  })

  it('cannot be changed or deleted by the application role', async () => {
    await expect(sql`update audit_log set action = 'tampered'`.execute(t.db)).rejects.toThrow(/permission denied/)
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/permission denied/)
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/permission denied/)
    const tampered = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'tampered').execute()
    expect(tampered).toHaveLength(0)
  })

  it('refuses updates and deletes even from the database owner', async () => {
    const owner = new pg.Client({ connectionString: t.url })
    await owner.connect()
    try {
      await expect(owner.query(`update audit_log set action = 'tampered'`)).rejects.toThrow(/append-only/)
      await expect(owner.query('delete from audit_log')).rejects.toThrow(/append-only/)
      await expect(owner.query('truncate audit_log')).rejects.toThrow(/append-only/)
    } finally {
      await owner.end()
    }
  })

  it('is readable by an administrator, newest first, and not by others', async () => {
    const admin = await makeUser(t.ctx, 'admin')
    const staff = await makeUser(t.ctx, 'projektleder')
    const adminCookie = await login(app, admin)
    const page = await app.inject({ method: 'GET', url: '/api/audit-log?limit=2', headers: { cookie: adminCookie } })
    expect(page.statusCode).toBe(200)
    const { entries, nextBefore } = page.json()
    expect(entries).toHaveLength(2)
    expect(entries[0].id).toBeGreaterThan(entries[1].id)
    expect(nextBefore).toBe(entries[1].id)
    const refused = await app.inject({ method: 'GET', url: '/api/audit-log', headers: { cookie: await login(app, staff) } })
    expect(refused.statusCode).toBe(403)
  })
})
