import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { createDb } from '../../src/server/db/client.ts'
import { migrateToLatest, migrator } from '../../src/server/db/migrate.ts'
import { seedPlans } from '../../src/server/features/plans/plans.seed.ts'
import { testDatabase } from '../support/db.ts'
import { login, makePlan, makeUser, testApp } from '../support/app.ts'

// Parties of a plan (decision 012): every plan has its parties, every membership, resident and
// consent names them by id, and migration 0008 gave the data recorded before its parties.

async function partiesOf(db: Kysely<any>, planId: string) {
  return db.selectFrom('plan_party').select(['id', 'name', 'unit', 'kind']).where('plan_id', '=', planId).orderBy('position').execute() as Promise<
    { id: string; name: string; unit: string | null; kind: string }[]
  >
}

describe('parties of a plan', () => {
  it('gives a new plan a housing-social party and a job-centre party', async () => {
    const t = await testDatabase()
    const planId = await makePlan(t.ctx, 'Esbjerg')
    expect((await partiesOf(t.db, planId)).map((p) => [p.name, p.kind])).toEqual([
      ['Den boligsociale helhedsplan', 'boligsocial'],
      ['Jobcentret', 'jobcenter'],
    ])
  })

  it('gives the seed plans the parties their agreements name, each job-centre unit on its own', async () => {
    const t = await testDatabase()
    const [soenderborg, varde] = await seedPlans(t.ctx)
    const named = (parties: { name: string; unit: string | null; kind: string }[]) => parties.map((p) => [p.unit ? `${p.name}, ${p.unit}` : p.name, p.kind])
    expect(named(await partiesOf(t.db, varde!))).toEqual([
      ['Det Boligsociale Team', 'boligsocial'],
      ['Jobcenter Varde, Afdeling Ung', 'jobcenter'],
      ['Jobcenter Varde, Kontanthjælp & Integration', 'jobcenter'],
      ['Pro Varde, erhvervsguide', 'partner'],
      ['Varde ungdomsskole/SSP', 'partner'],
    ])
    expect(named(await partiesOf(t.db, soenderborg!))).toContainEqual(['Jobcenter Sønderborg, Virksomhedsservice', 'jobcenter'])
    expect(named(await partiesOf(t.db, soenderborg!))).toContainEqual(['De lokale virksomheder', 'company'])
  })

  it('ties a new member to the party their role acts for, and a board member to none', async () => {
    const t = await testDatabase()
    const planId = await makePlan(t.ctx, 'Kolding')
    const [boligsocial, jobcenter] = await partiesOf(t.db, planId)
    const members = { projektleder: boligsocial!.id, boligsocial: boligsocial!.id, jobcenter: jobcenter!.id, bestyrelse: null } as const
    for (const [role, party] of Object.entries(members)) {
      const user = await makeUser(t.ctx, role as keyof typeof members, [planId])
      const row = await t.db.selectFrom('user_plan').select('party_id').where('user_id', '=', user.id).executeTakeFirstOrThrow()
      expect(row.party_id, role).toBe(party)
    }
  })

  it('records the registering party as owner and the parties a consent names', async () => {
    const t = await testDatabase()
    const app = await testApp(t.ctx)
    const planId = await makePlan(t.ctx, 'Vejle')
    const [boligsocial, jobcenter] = await partiesOf(t.db, planId)
    const cookie = await login(app, await makeUser(t.ctx, 'boligsocial', [planId]))
    const created = await app.inject({ method: 'POST', url: `/api/plans/${planId}/participants`, headers: { cookie }, payload: {
        name: 'Sara Holm', phone: null, email: null, address: null, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: '2025-03-01',
      },
    })
    expect(created.statusCode).toBe(201)
    const participantId = (created.json() as { id: string }).id
    const owner = await t.db.selectFrom('participant').select('owner_party_id').where('id', '=', participantId).executeTakeFirstOrThrow()
    expect(owner.owner_party_id).toBe(boligsocial!.id)

    const consent = await app.inject({
      method: 'POST',
      url: `/api/plans/${planId}/participants/${participantId}/consents`,
      headers: { cookie },
      payload: { parties: [boligsocial!.id, jobcenter!.id], categories: ['contact'], purpose: 'Job', form: 'oral', givenOn: '2025-03-01', validUntil: null },
    })
    expect(consent.statusCode).toBe(201)
    const named = await t.db.selectFrom('consent_party').select('party_id').where('consent_id', '=', (consent.json() as { id: string }).id).execute()
    expect(named.map((r) => r.party_id).sort()).toEqual([boligsocial!.id, jobcenter!.id].sort())
  })
})

describe('migration 0008 (parties of a plan)', () => {
  const adminUrl = inject('adminUrl')
  const name = `indsats_m8_${process.pid}`
  let owner: Kysely<any> | undefined
  afterAll(async () => {
    await owner?.destroy()
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
    await admin.end()
  })

  it('maps the fixed parties of memberships, residents and consents recorded before to the plan’s parties', async () => {
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`create database ${pg.escapeIdentifier(name)}`)
    await admin.end()
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    owner = createDb(url.href, { role: 'owner', max: 1 })
    const { error } = await migrator(owner).migrateTo('0007_audit_log_questions')
    expect(error).toBeUndefined()

    const plan = (await sql<{ id: string }>`insert into plan (name, municipality) values ('Helhedsplan', 'Varde') returning id`.execute(owner)).rows[0]!.id
    const org = (await sql<{ id: string }>`insert into organisation (name) values ('Varde Kommune') returning id`.execute(owner)).rows[0]!.id
    const users: Record<string, string> = {}
    for (const role of ['projektleder', 'boligsocial', 'jobcenter', 'bestyrelse']) {
      users[role] = (await sql<{ id: string }>`insert into app_user (organisation_id, email, name, role, password_hash) values (${org}, ${`${role}@example.dk`}, ${role}, ${role}, 'x') returning id`.execute(owner)).rows[0]!.id
      await sql`insert into user_plan (user_id, plan_id) values (${users[role]}, ${plan})`.execute(owner)
    }
    const resident = (await sql<{ id: string }>`insert into participant (plan_id, pseudonym, owner_party, registered_on, name) values (${plan}, 'D-0001', 'jobcenter', '2025-01-01', 'Ali') returning id`.execute(owner)).rows[0]!.id
    const consent = (
      await sql<{ id: string }>`insert into consent (participant_id, parties, categories, purpose, form, given_on) values (${resident}, array['boligsocial', 'jobcenter'], array['contact'], 'Job', 'oral', '2025-01-01') returning id`.execute(owner)
    ).rows[0]!.id

    await migrateToLatest(owner)

    const parties = await partiesOf(owner, plan)
    expect(parties.map((p) => [p.name, p.kind])).toEqual([
      ['Den boligsociale helhedsplan', 'boligsocial'],
      ['Jobcentret', 'jobcenter'],
    ])
    const [boligsocial, jobcenter] = parties
    const memberships = await owner.selectFrom('user_plan').select(['user_id', 'party_id']).execute()
    const partyOfUser = (role: string) => memberships.find((m: { user_id: string }) => m.user_id === users[role])?.party_id
    expect(partyOfUser('projektleder')).toBe(boligsocial!.id)
    expect(partyOfUser('boligsocial')).toBe(boligsocial!.id)
    expect(partyOfUser('jobcenter')).toBe(jobcenter!.id)
    expect(partyOfUser('bestyrelse')).toBeNull()
    const row = await owner.selectFrom('participant').select('owner_party_id').where('id', '=', resident).executeTakeFirstOrThrow()
    expect(row.owner_party_id).toBe(jobcenter!.id)
    const named = await owner.selectFrom('consent_party').select('party_id').where('consent_id', '=', consent).execute()
    expect(named.map((r: { party_id: string }) => r.party_id).sort()).toEqual([boligsocial!.id, jobcenter!.id].sort())
  })
})

describe('the parties API and ownership (decision 012)', () => {
  it('lets the project leader add, rename and archive parties, refuses others, and logs each change', async () => {
    const t = await testDatabase()
    const app = await testApp(t.ctx)
    const planId = await makePlan(t.ctx, 'Ribe')
    const leader = await login(app, await makeUser(t.ctx, 'projektleder', [planId]))
    const worker = await login(app, await makeUser(t.ctx, 'boligsocial', [planId]))
    const url = `/api/plans/${planId}/parties`
    const added = await app.inject({ method: 'POST', url, headers: { cookie: leader }, payload: { name: 'Pro Ribe', unit: 'erhvervsguide', kind: 'partner' } })
    expect(added.statusCode, added.body).toBe(201)
    const party = added.json() as { id: string }
    expect((await app.inject({ method: 'POST', url, headers: { cookie: worker }, payload: { name: 'Andet', unit: null, kind: 'partner' } })).statusCode).toBe(403)
    const twice = await app.inject({ method: 'POST', url, headers: { cookie: leader }, payload: { name: 'Pro Ribe', unit: 'erhvervsguide', kind: 'partner' } })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().message).toBe('Helhedsplanen har allerede parten Pro Ribe, erhvervsguide.')
    const renamed = await app.inject({ method: 'PUT', url: `${url}/${party.id}`, headers: { cookie: leader }, payload: { name: 'Pro Ribe', unit: 'Erhvervsguiden', kind: 'partner', dataController: false, archived: true } })
    expect(renamed.statusCode, renamed.body).toBe(200)
    const list = (await app.inject({ method: 'GET', url, headers: { cookie: worker } })).json() as { parties: { name: string; unit: string | null; archived: boolean }[] }
    expect(list.parties.map((p) => [p.unit ? `${p.name}, ${p.unit}` : p.name, p.archived])).toEqual([
      ['Den boligsociale helhedsplan', false],
      ['Jobcentret', false],
      ['Pro Ribe, Erhvervsguiden', true],
    ])
    const logged = await t.db.selectFrom('audit_log').select(['action', 'details']).where('entity', '=', 'plan-party').where('entity_id', '=', party.id).orderBy('id').execute()
    expect(logged.map((l) => l.action)).toEqual(['create', 'update'])
    expect(logged[1]!.details).toMatchObject({ before: 'Pro Ribe, erhvervsguide', name: 'Pro Ribe, Erhvervsguiden', archived: true })
    // An archived party can no longer be named by a new consent.
    const created = await app.inject({ method: 'POST', url: `/api/plans/${planId}/participants`, headers: { cookie: worker }, payload: {
        name: 'Lise', phone: null, email: null, address: null, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: '2025-03-01',
      },
    })
    const consent = await app.inject({
      method: 'POST',
      url: `/api/plans/${planId}/participants/${(created.json() as { id: string }).id}/consents`,
      headers: { cookie: worker },
      payload: { parties: [party.id], categories: ['contact'], purpose: 'Job', form: 'oral', givenOn: '2025-03-01', validUntil: null },
    })
    expect(consent.statusCode).toBe(400)
    expect(consent.json()).toMatchObject({ code: 'validation', issues: [{ path: 'parties' }] })
  })

  it('makes the plan’s data controller the owner of a resident, whoever registers them', async () => {
    const t = await testDatabase()
    const app = await testApp(t.ctx)
    const planId = await makePlan(t.ctx, 'Sønderborg')
    const [, jobcenter] = await partiesOf(t.db, planId)
    const leader = await login(app, await makeUser(t.ctx, 'projektleder', [planId]))
    const marked = await app.inject({ method: 'PUT', url: `/api/plans/${planId}/parties/${jobcenter!.id}`, headers: { cookie: leader }, payload: { name: 'Jobcentret', unit: null, kind: 'jobcenter', dataController: true, archived: false } })
    expect(marked.statusCode, marked.body).toBe(200)
    const worker = await login(app, await makeUser(t.ctx, 'boligsocial', [planId]))
    const created = await app.inject({ method: 'POST', url: `/api/plans/${planId}/participants`, headers: { cookie: worker }, payload: {
        name: 'Omar', phone: null, email: null, address: null, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: '2025-03-01',
      },
    })
    expect(created.statusCode).toBe(201)
    const id = (created.json() as { id: string }).id
    const read = await app.inject({ method: 'GET', url: `/api/plans/${planId}/participants/${id}`, headers: { cookie: leader } })
    expect(read.json().ownerParty).toEqual({ id: jobcenter!.id, name: 'Jobcentret' })
  })
})

describe('migration 0012 (parties by id only)', () => {
  const adminUrl = inject('adminUrl')
  const name = `indsats_m9_${process.pid}`
  let owner: Kysely<any> | undefined
  afterAll(async () => {
    await owner?.destroy()
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
    await admin.end()
  })

  it('keeps every party a consent named, drops the text columns and gives staff without a party the one their role acted for', async () => {
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`create database ${pg.escapeIdentifier(name)}`)
    await admin.end()
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    owner = createDb(url.href, { role: 'owner', max: 1 })
    expect((await migrator(owner).migrateTo('0008_plan_parties')).error).toBeUndefined()

    const plan = (await sql<{ id: string }>`insert into plan (name, municipality) values ('Helhedsplan', 'Varde') returning id`.execute(owner)).rows[0]!.id
    await sql`insert into plan_party (plan_id, name, kind) values (${plan}, 'Den boligsociale helhedsplan', 'boligsocial'), (${plan}, 'Jobcentret', 'jobcenter')`.execute(owner)
    const [boligsocial, jobcenter] = await partiesOf(owner, plan)
    const org = (await sql<{ id: string }>`insert into organisation (name) values ('Varde Kommune') returning id`.execute(owner)).rows[0]!.id
    const user = (await sql<{ id: string }>`insert into app_user (organisation_id, email, name, role, password_hash) values (${org}, 'j@example.dk', 'J', 'jobcenter', 'x') returning id`.execute(owner)).rows[0]!.id
    await sql`insert into user_plan (user_id, plan_id) values (${user}, ${plan})`.execute(owner)
    const resident = (await sql<{ id: string }>`insert into participant (plan_id, pseudonym, owner_party, owner_party_id, registered_on, name) values (${plan}, 'D-0001', 'boligsocial', ${boligsocial!.id}, '2025-01-01', 'Ali') returning id`.execute(owner)).rows[0]!.id
    // Written by code that filled only the text column: the migration must not lose its parties.
    const consent = (
      await sql<{ id: string }>`insert into consent (participant_id, parties, categories, purpose, form, given_on) values (${resident}, array['boligsocial', 'jobcenter'], array['contact'], 'Job', 'oral', '2025-01-01') returning id`.execute(owner)
    ).rows[0]!.id

    await migrateToLatest(owner)

    const named = await owner.selectFrom('consent_party').select('party_id').where('consent_id', '=', consent).execute()
    expect(named.map((r: { party_id: string }) => r.party_id).sort()).toEqual([boligsocial!.id, jobcenter!.id].sort())
    const membership = await owner.selectFrom('user_plan').select('party_id').where('user_id', '=', user).executeTakeFirstOrThrow()
    expect(membership.party_id).toBe(jobcenter!.id)
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where (table_name = 'participant' and column_name = 'owner_party') or (table_name = 'consent' and column_name = 'parties')`.execute(owner)
    expect(columns.rows).toEqual([])
    await sql`insert into app_user (organisation_id, email, name, role, password_hash) values (${org}, 'p@example.dk', 'P', 'samarbejdspartner', 'x')`.execute(owner)
  })
})

describe('an external partner in Varde (decision 012)', () => {
  it('sees only the young person consented to Pro Varde, without notes, and is named as Pro Varde in the audit trail and the access report', async () => {
    const t = await testDatabase()
    const app = await testApp(t.ctx)
    const [, varde] = await seedPlans(t.ctx)
    const worker = await login(app, await makeUser(t.ctx, 'boligsocial', [varde!]))
    const guideUser = await makeUser(t.ctx, 'samarbejdspartner', [varde!])
    const guide = await login(app, guideUser)
    const leader = await login(app, await makeUser(t.ctx, 'projektleder', [varde!]))
    const admin = await login(app, await makeUser(t.ctx, 'admin', [varde!]))
    const proVarde = (await partiesOf(t.db, varde!)).find((p) => p.name === 'Pro Varde')!
    const base = `/api/plans/${varde}`
    const person = { confirmDuplicates: true, phone: '40 50 60 70', email: null, address: null, birthYear: 2010, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: '2026-01-05' }
    const register = async (name: string) => ((await app.inject({ method: 'POST', url: `${base}/participants`, headers: { cookie: worker }, payload: { ...person, name } })).json() as { id: string }).id
    const young = await register('Maja')
    await register('Ahmed')
    const consent = await app.inject({
      method: 'POST',
      url: `${base}/participants/${young}/consents`,
      headers: { cookie: worker },
      payload: { parties: [proVarde.id], categories: ['contact', 'employment'], purpose: 'At finde et fritidsjob', form: 'oral', givenOn: '2026-01-05', validUntil: null },
    })
    expect(consent.statusCode, consent.body).toBe(201)
    await app.inject({ method: 'POST', url: `${base}/participants/${young}/notes`, headers: { cookie: worker }, payload: { category: 'notes', body: 'Svært derhjemme', writtenOn: '2026-01-06' } })

    const list = (await app.inject({ method: 'GET', url: `${base}/participants`, headers: { cookie: guide } })).json() as { items: { id: string; name: string | null }[]; hiddenByConsent: number }
    expect(list.items.map((i) => [i.id, i.name])).toEqual([[young, 'Maja']])
    expect(list.hiddenByConsent).toBe(1)
    const read = await app.inject({ method: 'GET', url: `${base}/participants/${young}`, headers: { cookie: guide } })
    expect(read.statusCode).toBe(200)
    expect(read.json()).toMatchObject({ access: { scope: 'consent', categories: ['contact', 'employment'] }, contact: { name: 'Maja', phone: '40 50 60 70' }, notes: [], targetGroup: null, cprMasked: null })
    expect(read.json().consents.map((c: { parties: { name: string }[] }) => c.parties.map((p) => p.name))).toEqual([['Pro Varde, erhvervsguide']])
    // A partner writes nothing about a resident.
    const note = await app.inject({ method: 'POST', url: `${base}/participants/${young}/notes`, headers: { cookie: guide }, payload: { category: 'employment', body: 'Fra guiden', writtenOn: '2026-01-07' } })
    expect(note.statusCode).toBe(403)

    const audit = (await app.inject({ method: 'GET', url: `/api/audit-log?participant=${young}&action=read`, headers: { cookie: admin } })).json() as { entries: { actorId: string; party: string | null }[] }
    // The list that showed her and the record the guide opened, each named by the guide's party.
    expect(audit.entries.filter((e) => e.actorId === guideUser.id).map((e) => e.party)).toEqual(['Pro Varde, erhvervsguide', 'Pro Varde, erhvervsguide'])
    const report = (await app.inject({ method: 'GET', url: `${base}/participants/${young}/export`, headers: { cookie: leader } })).json() as { accessLog: { party: string; purpose: string }[] }
    expect(report.accessLog).toContainEqual({ at: expect.any(String), party: 'Pro Varde, erhvervsguide', purpose: 'Dine oplysninger blev vist efter dit samtykke' })
    expect(report.accessLog).toContainEqual({ at: expect.any(String), party: 'Det Boligsociale Team', purpose: 'Du blev registreret' })
  })
})
