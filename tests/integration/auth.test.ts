import { beforeAll, describe, expect, it } from 'vitest'
import { findOrCreatePlan } from '../../src/server/features/plans/plans.repo.ts'
import { setUserPlans } from '../../src/server/features/users/users.repo.ts'
import type { App } from '../../src/server/lib/request.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { login, makeUser, testApp } from '../support/app.ts'

let t: TestDatabase
let app: App

beforeAll(async () => {
  t = await testDatabase({ LOGIN_MAX_FAILURES: '3', SESSION_IDLE_MINUTES: '30' })
  app = await testApp(t.ctx)
})

describe('sign-in and sessions', () => {
  it('refuses an unauthenticated request with a Danish message', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/plans' })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ code: 'unauthenticated', message: 'Du skal logge ind for at se denne side.' })
  })

  it('sets an HttpOnly, SameSite session cookie that is Secure only over HTTPS', async () => {
    const user = await makeUser(t.ctx, 'projektleder')
    const plain = await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } })
    expect(plain.statusCode).toBe(200)
    const cookie = plain.cookies.find((c) => c.name === 'indsats_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Lax')
    expect(cookie.secure).toBeFalsy()
    expect(plain.json().user.email).toBe(user.email)

    const proxied = await testApp({ ...t.ctx, config: { ...t.ctx.config, TRUST_PROXY: true } })
    const https = await proxied.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: user.email, password: user.password },
    })
    expect(https.cookies.find((c) => c.name === 'indsats_session')!.secure).toBe(true)
  })

  it('accepts the e-mail address in any letter case', async () => {
    const user = await makeUser(t.ctx, 'boligsocial')
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email.toUpperCase(), password: user.password } })
    expect(res.statusCode).toBe(200)
  })

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const user = await makeUser(t.ctx, 'boligsocial')
    const wrong = await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: 'forkert-kode-123' } })
    const unknown = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'ingen@example.dk', password: 'forkert-kode-123' } })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.json()).toEqual(wrong.json())
    expect(wrong.json().message).toContain('Forkert e-mail eller adgangskode.')
  })

  it('makes the account wait after repeated wrong passwords, even against the right one, with the same answer as a wrong password, and logs each attempt', async () => {
    const user = await makeUser(t.ctx, 'jobcenter')
    const attempt = (password: string) => app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password } })
    const first = await attempt('forkert-1')
    expect(first.statusCode).toBe(401)
    expect((await attempt('forkert-2')).statusCode).toBe(401)
    const third = await attempt('forkert-3')
    const right = await attempt(user.password)
    const unknown = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'ingen-konto@example.dk', password: user.password } })
    for (const res of [third, right]) {
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual(first.json())
    }
    expect(unknown.json()).toEqual(first.json())
    const failures = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).where('action', '=', 'login_failed').execute()
    expect(failures).toHaveLength(4)
    expect(failures.map((f) => (f.details as { reason: string }).reason).sort()).toEqual(['locked', 'wrong_password', 'wrong_password', 'wrong_password'])
  })

  it('lets the owner in after a short wait that doubles with each further wrong password', async () => {
    const user = await makeUser(t.ctx, 'boligsocial')
    const at = (seconds: number) => testApp({ ...t.ctx, now: () => new Date(start + seconds * 1000) })
    const start = Date.now()
    const attempt = async (seconds: number, password: string) =>
      (await (await at(seconds)).inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password } })).statusCode
    for (const n of [1, 2, 3]) expect(await attempt(0, `forkert-${n}`)).toBe(401)
    // Three wrong: 30 s.
    expect(await attempt(29, user.password)).toBe(401)
    // After 30 s one more wrong password: 60 s more.
    expect(await attempt(31, 'forkert-4')).toBe(401)
    expect(await attempt(62, user.password)).toBe(401)
    expect(await attempt(92, user.password)).toBe(200)
    // Signing in clears the count: the next wrong password does not make the owner wait.
    expect(await attempt(93, 'forkert-5')).toBe(401)
    expect(await attempt(93, user.password)).toBe(200)
  })

  it('counts parallel wrong passwords sent over HTTP each on their own: 20 at once check at most the limit and leave the account waiting', async () => {
    const user = await makeUser(t.ctx, 'projektleder')
    const server = await testApp(t.ctx)
    const address = await server.listen({ port: 0, host: '127.0.0.1' })
    try {
      const guess = (n: number) =>
        fetch(`${address}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: user.email, password: `forkert-gaet-${n}` }),
        })
      const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => guess(n)))
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(401))
      // From another address (the per-address throttle has had its 20).
      const right = await app.inject({ method: 'POST', url: '/api/session', remoteAddress: '10.30.0.1', payload: { email: user.email, password: user.password } })
      expect(right.statusCode).toBe(401)
    } finally {
      await server.close()
    }
    const failures = await t.db.selectFrom('audit_log').select('details').where('entity_id', '=', user.id).where('action', '=', 'login_failed').execute()
    const reasons = failures.map((f) => (f.details as { reason: string }).reason)
    expect(reasons).toHaveLength(21)
    expect(reasons.filter((r) => r === 'wrong_password')).toHaveLength(3)
    const row = await t.db.selectFrom('app_user').select(['failed_logins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.failed_logins).toBe(3)
    expect(row.locked_until).not.toBeNull()
  })

  it('throttles a flood of login attempts from one address', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/session', remoteAddress: '10.9.9.9', payload: { email: `x${i}@example.dk`, password: 'x' } })
      statuses.push(res.statusCode)
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
  })

  it('answers with Danish field messages when the login form is incomplete', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'ikke-en-adresse', password: '' } })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body.code).toBe('validation')
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'password'])
    expect(JSON.stringify(body.issues)).toContain('Skriv en gyldig e-mailadresse.')
  })

  it('makes a user with a one-time password choose a new one before anything else', async () => {
    const user = await makeUser(t.ctx, 'projektleder', [], { mustChangePassword: true })
    const cookie = await login(app, user)
    const blocked = await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie } })
    expect(blocked.statusCode).toBe(403)
    expect(blocked.json().code).toBe('password_change_required')
    const tooShort = await app.inject({ method: 'POST', url: '/api/session/password', headers: { cookie }, payload: { currentPassword: user.password, newPassword: 'kort' } })
    expect(tooShort.statusCode).toBe(400)
    expect(tooShort.json().issues[0].message).toBe('Adgangskoden skal have mindst 12 tegn.')
    const changed = await app.inject({
      method: 'POST',
      url: '/api/session/password',
      headers: { cookie },
      payload: { currentPassword: user.password, newPassword: 'en lang og god sætning' },
    })
    expect(changed.statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie } })).statusCode).toBe(200)
    const oldPassword = await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } })
    expect(oldPassword.statusCode).toBe(401)
  })

  it('refuses a common or trivially repeated new password with a Danish message, and keeps the old one', async () => {
    const user = await makeUser(t.ctx, 'boligsocial')
    const cookie = await login(app, user)
    const change = (newPassword: string) =>
      app.inject({ method: 'POST', url: '/api/session/password', headers: { cookie }, payload: { currentPassword: user.password, newPassword } })
    for (const [password, message] of [
      ['aaaaaaaaaaaa', 'Adgangskoden gentager de samme tegn'],
      ['123456789012', 'Adgangskoden er blandt de mest brugte'],
      ['Password1234', 'Adgangskoden er blandt de mest brugte'],
      ['qwerty123456', 'Adgangskoden er blandt de mest brugte'],
      ['345678901234', 'Adgangskoden er en række tegn i rækkefølge'],
    ]) {
      const res = await change(password!)
      expect(res.statusCode, password).toBe(400)
      expect(res.json().issues).toEqual([{ path: 'newPassword', message: expect.stringContaining(message!) }])
    }
    expect((await app.inject({ method: 'POST', url: '/api/session', remoteAddress: '10.40.0.1', payload: { email: user.email, password: user.password } })).statusCode).toBe(200)
    expect((await change('tre røde huse ved åen')).statusCode).toBe(204)
  })

  it('ends the session at logout; the old cookie then counts as expired', async () => {
    const user = await makeUser(t.ctx, 'bestyrelse')
    const cookie = await login(app, user)
    expect((await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } })).statusCode).toBe(200)
    const after = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })
    expect(after.statusCode).toBe(401)
    expect(after.json().code).toBe('session_expired')
  })

  it('expires a session after the configured idle time', async () => {
    const user = await makeUser(t.ctx, 'bestyrelse')
    const cookie = await login(app, user)
    const current = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })
    expect(current.statusCode).toBe(200)
    const minutesLeft = (Date.parse(current.json().expiresAt) - Date.now()) / 60_000
    expect(minutesLeft).toBeGreaterThan(29)
    expect(minutesLeft).toBeLessThanOrEqual(30)
    const later = await testApp({ ...t.ctx, now: () => new Date(Date.now() + 31 * 60_000) })
    const res = await later.inject({ method: 'GET', url: '/api/session', headers: { cookie } })
    expect(res.statusCode).toBe(401)
    expect(res.json().message).toBe('Din session er udløbet. Log ind igen.')
  })

  it('refuses a state-changing request from another origin', async () => {
    const user = await makeUser(t.ctx, 'bestyrelse')
    const cookie = await login(app, user)
    const res = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, origin: 'https://evil.example', host: 'localhost:80' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('bad_origin')
  })

  it('ends every session of a user who is disabled', async () => {
    const admin = await makeUser(t.ctx, 'admin')
    const user = await makeUser(t.ctx, 'boligsocial')
    const adminCookie = await login(app, admin)
    const userCookie = await login(app, user)
    // In use just before: the server remembers this session (decision 037), and must forget it.
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: userCookie } })).statusCode).toBe(200)
    const res = await app.inject({ method: 'POST', url: `/api/users/${user.id}/disable`, headers: { cookie: adminCookie } })
    expect(res.statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: userCookie } })).statusCode).toBe(401)
    expect((await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } })).statusCode).toBe(401)
  })

  it('keeps a session in use alive, renewing it at most once a minute', async () => {
    const user = await makeUser(t.ctx, 'bestyrelse')
    const cookie = await login(app, user)
    const at = (minutes: number) => testApp({ ...t.ctx, now: () => new Date(Date.now() + minutes * 60_000) })
    // Half a minute in: used, but not yet renewed, so the idle time still counts from the login.
    expect((await (await at(0.5)).inject({ method: 'GET', url: '/api/plans', headers: { cookie } })).statusCode).toBe(200)
    // Twenty minutes in: renewed, so 45 minutes in (more than 30 after the login) it still works.
    expect((await (await at(20)).inject({ method: 'GET', url: '/api/plans', headers: { cookie } })).statusCode).toBe(200)
    expect((await (await at(45)).inject({ method: 'GET', url: '/api/plans', headers: { cookie } })).statusCode).toBe(200)
    // Thirty-one idle minutes after that, it has ended.
    const res = await (await at(76.5)).inject({ method: 'GET', url: '/api/plans', headers: { cookie } })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('session_expired')
  })

  it('sees a change of plan membership at the next request of a running session', async () => {
    // An app of its own: the sign-in limit per address is spent by the parallel-guess test above.
    const app = await testApp(t.ctx)
    const user = await makeUser(t.ctx, 'boligsocial')
    const cookie = await login(app, user)
    const plans = async () => (await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie } })).json().plans.map((p: { name: string }) => p.name)
    expect(await plans()).toEqual([])
    const b = await findOrCreatePlan(t.ctx.db, { name: 'Bakkehuset', municipality: 'Aarhus' })
    const a = await findOrCreatePlan(t.ctx.db, { name: 'Agerparken', municipality: 'Aarhus' })
    await setUserPlans(t.ctx.db, user.id, [b.id, a.id], 'boligsocial')
    expect(await plans()).toEqual(['Agerparken', 'Bakkehuset'])
    const other = await app.inject({ method: 'GET', url: `/api/plans/${a.id}/members`, headers: { cookie } })
    expect(other.statusCode).toBe(200)
    await setUserPlans(t.ctx.db, user.id, [b.id], 'boligsocial')
    expect(await plans()).toEqual(['Bakkehuset'])
    expect((await app.inject({ method: 'GET', url: `/api/plans/${a.id}/members`, headers: { cookie } })).statusCode).toBe(403)
  })
})
