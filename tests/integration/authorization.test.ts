import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { buildApp } from '../../src/server/app.ts'
import { Role } from '../../src/shared/users.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { login, makePlan, makeUser, testApp } from '../support/app.ts'
import { type SmtpSink, smtpSink } from '../support/smtp-sink.ts'

let t: TestDatabase
let app: App
let sonderborg: string
let varde: string

let mail: SmtpSink

beforeAll(async () => {
  mail = await smtpSink()
  t = await testDatabase({ SMTP_URL: mail.url })
  app = await testApp(t.ctx)
  sonderborg = await makePlan(t.ctx, 'Sønderborg')
  varde = await makePlan(t.ctx, 'Varde')
})

describe('plan members (personal data of staff)', () => {
  it('refuses a board member, even one on the plan', async () => {
    const board = await makeUser(t.ctx, 'bestyrelse', [sonderborg])
    const res = await app.inject({ method: 'GET', url: `/api/plans/${sonderborg}/members`, headers: { cookie: await login(app, board) } })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({ code: 'forbidden', message: 'Du har ikke adgang til dette.' })
  })

  it.each(['projektleder', 'boligsocial', 'jobcenter', 'admin'] as const)('shows them to a %s on the plan and logs the read', async (role) => {
    const user = await makeUser(t.ctx, role, [sonderborg])
    const res = await app.inject({ method: 'GET', url: `/api/plans/${sonderborg}/members`, headers: { cookie: await login(app, user) } })
    expect(res.statusCode).toBe(200)
    const members = res.json().members as { id: string }[]
    expect(members.map((m) => m.id)).toContain(user.id)
    const logged = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_id', '=', user.id)
      .where('action', '=', 'read')
      .where('entity', '=', 'plan-members')
      .executeTakeFirstOrThrow()
    expect(logged.plan_id).toBe(sonderborg)
    expect((logged.details as { ids: string[] }).ids.sort()).toEqual(members.map((m) => m.id).sort())
  })

  it.each(Role.options)('refuses a %s the members of a plan they are not on', async (role) => {
    const user = await makeUser(t.ctx, role, [varde])
    const res = await app.inject({ method: 'GET', url: `/api/plans/${sonderborg}/members`, headers: { cookie: await login(app, user) } })
    expect(res.statusCode).toBe(403)
  })

  it('logs nothing when the read is refused', async () => {
    const user = await makeUser(t.ctx, 'boligsocial', [varde])
    await app.inject({ method: 'GET', url: `/api/plans/${sonderborg}/members`, headers: { cookie: await login(app, user) } })
    const reads = await t.db.selectFrom('audit_log').select('id').where('actor_id', '=', user.id).where('action', '=', 'read').execute()
    expect(reads).toHaveLength(0)
  })
})

describe('plans', () => {
  it('lists only the plans a user belongs to; an administrator sees all', async () => {
    const staff = await makeUser(t.ctx, 'jobcenter', [varde])
    const admin = await makeUser(t.ctx, 'admin')
    const mine = await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie: await login(app, staff) } })
    expect(mine.json().plans.map((p: { id: string }) => p.id)).toEqual([varde])
    const all = await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie: await login(app, admin) } })
    expect(all.json().plans.map((p: { id: string }) => p.id).sort()).toEqual([sonderborg, varde].sort())
  })
})

describe('user administration', () => {
  // A fresh app, so the sign-ins of the cases above (one per role) do not count against the limit of
  // sign-ins a minute that these cases sign in under.
  beforeAll(async () => {
    app = await testApp(t.ctx)
  })

  it.each(Role.options.filter((r) => r !== 'admin'))('is refused to a %s', async (role) => {
    const user = await makeUser(t.ctx, role, [sonderborg])
    const cookie = await login(app, user)
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: { cookie } })).statusCode).toBe(403)
    const create = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { email: `ny.${role}@example.dk`, name: 'Ny', role: 'admin', organisation: 'X', planIds: [] },
    })
    expect(create.statusCode).toBe(403)
    expect((await app.inject({ method: 'POST', url: `/api/users/${user.id}/reset-password`, headers: { cookie } })).statusCode).toBe(403)
    expect((await app.inject({ method: 'POST', url: `/api/users/${user.id}/enable`, headers: { cookie } })).statusCode).toBe(403)
    expect((await app.inject({ method: 'DELETE', url: `/api/users/${user.id}/second-factor`, headers: { cookie } })).statusCode).toBe(403)
  })

  it('lets an administrator create a user, who must then change the one-time password', async () => {
    const admin = await makeUser(t.ctx, 'admin')
    const cookie = await login(app, admin)
    const res = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { email: 'Mette.Hansen@Varde.dk', name: 'Mette Hansen', role: 'jobcenter', organisation: 'Jobcenter Varde, Afdeling Ung', planIds: [varde] },
    })
    expect(res.statusCode).toBe(201)
    const { user, passwordSentTo } = res.json()
    expect(user).toMatchObject({ email: 'mette.hansen@varde.dk', role: 'jobcenter', mustChangePassword: true, organisation: { name: 'Jobcenter Varde, Afdeling Ung' } })
    expect(passwordSentTo).toBe('mette.hansen@varde.dk')
    // The one-time password reaches the user by e-mail, not the administrator (issue 13, finding 9).
    const oneTimePassword = /^ {4}([a-z2-9]{5}(?:-[a-z2-9]{5}){3})$/m.exec(mail.to('mette.hansen@varde.dk').at(-1)!.text)![1]!
    expect(res.body).not.toContain(oneTimePassword)
    const again = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { email: 'mette.hansen@varde.dk', name: 'M', role: 'jobcenter', organisation: 'X', planIds: [] },
    })
    expect(again.statusCode).toBe(409)
    const newCookie = await login(app, { email: 'mette.hansen@varde.dk', password: oneTimePassword })
    expect((await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie: newCookie } })).json().code).toBe('password_change_required')
  })
})

describe('route declarations', () => {
  it('refuses to start when a route has no access declaration', async () => {
    const broken = await buildApp(t.ctx)
    expect(() => broken.get('/api/glemt', async () => 'hemmeligt')).toThrow(/no access declaration/)
  })
})
