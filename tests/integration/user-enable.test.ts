import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { login, makePlan, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { type SmtpSink, smtpSink } from '../support/smtp-sink.ts'

// Issue 13, finding 9: a password reset re-enabled a disabled account on the side. Re-enabling is
// now its own act, which only an administrator can do and which the audit log names.

let t: TestDatabase
let app: App

let mail: SmtpSink

beforeAll(async () => {
  mail = await smtpSink()
  t = await testDatabase({ SMTP_URL: mail.url })
  app = await testApp(t.ctx)
})

const signIn = (user: { email: string; password: string }) => app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } })

describe('re-enabling an account', () => {
  it('keeps a disabled user out after a password reset, and lets them in only when re-enabled, which is logged', async () => {
    const plan = await makePlan(t.ctx, 'Varde')
    const admin = await makeUser(t.ctx, 'admin', [plan])
    const cookie = await login(app, admin)
    const user = await makeUser(t.ctx, 'projektleder', [plan])
    expect((await app.inject({ method: 'POST', url: `/api/users/${user.id}/disable`, headers: { cookie } })).statusCode).toBe(200)

    const reset = await app.inject({ method: 'POST', url: `/api/users/${user.id}/reset-password`, headers: { cookie } })
    expect(reset.statusCode).toBe(200)
    expect(reset.json().user.disabled).toBe(true)
    const newPassword = /^ {4}(\S+)$/m.exec(mail.to(user.email).at(-1)!.text)![1]!
    expect((await signIn({ email: user.email, password: newPassword })).statusCode).toBe(401)

    const enabled = await app.inject({ method: 'POST', url: `/api/users/${user.id}/enable`, headers: { cookie } })
    expect(enabled.statusCode, enabled.body).toBe(200)
    expect(enabled.json().disabled).toBe(false)
    expect((await signIn({ email: user.email, password: newPassword })).statusCode).toBe(200)

    const rows = await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'action', 'details']).where('entity', '=', 'user').where('entity_id', '=', user.id).orderBy('id').execute()
    expect(rows.map((r) => r.details)).toEqual([{ role: 'projektleder', planIds: [plan] }, { disabled: true }, { passwordReset: true }, { enabled: true }].map((d) => expect.objectContaining(d)))
    expect(rows.at(-1)!.actor_id).toBe(admin.id)

    const again = await app.inject({ method: 'POST', url: `/api/users/${user.id}/enable`, headers: { cookie } })
    expect(again.statusCode).toBe(409)
    expect(again.json().message).toBe('Brugeren er ikke deaktiveret.')
  })

  it('is refused to anyone but an administrator', async () => {
    const plan = await makePlan(t.ctx, 'Sønderborg')
    const leader = await makeUser(t.ctx, 'projektleder', [plan])
    const user = await makeUser(t.ctx, 'boligsocial', [plan])
    const res = await app.inject({ method: 'POST', url: `/api/users/${user.id}/enable`, headers: { cookie: await login(app, leader) } })
    expect(res.statusCode).toBe(403)
  })
})
