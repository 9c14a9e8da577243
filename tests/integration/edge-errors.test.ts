import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { buildApp } from '../../src/server/app.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import { type TestUser, login, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// What the edge of the server answers to input it cannot use: a 4xx or a 502 with a Danish message,
// never a 500 that hides the reason and is logged as our own fault.

let t: TestDatabase
let app: App
let plan: string
let worker: TestUser
let leader: TestUser
let webDir: string
const cookies = new Map<string, string>()

async function cookie(user: TestUser): Promise<string> {
  if (!cookies.has(user.email)) cookies.set(user.email, await login(app, user))
  return cookies.get(user.email)!
}

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  plan = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  worker = await makeUser(t.ctx, 'boligsocial', [plan])
  leader = await makeUser(t.ctx, 'projektleder', [plan])
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-edge-web-'))
  fs.mkdirSync(path.join(webDir, 'assets'))
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Indsats</title>')
  fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)')
})

afterAll(() => {
  if (webDir) fs.rmSync(webDir, { recursive: true, force: true })
})

const NUL_MESSAGE = 'Teksten indeholder et ugyldigt tegn (NUL). Fjern det, og prøv igen.'

describe('a NUL character', () => {
  it('is refused with a Danish 400 in a text field of a JSON body, storing nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/plans/${plan}/participants`,
      headers: { cookie: await cookie(worker) },
      payload: { name: 'Karina\u0000Holm', phone: null, email: null, address: null, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: isoDay(new Date()) },
    })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json()).toEqual({ code: 'validation', message: NUL_MESSAGE, issues: [{ path: 'name', message: 'Feltet indeholder et ugyldigt tegn (NUL).' }] })
    expect(await t.db.selectFrom('participant').select('id').execute()).toEqual([])
  })

  it('is refused with a Danish 400 deep inside a body and in a query parameter', async () => {
    const nested = await app.inject({
      method: 'POST',
      url: `/api/plans/${plan}/participants/00000000-0000-4000-8000-000000000000/consents`,
      headers: { cookie: await cookie(worker) },
      payload: { parties: ['boligsocial', 'job\u0000center'], categories: ['contact'], purpose: 'x', form: 'oral', givenOn: '2024-01-01', validUntil: null },
    })
    expect(nested.statusCode, nested.body).toBe(400)
    expect(nested.json()).toMatchObject({ code: 'validation', message: NUL_MESSAGE, issues: [{ path: 'parties.1' }] })

    const query = await app.inject({ method: 'GET', url: `/api/plans/${plan}/participants?q=Karina%00`, headers: { cookie: await cookie(worker) } })
    expect(query.statusCode, query.body).toBe(400)
    expect(query.json()).toMatchObject({ code: 'validation', message: NUL_MESSAGE, issues: [{ path: 'q' }] })
  })
})

describe('the web app\'s files', () => {
  it('answers 404, not 500, to a path that climbs out of the assets folder', async () => {
    const web = await buildApp(t.ctx, { webDir })
    await web.ready()
    try {
      expect((await web.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200)
      for (const url of ['/assets/..%2F..%2F..%2Fetc%2Fpasswd', '/assets/..%5C..%5Cetc%5Cpasswd', '/assets/app.js%2F..%2F..%2Findex.html', '/favicon.ico%2F..%2F..%2F..%2Fetc%2Fpasswd']) {
        const res = await web.inject({ method: 'GET', url })
        expect(res.statusCode, `${url}: ${res.body}`).toBe(404)
        expect(res.body).not.toContain('root:')
      }
    } finally {
      await web.close()
    }
  })
  it('sends a precompressed copy to a browser that accepts it, with the cache headers of decision 018', async () => {
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js.br'), 'brotli copy')
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js.gz'), 'gzip copy')
    const web = await buildApp(t.ctx, { webDir })
    await web.ready()
    try {
      for (const [accepts, encoding, body] of [['br, gzip', 'br', 'brotli copy'], ['gzip', 'gzip', 'gzip copy'], [undefined, undefined, 'console.log(1)']] as const) {
        const res = await web.inject({ method: 'GET', url: '/assets/app.js', headers: accepts ? { 'accept-encoding': accepts } : {} })
        expect(res.statusCode).toBe(200)
        expect(res.headers['content-encoding']).toBe(encoding)
        expect(res.headers['content-type']).toMatch(/^application\/javascript|^text\/javascript/)
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
        expect(res.body).toBe(body)
      }
      for (const url of ['/', '/index.html', '/planer/ukendt-side']) {
        const page = await web.inject({ method: 'GET', url })
        expect(page.statusCode, url).toBe(200)
        expect(page.headers['cache-control'], url).toBe('no-cache')
        expect(page.headers['content-type'], url).toMatch(/^text\/html/)
      }
    } finally {
      await web.close()
      fs.rmSync(path.join(webDir, 'assets', 'app.js.br'))
      fs.rmSync(path.join(webDir, 'assets', 'app.js.gz'))
    }
  })
  it('answers an unknown API address with a Danish 404, and an unknown page with the web app', async () => {
    const web = await buildApp(t.ctx, { webDir })
    await web.ready()
    try {
      for (const url of ['/api/findes-ikke', '/api/plans/x/ukendt', '/api']) {
        const res = await web.inject({ method: 'GET', url, headers: { cookie: await cookie(leader) } })
        expect(res.statusCode, `${url}: ${res.body}`).toBe(404)
        expect(res.headers['content-type']).toMatch(/^application\/json/)
        expect(res.json()).toMatchObject({ code: 'not_found', message: expect.stringMatching(/findes ikke/i) })
      }
      const page = await web.inject({ method: 'GET', url: '/planer/ukendt-side' })
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain('<title>Indsats</title>')
      // A script of an older build that is gone is not found, not answered with the page as a script.
      for (const url of ['/assets/login-page-OLDHASH.js', '/assets/index-OLDHASH.css?v=1', '/favicon-findes-ikke.ico']) {
        const missing = await web.inject({ method: 'GET', url })
        expect(missing.statusCode, `${url}: ${missing.body}`).toBe(404)
        expect(missing.body).not.toContain('<title>Indsats</title>')
        expect(missing.headers['cache-control']).toBe('no-cache')
      }
    } finally {
      await web.close()
    }
  })
})

describe('Danmarks Statistik out of reach', () => {
  it('answers 502 with a Danish message when the source cannot be reached', async () => {
    // A port that was just free: nothing listens, so the connection is refused at once.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo
        server.close(() => resolve(port))
      })
    })
    const previous = t.ctx.fetch
    t.ctx.fetch = ((input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
      return fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, init)
    }) as typeof fetch
    try {
      const agreements = await app.inject({ method: 'GET', url: `/api/plans/${plan}/agreements`, headers: { cookie: await cookie(leader) } })
      const agreementId = (agreements.json() as { agreements: { id: string }[] }).agreements[0]!.id
      const res = await app.inject({
        method: 'POST',
        url: `/api/plans/${plan}/agreements/${agreementId}/comparison-fetch`,
        headers: { cookie: await cookie(leader) },
        payload: { source: 'statbank', table: 'AUK01', variables: [{ code: 'OMRÅDE', values: ['540'] }, { code: 'Tid', values: ['2023K1'] }], indicatorKey: 'beboere-omfattet-af-fremskudt-jobcenter', rowKey: 'alle', measure: 'count' },
      })
      expect(res.statusCode, res.body).toBe(502)
      expect(res.json()).toEqual({ code: 'source_unavailable', message: 'Danmarks Statistik svarer ikke lige nu. Prøv igen om lidt.' })
    } finally {
      t.ctx.fetch = previous
    }
  })
})

describe('an upload over the limit', () => {
  it('says the file is too large and what the limit is', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: `/api/plans/${plan}/consents/00000000-0000-4000-8000-000000000000/document?fileName=samtykke.pdf`,
      headers: { cookie: await cookie(worker), 'content-type': 'application/pdf' },
      payload: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
    })
    expect(res.statusCode, res.body).toBe(413)
    expect(res.json()).toEqual({ code: 'payload_too_large', message: 'Filen er for stor. Den må højst fylde 10 MB.' })
  })
})
