import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { boot } from '../../src/server/boot.ts'
import { loadConfig } from '../../src/server/config.ts'
import { createDb } from '../../src/server/db/client.ts'
import { migrateToLatest, migrator } from '../../src/server/db/migrate.ts'
import { SESSION_COOKIE } from '../../src/server/features/auth/auth.service.ts'
import { hashPassword } from '../../src/server/features/auth/passwords.ts'
import { forgetTotpKey } from '../../src/server/features/auth/second-factor.service.ts'
import { decryptTotpSecret } from '../../src/server/features/auth/totp-secret.ts'
import { newTotpSecret, totpCodeAt } from '../../src/server/features/auth/totp.ts'
import type { AppContext } from '../../src/server/lib/context.ts'
import { createLogger } from '../../src/server/lib/logger.ts'
import type { App } from '../../src/server/lib/request.ts'
import { makePlan, makeUser, testApp, type TestUser } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

// Second-factor secrets at rest (decision 033): the database holds them encrypted with a key kept
// outside it, sign-in still works, migration 0024 encrypts the secrets stored before it, and the
// server will not start with a key that does not fit the database.

let t: TestDatabase
let app: App
let ctx: AppContext
let keyDir: string
let keyFile: string
let clock = Date.UTC(2026, 11, 7, 9, 0, 0)
const now = () => new Date(clock)

beforeAll(async () => {
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-totp-key-'))
  keyFile = path.join(keyDir, 'totp.key')
  forgetTotpKey()
  t = await testDatabase({ TOTP_KEY_FILE: keyFile })
  ctx = { ...t.ctx, now }
  app = await testApp(ctx)
})

afterAll(() => {
  forgetTotpKey()
  fs.rmSync(keyDir, { recursive: true, force: true })
})

async function passwordStep(on: App, user: { email: string; password: string }) {
  const res = await on.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } })
  expect(res.statusCode, res.body).toBe(200)
  return { cookie: `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`, secondFactor: res.json().secondFactor as string }
}

const post = (on: App, cookie: string, url: string, payload?: object) => on.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) })

const storedOf = async (db: Kysely<any>, userId: string) =>
  (await sql<{ totp_secret: string | null; totp_pending_secret: string | null }>`select totp_secret, totp_pending_secret from app_user where id = ${userId}`.execute(db)).rows[0]!

describe('the second-factor secret in the database', () => {
  let user: TestUser
  let secret: string

  it('is stored encrypted, never as the base32 secret the app reads, with a key file made on first use', async () => {
    user = await makeUser(t.ctx, 'projektleder', [await makePlan(t.ctx, 'Varde')])
    const { cookie } = await passwordStep(app, user)
    const started = await post(app, cookie, '/api/session/second-factor/enrolment')
    expect(started.statusCode, started.body).toBe(200)
    secret = started.json().secret as string

    const pending = await storedOf(t.db, user.id)
    expect(pending.totp_pending_secret).toMatch(/^v1:[A-Za-z0-9+/]+=*$/)
    expect(pending.totp_pending_secret).not.toContain(secret)

    const confirmed = await post(app, cookie, '/api/session/second-factor/enrolment/confirm', { code: await totpCodeAt(secret, now()) })
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    const stored = await storedOf(t.db, user.id)
    expect(stored.totp_pending_secret).toBeNull()
    expect(stored.totp_secret).toMatch(/^v1:/)
    expect(stored.totp_secret).not.toContain(secret)
    expect(stored.totp_secret!.toLowerCase()).not.toContain(secret.toLowerCase().slice(0, 8))

    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(decryptTotpSecret(stored.totp_secret!, user.id, Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64'))).toBe(secret)
  })

  it('still lets the user sign in with a code from the app', async () => {
    clock += 60_000
    const { cookie, secondFactor } = await passwordStep(app, user)
    expect(secondFactor).toBe('verify')
    const wrong = await post(app, cookie, '/api/session/second-factor', { code: '000000' === (await totpCodeAt(secret, now())) ? '111111' : '000000' })
    expect(wrong.statusCode).toBe(401)
    clock += 30_000
    const right = await post(app, cookie, '/api/session/second-factor', { code: await totpCodeAt(secret, now()) })
    expect(right.statusCode, right.body).toBe(200)
    expect(right.json().secondFactor).toBe('done')
    expect((await app.inject({ method: 'GET', url: '/api/plans', headers: { cookie } })).statusCode).toBe(200)
  })

  it('cannot be moved onto another user: the encrypted value is bound to its user', async () => {
    const other = await makeUser(t.ctx, 'boligsocial', [await makePlan(t.ctx, 'Varde')])
    const stored = await storedOf(t.db, user.id)
    const key = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64')
    expect(() => decryptTotpSecret(stored.totp_secret!, other.id, key)).toThrow()
  })

  it('refuses a plain secret written straight into the database', async () => {
    await expect(sql`update app_user set totp_secret = ${await newTotpSecret()} where id = ${user.id}`.execute(t.db)).rejects.toThrow(/app_user_totp_secret_encrypted/)
  })
})

describe('starting the server with the key', () => {
  const start = (env: Record<string, string>) =>
    boot(loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: t.url, DATA_DIR: keyDir, CPR_KEY_FILE: path.join(keyDir, 'cpr.key'), SEED: 'false', ...env }), createLogger('silent'), 'server')

  it('starts with the key that belongs to the database', async () => {
    forgetTotpKey()
    const booted = await start({ TOTP_KEY_FILE: keyFile })
    await booted.close()
  })

  it('refuses to start with another key, naming where the key comes from, in Danish', async () => {
    forgetTotpKey()
    await expect(start({ TOTP_KEY: randomBytes(32).toString('base64') })).rejects.toThrow(/Nøglen i indstillingen TOTP_KEY passer ikke til de krypterede hemmeligheder/)
    forgetTotpKey()
    const other = path.join(keyDir, 'other.key')
    fs.writeFileSync(other, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 })
    await expect(start({ TOTP_KEY_FILE: other })).rejects.toThrow(new RegExp(`Nøglen i nøglefilen ${other.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} passer ikke`))
  })

  it('refuses to start when the key file is missing, and makes no new one', async () => {
    forgetTotpKey()
    const missing = path.join(keyDir, 'missing.key')
    await expect(start({ TOTP_KEY_FILE: missing })).rejects.toThrow(/mangler, men databasen har krypterede hemmeligheder/)
    expect(fs.existsSync(missing)).toBe(false)
    forgetTotpKey()
  })

  it('refuses a TOTP_KEY that is not 32 bytes of base64, in Danish', () => {
    expect(() => loadConfig({ TOTP_KEY: 'hemmelig' })).toThrow(/TOTP_KEY="hemmelig": skal være 32 tilfældige bytes i base64/)
  })
})

describe('migration 0024', () => {
  const adminUrl = inject('adminUrl')
  const name = `indsats_m24_${process.pid}`
  let owner: Kysely<any> | undefined
  afterAll(async () => {
    await owner?.destroy()
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
    await admin.end()
  })

  it('encrypts the secrets stored before it, and a user who set up an app before still signs in with it', async () => {
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`create database ${pg.escapeIdentifier(name)}`)
    await admin.end()
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    const db0 = createDb(url.href, { role: 'owner', max: 1 })
    owner = db0
    const { error } = await migrator(db0).migrateTo('0021_second_factor')
    expect(error).toBeUndefined()

    const secret = await newTotpSecret()
    const pendingSecret = await newTotpSecret()
    const password = 'en-lang-adgangskode-til-test'
    const org = (await sql<{ id: string }>`insert into organisation (name) values ('Varde Kommune') returning id`.execute(owner)).rows[0]!.id
    const insert = async (email: string, role: string, totp: string | null, pending: string | null) =>
      (
        await sql<{ id: string }>`insert into app_user (organisation_id, email, name, role, password_hash, must_change_password, totp_secret, totp_pending_secret, totp_enabled_at)
          values (${org}, ${email}, ${email}, ${role}, ${await hashPassword(password)}, false, ${totp}, ${pending}, ${totp ? new Date(clock - 86_400_000) : null}) returning id`.execute(db0)
      ).rows[0]!.id
    const enrolled = await insert('leder@varde.dk', 'projektleder', secret, null)
    const halfway = await insert('medarbejder@varde.dk', 'boligsocial', null, pendingSecret)

    // Without the key the migration cannot do its work, and says so rather than leave secrets plain.
    await expect(migrateToLatest(owner)).rejects.toThrow(/0024_totp_secret_at_rest failed: 2 second-factor secrets must be encrypted, and no TOTP key was given/)

    const key = randomBytes(32)
    await migrateToLatest(owner, { totpKey: async () => key })
    const after = await storedOf(owner, enrolled)
    expect(after.totp_secret).toMatch(/^v1:/)
    expect(after.totp_secret).not.toContain(secret)
    expect(decryptTotpSecret(after.totp_secret!, enrolled, key)).toBe(secret)
    const half = await storedOf(owner, halfway)
    expect(decryptTotpSecret(half.totp_pending_secret!, halfway, key)).toBe(pendingSecret)

    // The server on the migrated database, with that key: the user signs in with the app they had.
    forgetTotpKey()
    const db = createDb(url.href, { role: 'app', max: 2 })
    try {
      const migratedCtx: AppContext = { db, config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: keyDir, TOTP_KEY: key.toString('base64') }), log: createLogger('silent'), now }
      const migratedApp = await testApp(migratedCtx)
      const { cookie, secondFactor } = await passwordStep(migratedApp, { email: 'leder@varde.dk', password })
      expect(secondFactor).toBe('verify')
      clock += 30_000
      const right = await post(migratedApp, cookie, '/api/session/second-factor', { code: await totpCodeAt(secret, now()) })
      expect(right.statusCode, right.body).toBe(200)
      expect(right.json().secondFactor).toBe('done')
      await migratedApp.close()
    } finally {
      forgetTotpKey()
      await db.destroy()
    }
  })
})
