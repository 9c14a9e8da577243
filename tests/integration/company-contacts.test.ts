import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { ContactPerson } from '../../src/shared/companies.ts'
import type { Role } from '../../src/shared/users.ts'
import { login, makePlan, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

// Contact people at a company are personal data of company staff (decision 031): they can be
// corrected and removed, the audit log says what changed without keeping the old phone or e-mail,
// and a removed person is gone from the database, not hidden.

let t: TestDatabase
let app: App
let sonderborg: string
let varde: string
let company: string
const cookies = new Map<string, string>()

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  sonderborg = await makePlan(t.ctx, 'Sønderborg')
  varde = await makePlan(t.ctx, 'Varde')
  const res = await app.inject({ method: 'POST', url: `/api/plans/${sonderborg}/companies`, headers: { cookie: await as('jobcenter') }, payload: { cvr: '61056416', name: 'Carlsberg A/S' } })
  company = res.json().id
})

async function as(role: Role, planId = sonderborg): Promise<string> {
  const key = `${role}:${planId}`
  if (!cookies.has(key)) cookies.set(key, await login(app, await makeUser(t.ctx, role, [planId])))
  return cookies.get(key)!
}

const contactsUrl = (planId = sonderborg) => `/api/plans/${planId}/companies/${company}/contacts`

async function addContact(body: Record<string, unknown>): Promise<string> {
  const res = await app.inject({ method: 'POST', url: contactsUrl(), headers: { cookie: await as('jobcenter') }, payload: body })
  expect(res.statusCode).toBe(201)
  return res.json().id
}

async function contacts(role: Role = 'projektleder'): Promise<ContactPerson[]> {
  const res = await app.inject({ method: 'GET', url: contactsUrl(), headers: { cookie: await as(role) } })
  expect(res.statusCode).toBe(200)
  return res.json().contacts
}

const auditRows = (entityId: string, action: 'update' | 'delete') =>
  t.db.selectFrom('audit_log').select(['details', 'actor_id', 'plan_id']).where('entity', '=', 'company-contact').where('entity_id', '=', entityId).where('action', '=', action).execute()

describe('correcting a contact person', () => {
  it('saves the new phone and e-mail and shows them on the company page', async () => {
    const id = await addContact({ name: 'Mette Hansen', jobTitle: 'HR-partner', phone: '74 42 12 34', email: 'mette@example.dk' })
    const res = await app.inject({ method: 'PUT', url: `${contactsUrl()}/${id}`, headers: { cookie: await as('boligsocial') }, payload: { name: 'Mette Hansen', jobTitle: 'HR-chef', phone: '20 30 40 50', email: 'mh@carlsberg.example' } })
    expect(res.statusCode).toBe(204)
    expect((await contacts()).find((c) => c.id === id)).toEqual({ id, name: 'Mette Hansen', jobTitle: 'HR-chef', phone: '20 30 40 50', email: 'mh@carlsberg.example' })
  })

  it('logs which fields changed, the job title before and after, and never the old or new phone and e-mail', async () => {
    const id = await addContact({ name: 'Jens Lund', jobTitle: 'Værkfører', phone: '11 22 33 44', email: 'jens@example.dk' })
    await app.inject({ method: 'PUT', url: `${contactsUrl()}/${id}`, headers: { cookie: await as('jobcenter') }, payload: { name: 'Jens Lund', jobTitle: 'Produktionschef', phone: '55 66 77 88', email: 'jl@example.dk' } })
    const [row, ...more] = await auditRows(id, 'update')
    expect(more).toHaveLength(0)
    expect(row!.plan_id).toBe(sonderborg)
    expect(row!.details).toEqual({ companyId: company, changed: ['jobTitle', 'phone', 'email'], before: { jobTitle: 'Værkfører' }, after: { jobTitle: 'Produktionschef' } })
    const text = JSON.stringify(row!.details)
    for (const secret of ['11 22 33 44', '55 66 77 88', 'jens@example.dk', 'jl@example.dk']) expect(text).not.toContain(secret)
  })

  it('writes no audit row when nothing changed', async () => {
    const id = await addContact({ name: 'Uændret Person', phone: '12 34 56 78' })
    const res = await app.inject({ method: 'PUT', url: `${contactsUrl()}/${id}`, headers: { cookie: await as('jobcenter') }, payload: { name: 'Uændret Person', phone: '12 34 56 78' } })
    expect(res.statusCode).toBe(204)
    expect(await auditRows(id, 'update')).toHaveLength(0)
  })

  it('refuses a wrong e-mail address with a Danish message at the field', async () => {
    const id = await addContact({ name: 'Karen Berg' })
    const res = await app.inject({ method: 'PUT', url: `${contactsUrl()}/${id}`, headers: { cookie: await as('jobcenter') }, payload: { name: 'Karen Berg', email: 'karen-at-firma' } })
    expect(res.statusCode).toBe(400)
    expect(JSON.stringify(res.json())).toContain('Skriv en gyldig e-mailadresse')
    expect((await contacts()).find((c) => c.id === id)!.email).toBeNull()
  })
})

describe('removing a contact person', () => {
  it('deletes the row itself, so the name, phone and e-mail are gone from the database', async () => {
    const id = await addContact({ name: 'Ole Fjern', jobTitle: 'Mester', phone: '98 76 54 32', email: 'ole@example.dk' })
    const res = await app.inject({ method: 'DELETE', url: `${contactsUrl()}/${id}`, headers: { cookie: await as('projektleder') } })
    expect(res.statusCode).toBe(204)
    expect((await contacts()).map((c) => c.name)).not.toContain('Ole Fjern')
    expect(await t.db.selectFrom('company_contact').select('id').where('id', '=', id).execute()).toHaveLength(0)
    const everywhere = await t.db.selectFrom('audit_log').select('details').execute()
    expect(JSON.stringify(everywhere)).not.toContain('98 76 54 32')
    expect(JSON.stringify(everywhere)).not.toContain('ole@example.dk')
  })

  it('keeps in the audit log that a contact was removed, by whom, naming the company', async () => {
    const id = await addContact({ name: 'Lise Væk' })
    await app.inject({ method: 'DELETE', url: `${contactsUrl()}/${id}`, headers: { cookie: await as('boligsocial') } })
    const [row] = await auditRows(id, 'delete')
    expect(row!.details).toEqual({ companyId: company })
    const admin = await login(app, await makeUser(t.ctx, 'admin'))
    const log = await app.inject({ method: 'GET', url: '/api/audit-log?entity=company-contact&action=delete', headers: { cookie: admin } })
    const entries = log.json().entries as { entityId: string; entityName: string; actionLabel?: string }[]
    const entry = entries.find((e) => e.entityId === id)!
    expect(entry.entityName).toBe('Carlsberg A/S')
    expect(JSON.stringify(entry)).not.toContain('Lise')
  })

  it('says the contact person is not found when removed twice', async () => {
    const id = await addContact({ name: 'To Gange' })
    const cookie = await as('jobcenter')
    expect((await app.inject({ method: 'DELETE', url: `${contactsUrl()}/${id}`, headers: { cookie } })).statusCode).toBe(204)
    const again = await app.inject({ method: 'DELETE', url: `${contactsUrl()}/${id}`, headers: { cookie } })
    expect(again.statusCode).toBe(404)
    expect(again.json().message).toBe('Kontaktpersonen findes ikke hos virksomheden.')
  })
})

describe('who may correct and remove contact people', () => {
  it.each([
    ['projektleder', 204],
    ['boligsocial', 204],
    ['jobcenter', 204],
    ['admin', 403],
    ['bestyrelse', 403],
    ['samarbejdspartner', 403],
  ] as const)('gives a %s correcting and removing: %i', async (role, status) => {
    const id = await addContact({ name: `Person for ${role}` })
    const cookie = await as(role)
    expect((await app.inject({ method: 'PUT', url: `${contactsUrl()}/${id}`, headers: { cookie }, payload: { name: `Rettet ${role}` } })).statusCode).toBe(status)
    const afterUpdate = await t.db.selectFrom('company_contact').select('name').where('id', '=', id).executeTakeFirstOrThrow()
    expect(afterUpdate.name).toBe(status === 204 ? `Rettet ${role}` : `Person for ${role}`)
    expect((await app.inject({ method: 'DELETE', url: `${contactsUrl()}/${id}`, headers: { cookie } })).statusCode).toBe(status)
    const left = await t.db.selectFrom('company_contact').select('id').where('id', '=', id).execute()
    expect(left).toHaveLength(status === 204 ? 0 : 1)
  })

  it('refuses staff of another plan, who cannot reach the company through their own plan either', async () => {
    const id = await addContact({ name: 'Anden Plan' })
    const cookie = await as('jobcenter', varde)
    expect((await app.inject({ method: 'DELETE', url: `${contactsUrl()}/${id}`, headers: { cookie } })).statusCode).toBe(403)
    expect((await app.inject({ method: 'DELETE', url: `/api/plans/${varde}/companies/${company}/contacts/${id}`, headers: { cookie } })).statusCode).toBe(404)
    expect(await t.db.selectFrom('company_contact').select('id').where('id', '=', id).execute()).toHaveLength(1)
  })
})
