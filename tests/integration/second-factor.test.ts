import { beforeAll, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../../src/server/features/auth/auth.service.ts'
import { totpCodeAt } from '../../src/server/features/auth/totp.ts'
import type { AppContext } from '../../src/server/lib/context.ts'
import type { App } from '../../src/server/lib/request.ts'
import { login, makePlan, makeUser, testApp, type TestUser } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

// The second factor over HTTP (decision 027): these tests sign in as a person would, password then
// code, never through the support helper that marks a session as confirmed.

let t: TestDatabase
let app: App
let ctx: AppContext
/** The server's clock: each code belongs to a 30-second step, and one step's code works once. */
let clock = Date.UTC(2026, 11, 7, 9, 0, 0)
const now = () => new Date(clock)
const nextStep = () => {
  clock += 30_000
}

beforeAll(async () => {
  t = await testDatabase({ LOGIN_MAX_FAILURES: '3' })
  ctx = { ...t.ctx, now }
  app = await testApp(ctx)
})

async function passwordStep(user: { email: string; password: string }, on = app) {
  const res = await on.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } })
  expect(res.statusCode, res.body).toBe(200)
  const cookie = `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`
  return { cookie, secondFactor: res.json().secondFactor as string }
}

const post = (cookie: string, url: string, payload?: object) => app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) })
const get = (cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } })

/** Signs in with the password and sets up an app; returns the secret and the recovery codes. */
async function enrol(user: TestUser) {
  const { cookie } = await passwordStep(user)
  const started = await post(cookie, '/api/session/second-factor/enrolment')
  expect(started.statusCode, started.body).toBe(200)
  const { secret } = started.json() as { secret: string }
  const confirmed = await post(cookie, '/api/session/second-factor/enrolment/confirm', { code: await totpCodeAt(secret, now()) })
  expect(confirmed.statusCode, confirmed.body).toBe(200)
  nextStep()
  return { secret, recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes, cookie }
}

async function auditRows(userId: string) {
  return t.ctx.db.selectFrom('audit_log').select(['action', 'entity', 'details']).where('entity', '=', 'second-factor').where('entity_id', '=', userId).orderBy('id').execute()
}

describe('the second factor at sign-in', () => {
  it('opens nothing to a project leader who has given only the password, until an app is set up', async () => {
    const plan = await makePlan(t.ctx, 'Varde')
    const user = await makeUser(t.ctx, 'projektleder', [plan])
    const { cookie, secondFactor } = await passwordStep(user)
    expect(secondFactor).toBe('enrol')
    for (const url of ['/api/plans', `/api/plans/${plan}/participants`, `/api/plans/${plan}/members`]) {
      const res = await get(cookie, url)
      expect(res.statusCode, url).toBe(403)
      expect(res.json().code).toBe('second_factor_required')
    }
    const changed = await post(cookie, '/api/session/password', { currentPassword: user.password, newPassword: 'en helt ny og lang adgangskode' })
    expect(changed.json().code).toBe('second_factor_required')
    // Who is signed in, and signing out, still work.
    expect((await get(cookie, '/api/session')).json().secondFactor).toBe('enrol')
  })

  it('sets up an app from a QR code, shows ten recovery codes once, and then opens the plans', async () => {
    const user = await makeUser(t.ctx, 'boligsocial')
    const { cookie } = await passwordStep(user)
    const started = (await post(cookie, '/api/session/second-factor/enrolment')).json() as { secret: string; uri: string; qrCode: string }
    expect(started.secret).toMatch(/^[A-Z2-7]{16,}$/)
    expect(started.uri).toContain(`secret=${started.secret}`)
    expect(started.uri).toContain('issuer=Indsats')
    expect(started.qrCode.startsWith('data:image/svg+xml;base64,')).toBe(true)
    expect(Buffer.from(started.qrCode.split(',')[1]!, 'base64').toString()).toContain('<svg')

    const wrong = await post(cookie, '/api/session/second-factor/enrolment/confirm', { code: '000000' === (await totpCodeAt(started.secret, now())) ? '111111' : '000000' })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().code).toBe('invalid_second_factor')
    expect((await get(cookie, '/api/plans')).statusCode).toBe(403)

    const right = await post(cookie, '/api/session/second-factor/enrolment/confirm', { code: await totpCodeAt(started.secret, now()) })
    expect(right.statusCode, right.body).toBe(200)
    const { recoveryCodes } = right.json() as { recoveryCodes: string[] }
    expect(recoveryCodes).toHaveLength(10)
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)
    expect((await get(cookie, '/api/plans')).statusCode).toBe(200)
    expect((await get(cookie, '/api/session')).json().secondFactor).toBe('done')

    // Only hashes are kept; a second enrolment is refused.
    const stored = await t.ctx.db.selectFrom('recovery_code').select('code_hash').where('user_id', '=', user.id).execute()
    expect(stored).toHaveLength(10)
    expect(stored.map((r) => r.code_hash)).not.toContain(recoveryCodes[0])
    expect((await post(cookie, '/api/session/second-factor/enrolment')).statusCode).toBe(409)
    expect((await auditRows(user.id)).map((r) => `${r.action}`)).toEqual(['login_failed', 'create'])
    nextStep()
  })

  it('asks an enrolled user for the code after the password, and takes each code once', async () => {
    const user = await makeUser(t.ctx, 'jobcenter')
    const { secret } = await enrol(user)
    const first = await passwordStep(user)
    expect(first.secondFactor).toBe('verify')
    expect((await get(first.cookie, '/api/plans')).statusCode).toBe(403)
    const code = await totpCodeAt(secret, now())
    const ok = await post(first.cookie, '/api/session/second-factor', { code: code.replace(/(\d{3})/, '$1 ') })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().secondFactor).toBe('done')
    expect((await get(first.cookie, '/api/plans')).statusCode).toBe(200)

    // The same code, seen over a shoulder, does not open a second session.
    const second = await passwordStep(user)
    const replay = await post(second.cookie, '/api/session/second-factor', { code })
    expect(replay.statusCode).toBe(401)
    expect((await get(second.cookie, '/api/plans')).statusCode).toBe(403)
    nextStep()
    expect((await post(second.cookie, '/api/session/second-factor', { code: await totpCodeAt(secret, now()) })).statusCode).toBe(200)
    nextStep()
  })

  it('lets a user in with a recovery code, which then no longer works', async () => {
    const user = await makeUser(t.ctx, 'samarbejdspartner')
    const { recoveryCodes } = await enrol(user)
    const first = await passwordStep(user)
    const used = await post(first.cookie, '/api/session/second-factor', { code: recoveryCodes[3]!.toUpperCase() })
    expect(used.statusCode, used.body).toBe(200)
    expect((await get(first.cookie, '/api/plans')).statusCode).toBe(200)
    const second = await passwordStep(user)
    expect((await post(second.cookie, '/api/session/second-factor', { code: recoveryCodes[3]! })).statusCode).toBe(401)
    expect((await get(second.cookie, '/api/plans')).statusCode).toBe(403)
    const rows = await auditRows(user.id)
    expect(rows.at(-2)).toMatchObject({ action: 'login', details: { method: 'recovery_code', recoveryCodesLeft: 9 } })
    expect(rows.at(-1)).toMatchObject({ action: 'login_failed', details: { reason: 'wrong_recovery_code' } })
  })

  it('does not ask a board member, who reads no residents and administers no one', async () => {
    const user = await makeUser(t.ctx, 'bestyrelse')
    const { cookie, secondFactor } = await passwordStep(user)
    expect(secondFactor).toBe('not_needed')
    expect((await get(cookie, '/api/plans')).statusCode).toBe(200)
  })

  it('makes the code step wait after too many wrong codes, and a right password does not lift it', async () => {
    const user = await makeUser(t.ctx, 'projektleder')
    const { secret } = await enrol(user)
    const { cookie } = await passwordStep(user)
    for (const code of ['000001', '000002', '000003']) {
      expect((await post(cookie, '/api/session/second-factor', { code })).statusCode).toBe(401)
    }
    const again = await passwordStep(user)
    const locked = await post(again.cookie, '/api/session/second-factor', { code: await totpCodeAt(secret, now()) })
    expect(locked.statusCode).toBe(423)
    expect(locked.json().message).toBe('For mange forkerte koder. Vent lidt, og prøv igen.')
    expect((await get(again.cookie, '/api/plans')).statusCode).toBe(403)
    // After the wait (30 s after the third wrong code), the right code works.
    clock += 31_000
    expect((await post(again.cookie, '/api/session/second-factor', { code: await totpCodeAt(secret, now()) })).statusCode).toBe(200)
    nextStep()
  })

  it('counts parallel wrong codes each on their own', async () => {
    const user = await makeUser(t.ctx, 'projektleder')
    await enrol(user)
    const { cookie } = await passwordStep(user)
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(cookie, '/api/session/second-factor', { code: String(100000 + i) })))
    const statuses = answers.map((a) => a.statusCode)
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3)
    // The rest are refused unchecked: waiting (423) or, past the route's rate limit, throttled (429).
    expect(statuses.filter((s) => s === 423 || s === 429).length).toBe(12 - statuses.filter((s) => s === 401).length)
    expect(statuses.filter((s) => s === 423).length).toBeGreaterThan(0)
  })

  it('lets an administrator reset a user’s second factor: sessions end, the user sets up a new app, and it is logged', async () => {
    const plan = await makePlan(t.ctx, 'Sønderborg')
    const admin = await makeUser(t.ctx, 'admin', [plan])
    const adminCookie = await login(app, admin)
    const user = await makeUser(t.ctx, 'projektleder', [plan])
    const { cookie: userCookie } = await enrol(user)
    expect((await get(userCookie, '/api/plans')).statusCode).toBe(200)

    const other = await makeUser(t.ctx, 'projektleder', [plan])
    const refused = await app.inject({ method: 'DELETE', url: `/api/users/${user.id}/second-factor`, headers: { cookie: await login(app, other) } })
    expect(refused.statusCode).toBe(403)

    const reset = await app.inject({ method: 'DELETE', url: `/api/users/${user.id}/second-factor`, headers: { cookie: adminCookie } })
    expect(reset.statusCode, reset.body).toBe(200)
    expect(reset.json().secondFactorEnrolled).toBe(false)
    expect((await get(userCookie, '/api/plans')).statusCode).toBe(401)
    expect((await passwordStep(user)).secondFactor).toBe('enrol')
    expect(await t.ctx.db.selectFrom('recovery_code').select('id').where('user_id', '=', user.id).execute()).toEqual([])
    const rows = await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'action']).where('entity', '=', 'second-factor').where('entity_id', '=', user.id).where('action', '=', 'delete').execute()
    expect(rows).toEqual([{ actor_id: admin.id, action: 'delete' }])
  })

  it('asks the code of an administrator too, who administers users', async () => {
    const admin = await makeUser(t.ctx, 'admin')
    const { cookie, secondFactor } = await passwordStep(admin)
    expect(secondFactor).toBe('enrol')
    expect((await get(cookie, '/api/users')).json().code).toBe('second_factor_required')
  })
})
