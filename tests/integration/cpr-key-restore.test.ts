import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { boot } from '../../src/server/boot.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { forgetCprKey } from '../../src/server/features/participants/participants.service.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { createLogger } from '../../src/server/lib/logger.ts'
import type { App } from '../../src/server/lib/request.ts'
import { loadConfig } from '../../src/server/config.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import { type TestUser, login, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// A database restored without its cpr.key (issue 13, finding 14): Indsats used to make a new key
// silently, after which every resident page answered 500 and the same CPR number could be registered
// twice. Now the server refuses to start, and CPR use is refused, naming the file to restore.

let t: TestDatabase
let app: App
let plan: string
let worker: TestUser
let leader: TestUser
let keyFile: string
let residentId: string

const resident = (name: string, cpr: string) => ({
  name,
  phone: null,
  email: '',
  address: null,
  birthYear: null,
  ageBand: null,
  housingAreaId: null,
  departmentId: null,
  targetGroupCode: null,
  targetGroupOn: null,
  registeredOn: isoDay(new Date()),
  cpr,
})

async function call(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return app.inject({ method, url: `/api/plans/${plan}${url}`, headers: { cookie: await login(app, user) }, ...(payload ? { payload } : {}) })
}

/** The server's start-up against the test database with the same settings. */
function startServer() {
  return boot(loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: t.url, CPR_KEY_FILE: keyFile, SEED: 'false' }), createLogger('silent'), 'server')
}

beforeAll(async () => {
  keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-cpr-restore-')), 'cpr.key')
  t = await testDatabase({ CPR_KEY_FILE: keyFile })
  app = await testApp(t.ctx)
  plan = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  worker = await makeUser(t.ctx, 'boligsocial', [plan])
  leader = await makeUser(t.ctx, 'projektleder', [plan])
  const policy = { cprEnabled: true, monthsAfterLastEnrolment: 12, daysAfterConsentWithdrawal: 30, monthsAfterPlanEnd: 120 }
  expect((await call(leader, 'PUT', '/privacy', policy)).statusCode).toBe(204)
  const created = await call(worker, 'POST', '/participants', resident('Mads Jensen', '010190-1234'))
  expect(created.statusCode).toBe(201)
  residentId = created.json().id
})

describe('a database restored without its CPR key', () => {
  it('starts as usual with the key that belongs to the database', async () => {
    forgetCprKey()
    const booted = await startServer()
    await booted.close()
  })

  it('refuses to start when cpr.key is missing, naming the file, and makes no new key', async () => {
    const saved = fs.readFileSync(keyFile)
    fs.rmSync(keyFile)
    forgetCprKey()
    try {
      await expect(startServer()).rejects.toThrow(`Nøglefilen til CPR-numrene, ${keyFile}, mangler, men databasen har krypterede CPR-numre. Gendan ${keyFile}`)
      expect(fs.existsSync(keyFile)).toBe(false)
      // A server already running answers CPR use with the same reason, and registers no duplicate.
      const reveal = await call(worker, 'GET', `/participants/${residentId}/cpr`)
      expect(reveal.statusCode).toBe(503)
      expect(reveal.json()).toMatchObject({ code: 'cpr_key_missing', message: expect.stringContaining(`Gendan ${keyFile}`) })
      const duplicate = await call(worker, 'POST', '/participants', resident('Mads J.', '0101901234'))
      expect(duplicate.statusCode).toBe(503)
      expect(fs.existsSync(keyFile)).toBe(false)
    } finally {
      fs.writeFileSync(keyFile, saved, { mode: 0o600 })
      forgetCprKey()
    }
    // With the file restored, everything works again.
    expect((await call(worker, 'GET', `/participants/${residentId}/cpr`)).statusCode).toBe(200)
  })

  it('refuses to start when cpr.key holds another key', async () => {
    const saved = fs.readFileSync(keyFile)
    fs.writeFileSync(keyFile, `${Buffer.alloc(32, 7).toString('base64')}\n`)
    forgetCprKey()
    try {
      await expect(startServer()).rejects.toThrow(`Nøglen i ${keyFile} passer ikke til de krypterede CPR-numre i databasen.`)
      expect((await call(worker, 'GET', `/participants/${residentId}`)).statusCode).toBe(503)
    } finally {
      fs.writeFileSync(keyFile, saved, { mode: 0o600 })
      forgetCprKey()
    }
    expect((await call(worker, 'GET', `/participants/${residentId}`)).statusCode).toBe(200)
  })
})
