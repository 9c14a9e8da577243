import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultMessages } from '../../src/shared/errors.ts'
import { loadConfig } from '../../src/server/config.ts'
import { SESSION_COOKIE, sessionId } from '../../src/server/features/auth/auth.service.ts'
import { insertSession } from '../../src/server/features/auth/identity-provider.repo.ts'
import { ATTEMPT_COOKIE } from '../../src/server/features/auth/identity-provider.routes.ts'
import { totpCodeAt } from '../../src/server/features/auth/totp.ts'
import type { App } from '../../src/server/lib/request.ts'
import { makePlan, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { CookieJar, type NextSignIn, startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider.ts'

// Sign-in through the organisation's identity provider (decision 032), against a real OpenID
// provider on this machine: the test walks the browser's redirects from Indsats to the provider and
// back, with the provider's cookies, as a browser would.

const REDIRECT_URL = 'http://indsats.test/api/auth/oidc/callback'

let idp: TestIdentityProvider
let t: TestDatabase
let app: App
let plan: string
let people = 0

beforeAll(async () => {
  idp = await startIdentityProvider(REDIRECT_URL)
  t = await testDatabase({
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_REDIRECT_URL: REDIRECT_URL,
    OIDC_DISPLAY_NAME: 'Log ind med Sønderborg Kommune',
    OIDC_MFA_ACR_VALUES: 'urn:test:substantial',
  })
  app = await testApp(t.ctx)
  plan = await makePlan(t.ctx, 'Sønderborg')
})

afterAll(async () => {
  await app.close()
  await idp.close()
})

/** A person at the provider, with their own account id there. */
function personAtProvider(email: string | undefined, emailVerified = true): string {
  const accountId = `medarbejder-${++people}`
  idp.people.set(accountId, { ...(email ? { email } : {}), emailVerified })
  return accountId
}

/**
 * Presses "Log ind med …" and follows the redirects through the provider's login and back to
 * Indsats' callback. `changeReturn` lets a test alter the address the provider sends the browser back to.
 */
async function signInThroughProvider(next: NextSignIn, options: { changeReturn?: (url: URL) => void; keepAttempt?: boolean; jar?: CookieJar } = {}) {
  const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' })
  expect(start.statusCode, start.body).toBe(303)
  const attempt = start.cookies.find((c) => c.name === ATTEMPT_COOKIE)
  expect(attempt?.httpOnly).toBe(true)
  let location = String(start.headers.location)
  expect(location.startsWith(`${idp.issuer}/`)).toBe(true)
  expect(new URL(location).searchParams.get('code_challenge_method')).toBe('S256')
  idp.signInAs(next)
  const jar = options.jar ?? new CookieJar()
  for (let hops = 0; !location.startsWith(REDIRECT_URL); hops++) {
    if (hops > 10) throw new Error('too many redirects at the provider')
    const res = await fetch(new URL(location, idp.issuer), { redirect: 'manual', headers: { cookie: jar.header() } })
    jar.take(res)
    if (res.status < 300 || res.status >= 400) throw new Error(`provider answered ${res.status}: ${await res.text()}`)
    location = res.headers.get('location')!
  }
  const back = new URL(location)
  options.changeReturn?.(back)
  const res = await app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, cookies: options.keepAttempt === false ? {} : { [ATTEMPT_COOKIE]: attempt!.value } })
  expect(res.statusCode, res.body).toBe(303)
  const session = res.cookies.find((c) => c.name === SESSION_COOKIE)
  return { location: String(res.headers.location), cookie: session ? `${SESSION_COOKIE}=${session.value}` : null, sessionToken: session?.value ?? null }
}

async function sessionOf(cookie: string) {
  const res = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { user: { id: string; email: string; mustChangePassword: boolean }; secondFactor: string }
}

async function lastAudit(action: 'login' | 'login_failed') {
  const row = await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'entity', 'entity_id', 'details']).where('action', '=', action).orderBy('id', 'desc').executeTakeFirstOrThrow()
  return { ...row, details: row.details as Record<string, unknown> }
}

describe('the sign-in page', () => {
  it('offers the button with the configured name when a provider is set up', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/oidc' })
    expect(res.json()).toEqual({ enabled: true, displayName: 'Log ind med Sønderborg Kommune' })
  })

  it('offers no button, and no way to start, when no provider is set up', async () => {
    const plain = await testApp({ ...t.ctx, config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }) })
    expect((await plain.inject({ method: 'GET', url: '/api/auth/oidc' })).json()).toEqual({ enabled: false })
    expect((await plain.inject({ method: 'GET', url: '/api/auth/oidc/start' })).statusCode).toBe(404)
    await plain.close()
  })
})

describe('signing in through the identity provider', () => {
  it('signs in an existing user by their verified e-mail, links the account, and asks for the own code when the provider asserts no MFA', async () => {
    const user = await makeUser(t.ctx, 'projektleder', [plan])
    const accountId = personAtProvider(user.email.toUpperCase())
    const { location, cookie, sessionToken } = await signInThroughProvider({ accountId, amr: ['pwd'] })
    expect(location).toBe('/')
    const session = await sessionOf(cookie!)
    expect(session.user.id).toBe(user.id)
    expect(session.secondFactor).toBe('enrol')
    // Only the second-factor steps are open until then.
    const plans = await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie: cookie! } })
    expect(plans.statusCode).toBe(403)
    expect(plans.json().code).toBe('second_factor_required')
    const row = await t.ctx.db.selectFrom('session').select(['sign_in_method', 'second_factor_at']).where('id', '=', sessionId(sessionToken!)).executeTakeFirstOrThrow()
    expect(row).toEqual({ sign_in_method: 'identity_provider', second_factor_at: null })
    const audit = await lastAudit('login')
    expect(audit.actor_id).toBe(user.id)
    expect(audit.details).toMatchObject({ method: 'identity_provider', issuer: idp.issuer, subject: accountId, linked: true, mfa: false })
    const link = await t.ctx.db.selectFrom('user_identity').select('user_id').where('issuer', '=', idp.issuer).where('subject', '=', accountId).executeTakeFirstOrThrow()
    expect(link.user_id).toBe(user.id)
  })

  it('lets a user who signed in without MFA at the provider through after setting up the app and giving its code', async () => {
    const user = await makeUser(t.ctx, 'boligsocial', [plan])
    const { cookie } = await signInThroughProvider({ accountId: personAtProvider(user.email), amr: ['pwd'] })
    const started = await app.inject({ method: 'POST', url: '/api/session/second-factor/enrolment', headers: { cookie: cookie! } })
    expect(started.statusCode, started.body).toBe(200)
    const code = await totpCodeAt(started.json().secret as string, new Date())
    const confirmed = await app.inject({ method: 'POST', url: '/api/session/second-factor/enrolment/confirm', headers: { cookie: cookie! }, payload: { code } })
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    expect((await sessionOf(cookie!)).secondFactor).toBe('done')
    expect((await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie: cookie! } })).statusCode).toBe(200)
  })

  it('takes MFA asserted by the provider (amr) as the second factor: no code is asked', async () => {
    const user = await makeUser(t.ctx, 'jobcenter', [plan])
    const { cookie, sessionToken } = await signInThroughProvider({ accountId: personAtProvider(user.email), amr: ['pwd', 'mfa'] })
    expect((await sessionOf(cookie!)).secondFactor).toBe('done')
    expect((await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie: cookie! } })).statusCode).toBe(200)
    const row = await t.ctx.db.selectFrom('session').select(['sign_in_method', 'second_factor_method']).where('id', '=', sessionId(sessionToken!)).executeTakeFirstOrThrow()
    expect(row).toEqual({ sign_in_method: 'identity_provider', second_factor_method: 'identity_provider' })
    expect((await lastAudit('login')).details).toMatchObject({ mfa: true, amr: ['pwd', 'mfa'] })
  })

  it('takes an acr the operator named as the second factor, and no other acr', async () => {
    const strong = await makeUser(t.ctx, 'projektleder', [plan])
    const signedStrong = await signInThroughProvider({ accountId: personAtProvider(strong.email), acr: 'urn:test:substantial' })
    expect((await sessionOf(signedStrong.cookie!)).secondFactor).toBe('done')
    const weak = await makeUser(t.ctx, 'projektleder', [plan])
    const signedWeak = await signInThroughProvider({ accountId: personAtProvider(weak.email), acr: 'urn:test:password' })
    expect((await sessionOf(signedWeak.cookie!)).secondFactor).toBe('enrol')
  })

  it('does not send a new user who signs in through the provider to replace a one-time password they never use', async () => {
    const user = await makeUser(t.ctx, 'jobcenter', [plan], { mustChangePassword: true })
    const { cookie } = await signInThroughProvider({ accountId: personAtProvider(user.email), amr: ['mfa'] })
    const session = await sessionOf(cookie!)
    expect(session.user.mustChangePassword).toBe(false)
    expect((await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie: cookie! } })).statusCode).toBe(200)
    // Signing in with the password still asks for the change.
    const byPassword = await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } })
    expect(byPassword.json().user.mustChangePassword).toBe(true)
  })

  it('finds a linked user by the provider account even after the e-mail there has changed', async () => {
    const user = await makeUser(t.ctx, 'bestyrelse', [plan])
    const accountId = personAtProvider(user.email)
    await signInThroughProvider({ accountId })
    idp.people.set(accountId, { email: 'nyt.navn@example.dk', emailVerified: true })
    const { cookie } = await signInThroughProvider({ accountId })
    const session = await sessionOf(cookie!)
    expect(session.user.id).toBe(user.id)
    // A board member needs no second factor (decision 027).
    expect(session.secondFactor).toBe('not_needed')
    expect((await lastAudit('login')).details).toMatchObject({ linked: false, email: 'nyt.navn@example.dk' })
  })
})

describe('refusals', () => {
  it('refuses a person with no Indsats user, with a Danish message, audited, and creates nobody', async () => {
    const usersBefore = await t.ctx.db.selectFrom('app_user').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    const accountId = personAtProvider('ukendt.person@example.dk')
    const { location, cookie } = await signInThroughProvider({ accountId, amr: ['pwd', 'mfa'] })
    expect(location).toBe('/log-ind?fejl=identity_provider_unknown_user')
    expect(defaultMessages.identity_provider_unknown_user).toContain('ingen bruger i Indsats')
    expect(cookie).toBeNull()
    const audit = await lastAudit('login_failed')
    expect(audit.details).toMatchObject({ method: 'identity_provider', reason: 'unknown_user', subject: accountId, email: 'ukendt.person@example.dk' })
    const usersAfter = await t.ctx.db.selectFrom('app_user').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(usersAfter.n).toBe(usersBefore.n)
    expect(await t.ctx.db.selectFrom('user_identity').select('user_id').where('subject', '=', accountId).executeTakeFirst()).toBeUndefined()
  })

  it('refuses to link by an e-mail the provider does not vouch for', async () => {
    const user = await makeUser(t.ctx, 'projektleder', [plan])
    const { location, cookie } = await signInThroughProvider({ accountId: personAtProvider(user.email, false), amr: ['mfa'] })
    expect(location).toBe('/log-ind?fejl=identity_provider_unknown_user')
    expect(cookie).toBeNull()
    expect((await lastAudit('login_failed')).details).toMatchObject({ reason: 'email_not_verified' })
  })

  it('does not let a second provider account take over a user already linked to another', async () => {
    const user = await makeUser(t.ctx, 'projektleder', [plan])
    await signInThroughProvider({ accountId: personAtProvider(user.email) })
    const { location, cookie } = await signInThroughProvider({ accountId: personAtProvider(user.email) })
    expect(location).toBe('/log-ind?fejl=identity_provider_unknown_user')
    expect(cookie).toBeNull()
    const audit = await lastAudit('login_failed')
    expect(audit).toMatchObject({ entity: 'user', entity_id: user.id })
    expect(audit.details).toMatchObject({ reason: 'linked_to_other_subject' })
  })

  it('refuses a disabled user, before and after the account is linked', async () => {
    const fresh = await makeUser(t.ctx, 'jobcenter', [plan])
    await t.ctx.db.updateTable('app_user').set({ disabled_at: new Date() }).where('id', '=', fresh.id).execute()
    const first = await signInThroughProvider({ accountId: personAtProvider(fresh.email), amr: ['mfa'] })
    expect(first.location).toBe('/log-ind?fejl=identity_provider_disabled_user')
    expect(first.cookie).toBeNull()
    expect(await lastAudit('login_failed')).toMatchObject({ entity: 'user', entity_id: fresh.id, details: expect.objectContaining({ reason: 'disabled' }) })

    const linked = await makeUser(t.ctx, 'jobcenter', [plan])
    const accountId = personAtProvider(linked.email)
    expect((await signInThroughProvider({ accountId })).cookie).not.toBeNull()
    await t.ctx.db.updateTable('app_user').set({ disabled_at: new Date() }).where('id', '=', linked.id).execute()
    const again = await signInThroughProvider({ accountId })
    expect(again.location).toBe('/log-ind?fejl=identity_provider_disabled_user')
    expect(again.cookie).toBeNull()
  })

  it('refuses a return whose state is not the one this browser was sent off with', async () => {
    const user = await makeUser(t.ctx, 'projektleder', [plan])
    const { location, cookie } = await signInThroughProvider({ accountId: personAtProvider(user.email), amr: ['mfa'] }, { changeReturn: (url) => url.searchParams.set('state', 'an-attackers-state') })
    expect(location).toBe('/log-ind?fejl=identity_provider_failed')
    expect(cookie).toBeNull()
    expect((await lastAudit('login_failed')).details).toMatchObject({ method: 'identity_provider', reason: 'state_mismatch' })
  })

  it('refuses a return in a browser that never started the sign-in (no attempt cookie)', async () => {
    const user = await makeUser(t.ctx, 'projektleder', [plan])
    const { location, cookie } = await signInThroughProvider({ accountId: personAtProvider(user.email), amr: ['mfa'] }, { keepAttempt: false })
    expect(location).toBe('/log-ind?fejl=identity_provider_failed')
    expect(cookie).toBeNull()
    expect((await lastAudit('login_failed')).details).toMatchObject({ reason: 'no_attempt' })
  })
})

describe('signing out', () => {
  it('ends the session at the provider too, so the next sign-in there asks who the person is again', async () => {
    const user = await makeUser(t.ctx, 'projektleder', [plan])
    const accountId = personAtProvider(user.email)
    const jar = new CookieJar()
    const first = await signInThroughProvider({ accountId, amr: ['pwd', 'mfa'] }, { jar })
    expect((await sessionOf(first.cookie!)) as unknown).toMatchObject({ signInMethod: 'identity_provider' })
    // Still signed in at the provider: a second sign-in goes straight through, without its login screen.
    const screens = idp.loginScreens()
    const second = await signInThroughProvider({ accountId, amr: ['pwd', 'mfa'] }, { jar })
    expect(idp.loginScreens()).toBe(screens)
    const kept = await t.ctx.db.selectFrom('session').select('provider_id_token').where('id', '=', sessionId(second.sessionToken!)).executeTakeFirstOrThrow()
    expect(kept.provider_id_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)

    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: second.cookie! } })
    expect(out.statusCode, out.body).toBe(200)
    const signOutUrl = new URL(out.json().providerSignOutUrl as string)
    expect(signOutUrl.origin).toBe(idp.issuer)
    expect(signOutUrl.searchParams.get('id_token_hint')).toBe(kept.provider_id_token)
    expect(signOutUrl.searchParams.get('post_logout_redirect_uri')).toBe('http://indsats.test/log-ind')
    // The token went with the session.
    expect(await t.ctx.db.selectFrom('session').select('id').where('id', '=', sessionId(second.sessionToken!)).executeTakeFirst()).toBeUndefined()

    // At the provider: its page asks to confirm, and then sends the browser back to Indsats' sign-in page.
    const confirm = await fetch(signOutUrl, { redirect: 'manual', headers: { cookie: jar.header() } })
    jar.take(confirm)
    expect(confirm.status).toBe(200)
    const page = await confirm.text()
    expect(page).toContain('Log ud hos kommunen')
    const action = /<form[^>]*action="([^"]+)"/.exec(page)![1]!
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!
    const done = await fetch(new URL(action, idp.issuer), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    })
    jar.take(done)
    expect(done.status).toBe(303)
    expect(new URL(done.headers.get('location')!).href.startsWith('http://indsats.test/log-ind')).toBe(true)

    // Signed out there: the next sign-in shows the provider's login screen again.
    const again = await signInThroughProvider({ accountId, amr: ['pwd', 'mfa'] }, { jar })
    expect(idp.loginScreens()).toBe(screens + 1)
    expect((await sessionOf(again.cookie!)).user.id).toBe(user.id)
  })

  it('signs a password session out of Indsats only, keeping no token', async () => {
    const user = await makeUser(t.ctx, 'bestyrelse', [plan])
    const signedIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } })
    const session = signedIn.cookies.find((c) => c.name === SESSION_COOKIE)!
    expect(signedIn.json().signInMethod).toBe('password')
    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: `${SESSION_COOKIE}=${session.value}` } })
    expect(out.statusCode).toBe(200)
    expect(out.json()).toEqual({ providerSignOutUrl: null })
  })
})

describe('the password of a user who came through the provider', () => {
  it('cannot be changed in a session signed in through the provider, with a Danish explanation; with the password it can', async () => {
    const user = await makeUser(t.ctx, 'bestyrelse', [plan])
    // A session as the provider's callback opens it (the walk through the provider is tested above,
    // and its start is limited to 20 a minute).
    const token = `provider-session-${user.id}`
    const now = new Date()
    await insertSession(t.ctx.db, { id: sessionId(token), userId: user.id, now, expiresAt: new Date(now.getTime() + 3_600_000), secondFactorAt: null, providerIdToken: null })
    const cookie = `${SESSION_COOKIE}=${token}`
    expect((await sessionOf(cookie)) as unknown).toMatchObject({ signInMethod: 'identity_provider' })
    const change = { currentPassword: user.password, newPassword: 'Grøn-Kaffekande-Mod-Vest-42' }
    const refused = await app.inject({ method: 'POST', url: '/api/session/password', headers: { cookie }, payload: change })
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ code: 'password_change_through_identity_provider', message: expect.stringContaining('skifter du hos din organisation') })

    // The same user signed in with the local password keeps it theirs to change.
    const signedIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } })
    const session = signedIn.cookies.find((c) => c.name === SESSION_COOKIE)!
    const changed = await app.inject({ method: 'POST', url: '/api/session/password', headers: { cookie: `${SESSION_COOKIE}=${session.value}` }, payload: change })
    expect(changed.statusCode, changed.body).toBe(204)
  })
})
