import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, ConfigError } from '../../src/server/config.ts'
import type { App } from '../../src/server/lib/request.ts'
import { login, makePlan, makeUser, type TestUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { type SmtpSink, smtpSink } from '../support/smtp-sink.ts'

// Issue 13, finding 9: one-time passwords go to the user by e-mail, never to the administrator, and a
// plan's project leader hears of anyone given access to the plan's residents. Mail goes over real
// SMTP to a sink on this machine (SMTP_URL); without SMTP_URL it lands in the data folder.

let t: TestDatabase
let app: App
let mail: SmtpSink
let varde: string
let soenderborg: string
let admin: TestUser
let cookie: string
let vardeLeader: TestUser
let soenderborgLeader: TestUser

const CODE = /^ {4}([a-z2-9]{5}(?:-[a-z2-9]{5}){3})$/m
const codeIn = (text: string) => CODE.exec(text)?.[1]

beforeAll(async () => {
  mail = await smtpSink()
  t = await testDatabase({ SMTP_URL: mail.url, MAIL_FROM: 'Indsats Varde <indsats@varde.dk>' })
  app = await testApp(t.ctx)
  varde = await makePlan(t.ctx, 'Varde')
  soenderborg = await makePlan(t.ctx, 'Sønderborg')
  admin = await makeUser(t.ctx, 'admin', [varde])
  vardeLeader = await makeUser(t.ctx, 'projektleder', [varde])
  soenderborgLeader = await makeUser(t.ctx, 'projektleder', [soenderborg])
  cookie = await login(app, admin)
})

const signIn = (email: string, password: string) => app.inject({ method: 'POST', url: '/api/session', payload: { email, password } })

const create = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload: { organisation: 'Jobcenter Sønderborg', ...payload } })

describe('one-time passwords by e-mail', () => {
  it('sends a new user their one-time password and never shows it to the administrator who created them', async () => {
    const res = await create({ email: 'Karin.Lund@Sonderborg.dk', name: 'Karin Lund', role: 'jobcenter', planIds: [soenderborg] })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ passwordSentTo: 'karin.lund@sonderborg.dk', mailDelivery: 'smtp' })
    expect(res.json()).not.toHaveProperty('oneTimePassword')

    const [sent, ...more] = mail.to('karin.lund@sonderborg.dk')
    expect(more).toHaveLength(0)
    expect(sent!.from).toBe('indsats@varde.dk')
    expect(sent!.subject).toBe('Din adgang til Indsats')
    expect(sent!.text).toContain('Hej Karin Lund')
    const code = codeIn(sent!.text)!
    expect(code).toBeDefined()
    expect(res.body).not.toContain(code)

    // The code in the mail is the one that works, and only for choosing an own password.
    expect((await signIn('karin.lund@sonderborg.dk', 'forkert-kode-1234')).statusCode).toBe(401)
    const session = await signIn('karin.lund@sonderborg.dk', code)
    expect(session.statusCode).toBe(200)
    expect(session.json()).toMatchObject({ user: { mustChangePassword: true } })

    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'details']).where('entity', '=', 'user').where('action', '=', 'create').where('entity_id', '=', res.json().user.id).executeTakeFirstOrThrow()
    expect(audit.actor_id).toBe(admin.id)
    expect(audit.details).toMatchObject({ oneTimePasswordMailed: true })
    expect(JSON.stringify(audit.details)).not.toContain(code)
  })

  it('mails a reset password to the user, and the administrator cannot sign in as them with anything from the answer', async () => {
    const user = await makeUser(t.ctx, 'boligsocial', [soenderborg])
    const res = await app.inject({ method: 'POST', url: `/api/users/${user.id}/reset-password`, headers: { cookie } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ passwordSentTo: user.email, mailDelivery: 'smtp' })
    expect(res.json()).not.toHaveProperty('oneTimePassword')
    const sent = mail.to(user.email).at(-1)!
    expect(sent.subject).toBe('Ny engangskode til Indsats')
    expect(sent.text).toContain(`${admin.email}`)
    const code = codeIn(sent.text)!
    expect(res.body).not.toContain(code)
    expect((await signIn(user.email, user.password)).statusCode).toBe(401)
    expect((await signIn(user.email, code)).statusCode).toBe(200)
  })

  it('creates no user when the mail server refuses the mail, and says so in Danish', async () => {
    const worker = await makeUser(t.ctx, 'boligsocial', [soenderborg])
    mail.refuse(true)
    try {
      const res = await create({ email: 'afvist@sonderborg.dk', name: 'Afvist', role: 'boligsocial', planIds: [soenderborg] })
      expect(res.statusCode).toBe(502)
      expect(res.json()).toMatchObject({ code: 'mail_failed', message: expect.stringContaining('E-mailen kunne ikke sendes') })
      const user = await t.ctx.db.selectFrom('app_user').select('id').where('email', '=', 'afvist@sonderborg.dk').executeTakeFirst()
      expect(user).toBeUndefined()

      const before = await t.ctx.db.selectFrom('app_user').select('password_hash').where('id', '=', worker.id).executeTakeFirstOrThrow()
      const reset = await app.inject({ method: 'POST', url: `/api/users/${worker.id}/reset-password`, headers: { cookie } })
      expect(reset.statusCode).toBe(502)
      const after = await t.ctx.db.selectFrom('app_user').select('password_hash').where('id', '=', worker.id).executeTakeFirstOrThrow()
      expect(after.password_hash).toBe(before.password_hash)
      expect((await signIn(worker.email, worker.password)).statusCode).toBe(200)
    } finally {
      mail.refuse(false)
    }
    expect((await create({ email: 'afvist@sonderborg.dk', name: 'Afvist', role: 'boligsocial', planIds: [soenderborg] })).statusCode).toBe(201)
  })
})

describe('new access to residents is announced to the plan’s project leader', () => {
  it('tells the project leader of the plan who was given access to its residents, as what and by whom', async () => {
    const res = await create({ email: 'ole.berg@sonderborg.dk', name: 'Ole Berg', role: 'jobcenter', planIds: [soenderborg] })
    expect(res.statusCode).toBe(201)
    const notices = mail.to(soenderborgLeader.email).filter((m) => m.text.includes('Ole Berg'))
    expect(notices).toHaveLength(1)
    expect(notices[0]!.subject).toBe('Ny adgang til beboerne i Helhedsplan Sønderborg')
    expect(notices[0]!.text).toContain('Ole Berg (ole.berg@sonderborg.dk, Jobcenter Sønderborg)')
    expect(notices[0]!.text).toContain('jobcentermedarbejder')
    expect(notices[0]!.text).toContain(admin.email)
    // Varde's project leader has nothing to do with Sønderborg's residents.
    expect(mail.to(vardeLeader.email).some((m) => m.text.includes('Ole Berg'))).toBe(false)
    const audit = await t.ctx.db.selectFrom('audit_log').select('details').where('entity', '=', 'user').where('action', '=', 'create').where('entity_id', '=', res.json().user.id).executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ residentAccessAnnounced: [{ planId: soenderborg, to: [soenderborgLeader.id] }] })
  })

  it('says nothing when the role reads no residents (a board member)', async () => {
    const res = await create({ email: 'bestyrelse.ny@sonderborg.dk', name: 'Bo Bestyrelse', role: 'bestyrelse', organisation: 'Afdelingsbestyrelsen', planIds: [soenderborg] })
    expect(res.statusCode).toBe(201)
    expect(mail.mails.some((m) => m.text.includes('Bo Bestyrelse') && m.to.includes(soenderborgLeader.email))).toBe(false)
  })

  it('announces a plan added to an existing user, and another role on a plan they had, but not a change of name', async () => {
    const user = await makeUser(t.ctx, 'boligsocial', [varde])
    // Made as an operator would, which Varde's project leader has already heard of.
    const earlier = mail.mails.length
    const noticesTo = (leader: TestUser) => mail.mails.slice(earlier).filter((m) => m.to.includes(leader.email) && m.text.includes(user.email))
    const put = (body: Record<string, unknown>) => app.inject({ method: 'PUT', url: `/api/users/${user.id}`, headers: { cookie }, payload: { name: 'Sara Holm', organisation: 'Boligsocialt team', ...body } })

    expect((await put({ role: 'boligsocial', planIds: [varde] })).statusCode).toBe(200)
    expect(noticesTo(vardeLeader)).toHaveLength(0)

    expect((await put({ role: 'boligsocial', planIds: [varde, soenderborg] })).statusCode).toBe(200)
    expect(noticesTo(soenderborgLeader)).toHaveLength(1)
    expect(noticesTo(vardeLeader)).toHaveLength(0)

    expect((await put({ role: 'jobcenter', planIds: [varde, soenderborg] })).statusCode).toBe(200)
    expect(noticesTo(vardeLeader)).toHaveLength(1)
    expect(noticesTo(vardeLeader)[0]!.text).toContain('ændret rollen for Sara Holm')
    expect(noticesTo(soenderborgLeader)).toHaveLength(2)

    const audits = await t.ctx.db.selectFrom('audit_log').select('details').where('entity', '=', 'user').where('action', '=', 'update').where('entity_id', '=', user.id).orderBy('id').execute()
    expect(audits.map((a) => (a.details as { residentAccessAnnounced?: unknown }).residentAccessAnnounced)).toEqual([
      undefined,
      [{ planId: soenderborg, to: [soenderborgLeader.id] }],
      expect.arrayContaining([
        { planId: varde, to: [vardeLeader.id] },
        { planId: soenderborg, to: [soenderborgLeader.id] },
      ]),
    ])
  })
})

describe('a change of party, and the project leader’s front page (decision 041)', () => {
  const dueChecks = async (leaderCookie: string, planId: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/plans/${planId}/due-checks`, headers: { cookie: leaderCookie } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as { accessNotices: { id: string; userName: string; role: string; partyName: string | null; kind: string }[] }
  }

  it('announces another party on the same plan with the same role, by mail and on the project leader’s front page, until marked seen', async () => {
    const south = await t.ctx.db.insertInto('plan_party').values({ plan_id: soenderborg, name: 'Jobcenter Sønderborg', unit: 'Syd', kind: 'jobcenter' }).returning('id').executeTakeFirstOrThrow()
    const north = await t.ctx.db.insertInto('plan_party').values({ plan_id: soenderborg, name: 'Jobcenter Sønderborg', unit: 'Nord', kind: 'jobcenter' }).returning('id').executeTakeFirstOrThrow()
    const user = await makeUser(t.ctx, 'jobcenter', [soenderborg], { partyIds: { [soenderborg]: south.id } })
    const leaderCookie = await login(app, soenderborgLeader)
    const earlier = mail.mails.length
    const put = (partyId: string) =>
      app.inject({ method: 'PUT', url: `/api/users/${user.id}`, headers: { cookie }, payload: { name: 'Jens Nord', organisation: 'Jobcenter Sønderborg', role: 'jobcenter', planIds: [soenderborg], partyIds: { [soenderborg]: partyId } } })

    // The same party again is no news.
    expect((await put(south.id)).statusCode).toBe(200)
    expect(mail.mails.slice(earlier).filter((m) => m.to.includes(soenderborgLeader.email))).toHaveLength(0)

    expect((await put(north.id)).statusCode).toBe(200)
    const sent = mail.mails.slice(earlier).filter((m) => m.to.includes(soenderborgLeader.email))
    expect(sent).toHaveLength(1)
    expect(sent[0]!.text).toContain('flyttet Jens Nord')
    expect(sent[0]!.text).toContain('til en anden part')
    const audit = await t.ctx.db.selectFrom('audit_log').select('details').where('entity', '=', 'user').where('action', '=', 'update').where('entity_id', '=', user.id).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ partyChanged: true, residentAccessAnnounced: [{ planId: soenderborg, to: [soenderborgLeader.id] }] })

    // The project leader sees it among the checks due on the front page; Varde's does not.
    // (Beside the notice of the user's creation, made as an operator would.)
    const notices = (await dueChecks(leaderCookie, soenderborg)).accessNotices.filter((n) => n.userName === 'Jens Nord' && n.kind !== 'new')
    expect(notices).toEqual([expect.objectContaining({ role: 'jobcenter', partyName: 'Jobcenter Sønderborg, Nord', kind: 'party_changed' })])
    const vardeCookie = await login(app, vardeLeader)
    expect((await dueChecks(vardeCookie, varde)).accessNotices.some((n) => n.userName === 'Jens Nord')).toBe(false)

    // Only the one told can mark it seen; then it is gone from the front page.
    const notice = notices[0]!
    expect((await app.inject({ method: 'POST', url: `/api/access-notices/${notice.id}/acknowledgement`, headers: { cookie: vardeCookie } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: `/api/access-notices/${notice.id}/acknowledgement`, headers: { cookie: leaderCookie } })).statusCode).toBe(204)
    expect((await dueChecks(leaderCookie, soenderborg)).accessNotices.some((n) => n.id === notice.id)).toBe(false)
  })

  it('shows a new user with access to residents on the front page, and no longer after 14 days', async () => {
    const res = await create({ email: 'tove.friis@sonderborg.dk', name: 'Tove Friis', role: 'boligsocial', planIds: [soenderborg] })
    expect(res.statusCode).toBe(201)
    const leaderCookie = await login(app, soenderborgLeader)
    const shown = (await dueChecks(leaderCookie, soenderborg)).accessNotices.filter((n) => n.userName === 'Tove Friis')
    expect(shown).toEqual([expect.objectContaining({ role: 'boligsocial', kind: 'new' })])
    await t.ctx.db.updateTable('resident_access_notice').set({ given_at: new Date(Date.now() - 15 * 86_400_000) }).where('id', '=', shown[0]!.id).execute()
    expect((await dueChecks(leaderCookie, soenderborg)).accessNotices.some((n) => n.userName === 'Tove Friis')).toBe(false)
    // A board member reads no residents: no notice.
    await create({ email: 'bestyrelse.to@sonderborg.dk', name: 'Bodil Bestyrelse', role: 'bestyrelse', organisation: 'Afdelingsbestyrelsen', planIds: [soenderborg] })
    expect((await dueChecks(leaderCookie, soenderborg)).accessNotices.some((n) => n.userName === 'Bodil Bestyrelse')).toBe(false)
  })
})

describe('without a mail server', () => {
  it('writes the mail to the data folder, readable by its owner only, and tells the administrator where it waits', async () => {
    const local = await testDatabase()
    const localApp = await testApp(local.ctx)
    const plan = await makePlan(local.ctx, 'Varde')
    const localAdmin = await makeUser(local.ctx, 'admin', [plan])
    const res = await localApp.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: await login(localApp, localAdmin) },
      payload: { email: 'lokal@varde.dk', name: 'Lokal Bruger', role: 'boligsocial', organisation: 'Varde Bolig', planIds: [plan] },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ passwordSentTo: 'lokal@varde.dk', mailDelivery: 'file' })
    const folder = path.join(local.ctx.config.dataDir, 'mail')
    const files = fs.readdirSync(folder)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/\.eml$/)
    const file = path.join(folder, files[0]!)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    const text = fs.readFileSync(file, 'utf8')
    expect(text).toContain('To: lokal@varde.dk')
    const code = codeIn(text.replace(/\r\n/g, '\n').replace(/=\n/g, ''))!
    expect(code).toBeDefined()
    expect((await localApp.inject({ method: 'POST', url: '/api/session', payload: { email: 'lokal@varde.dk', password: code } })).statusCode).toBe(200)
    await localApp.close()
  })
})

describe('mail settings', () => {
  it('refuses a mail server address that is not smtp:// and a sender that is not an address, in Danish', () => {
    expect(() => loadConfig({ SMTP_URL: 'mail.kommune.dk' })).toThrow(ConfigError)
    expect(() => loadConfig({ SMTP_URL: 'mail.kommune.dk' })).toThrow(/SMTP_URL="mail.kommune.dk": skal begynde med smtp:\/\/ eller smtps:\/\//)
    expect(() => loadConfig({ MAIL_FROM: 'Indsats' })).toThrow(/MAIL_FROM="Indsats": skal være en e-mailadresse/)
    expect(loadConfig({ SMTP_URL: 'smtps://indsats:hemmelig@mail.kommune.dk:465', MAIL_FROM: 'Indsats <indsats@kommune.dk>' })).toMatchObject({ SMTP_URL: 'smtps://indsats:hemmelig@mail.kommune.dk:465' })
  })
})
