import pg from 'pg'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { AuditEntryDto, AuditLogPage } from '../../src/shared/audit-log.ts'
import { buildApp } from '../../src/server/app.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { login, makeUser, remembering, type TestUser, testApp } from '../support/app.ts'

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

describe('the audit log answers questions', () => {
  let plan: string
  let planName: string
  let admin: TestUser
  let worker: TestUser
  let leader: TestUser
  let jobcenter: TestUser
  let adminCookie: string
  const residents: { id: string; pseudonym: string }[] = []
  const names = new Map<string, string>()
  // Days as the log's filter counts them: Danish days, which begin an hour or two before UTC's.
  const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000))

  async function asUser(user: TestUser, url: string, method: 'GET' | 'POST' = 'GET', payload?: object) {
    return app.inject({ method, url, headers: { cookie: await login(app, user) }, ...(payload ? { payload } : {}) })
  }

  async function ask(query: string): Promise<AuditLogPage> {
    const res = await app.inject({ method: 'GET', url: `/api/audit-log?${query}`, headers: { cookie: adminCookie } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }

  async function everything(query: string): Promise<AuditEntryDto[]> {
    const entries: AuditEntryDto[] = []
    let before: number | null = null
    for (;;) {
      const page = await ask(`${query}&limit=2${before ? `&before=${before}` : ''}`)
      entries.push(...page.entries)
      if (!page.nextBefore) return entries
      before = page.nextBefore
    }
  }

  beforeAll(async () => {
    const imported = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
    plan = imported.planId
    planName = (await t.db.selectFrom('plan').select('name').where('id', '=', plan).executeTakeFirstOrThrow()).name
    admin = await makeUser(t.ctx, 'admin')
    worker = await makeUser(t.ctx, 'boligsocial', [plan])
    leader = await makeUser(t.ctx, 'projektleder', [plan])
    jobcenter = await makeUser(t.ctx, 'jobcenter', [plan])
    for (const u of [admin, worker, leader, jobcenter]) {
      names.set(u.id, (await t.db.selectFrom('app_user').select('name').where('id', '=', u.id).executeTakeFirstOrThrow()).name)
    }
    adminCookie = await login(app, admin)
    for (const name of ['Amina Hassan', 'Bo Jensen']) {
      const res = await asUser(worker, `/api/plans/${plan}/participants`, 'POST', {
        name, phone: '', email: '', address: '', birthYear: 1990, ageBand: null, housingAreaId: null, departmentId: null,
        targetGroupCode: '6.3', targetGroupOn: daysAgo(30), registeredOn: daysAgo(20),
      })
      expect(res.statusCode, res.body).toBe(201)
      residents.push(res.json())
    }
    const [first, second] = residents
    // The project leader lists both; the worker opens the second; the job centre, without consent, is refused it.
    expect((await asUser(leader, `/api/plans/${plan}/participants`)).statusCode).toBe(200)
    expect((await asUser(worker, `/api/plans/${plan}/participants/${second!.id}`)).statusCode).toBe(200)
    expect((await asUser(worker, `/api/plans/${plan}/participants/${first!.id}`)).statusCode).toBe(200)
    expect((await asUser(jobcenter, `/api/plans/${plan}/participants/${second!.id}`)).statusCode).toBe(403)
  })

  it('tells who saw a resident by pseudonym, with names, including the list read that showed them and the refused attempt', async () => {
    const second = residents[1]!
    const { entries, total } = await ask(`participant=${second.pseudonym}`)
    expect(total).toBe(entries.length)
    const summary = entries.map((e) => [e.actor, e.actionLabel, e.entityLabel, e.entityName, e.refused])
    expect(summary).toEqual([
      [names.get(jobcenter.id), 'Læste', 'Deltager', second.pseudonym, true],
      [names.get(worker.id), 'Læste', 'Deltager', second.pseudonym, false],
      // The list read: no single record, but the resident was on it.
      [names.get(leader.id), 'Læste', 'Deltager', null, false],
      [names.get(worker.id), 'Oprettede', 'Deltager', second.pseudonym, false],
    ])
    expect(entries[2]!.listed).toBe(2)
    expect(entries.every((e) => e.planName === planName)).toBe(true)
    // The same question by the resident's id gives the same answer.
    expect((await ask(`participant=${second.id}`)).entries.map((e) => e.id)).toEqual(entries.map((e) => e.id))
  })

  it('finds nothing for a pseudonym nobody has', async () => {
    expect(await ask('participant=D-9999')).toEqual({ entries: [], total: 0, nextBefore: null })
  })

  it('filters by user, action, entity, plan and days, and pages through all of it', async () => {
    const byLeader = await everything(`userId=${leader.id}`)
    expect(byLeader.length).toBeGreaterThanOrEqual(2)
    expect(new Set(byLeader.map((e) => e.actor))).toEqual(new Set([names.get(leader.id)]))
    expect(byLeader.map((e) => e.action)).toEqual(expect.arrayContaining(['login', 'read']))

    const created = await everything('entity=user&action=create')
    expect(created.every((e) => e.entity === 'user' && e.action === 'create')).toBe(true)
    expect(created.map((e) => e.entityName)).toEqual(expect.arrayContaining([names.get(worker.id), names.get(jobcenter.id)]))

    const onPlan = await everything(`planId=${plan}&entity=agreement`)
    expect(onPlan.length).toBeGreaterThan(0)
    expect(onPlan.every((e) => e.entityLabel === 'Delaftale' && e.entityName === 'Beskæftigelse' && e.planName === planName)).toBe(true)

    const today = daysAgo(0)
    const yesterday = daysAgo(1)
    expect((await ask(`userId=${leader.id}&from=${yesterday}&to=${today}`)).total).toBe(byLeader.length)
    expect((await ask(`userId=${leader.id}&to=${yesterday}`)).total).toBe(0)
    expect((await ask(`userId=${leader.id}&from=${daysAgo(-1)}`)).total).toBe(0)
  })

  it('pages through the whole log without gaps or repeats, newest first', async () => {
    const all = await everything(`planId=${plan}`)
    const { total } = await ask(`planId=${plan}&limit=1`)
    expect(all).toHaveLength(total)
    const ids = all.map((e) => e.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('reads rows written under the old entity names as the new ones', async () => {
    await sql`insert into audit_log (actor_label, action, entity, entity_id) values ('system', 'login', 'session', null), ('system', 'read', 'users', null)`.execute(t.db)
    const logins = await ask('entity=login-session&action=login&limit=500')
    expect(logins.entries.some((e) => e.actor === 'Systemet' && e.entityLabel === 'Login')).toBe(true)
    const userReads = await ask('entity=user&action=read')
    expect(userReads.entries.some((e) => e.actor === 'Systemet' && e.entity === 'user')).toBe(true)
  })

  it('exports the filtered rows as CSV that Excel opens: BOM, Danish headings, one line per entry', async () => {
    const second = residents[1]!
    const res = await app.inject({ method: 'GET', url: `/api/audit-log.csv?participant=${second.pseudonym}`, headers: { cookie: adminCookie } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toContain('revisionsspor.csv')
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines[0]).toBe('Nr.;Tidspunkt;Hvem;Handling;Hvad;Navn;Antal viste;Helhedsplan;Afvist;Id')
    const { total } = await ask(`participant=${second.pseudonym}`)
    expect(lines).toHaveLength(total + 1)
    expect(lines[1]).toContain(`${names.get(jobcenter.id)};Læste;Deltager;${second.pseudonym};`)
    expect(lines[1]).toContain(';ja;')
  })

  it('logs each look at the audit log, with what was asked', async () => {
    await ask(`participant=${residents[0]!.pseudonym}`)
    const row = await t.db.selectFrom('audit_log').select(['actor_id', 'entity', 'details']).where('action', '=', 'read').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ actor_id: admin.id, entity: 'audit-log', details: { filter: { participant: residents[0]!.pseudonym } } })
  })

  it('refuses an unknown entity or action in a filter', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/audit-log?entity=sessions', headers: { cookie: adminCookie } })
    expect(res.statusCode).toBe(400)
  })
})

describe('a personal-data read that does not say what it showed', () => {
  it('answers 500 and sends nothing, rather than a read the log cannot name', async () => {
    const leaky = remembering(await buildApp(t.ctx), t.ctx)
    leaky.get('/api/leaky-users', { config: { access: { resource: 'users', action: 'read' } } }, async () => ({ users: ['a secret'] }))
    await leaky.ready()
    const admin = await makeUser(t.ctx, 'admin')
    const res = await leaky.inject({ method: 'GET', url: '/api/leaky-users', headers: { cookie: await login(leaky, admin) } })
    expect(res.statusCode).toBe(500)
    expect(res.body).not.toContain('a secret')
    await leaky.close()
  })
})
