import fs from 'node:fs'
import os from 'node:os'
import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { readTableInThread } from '../../src/server/features/imports/read-table-thread.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { zipBomb } from '../support/zip-bomb.ts'

// Uploads made to take the server down (issue 13, finding 1): a workbook of well under a megabyte
// that unpacks to 120 MB, and one whose zip directory lies about its size. Each is refused with a
// Danish message naming the limit, read in a thread of its own, and the server goes on answering.

let t: TestDatabase
let app: App
let planId: string
let cookie: string

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  planId = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  cookie = await login(app, await makeUser(t.ctx, 'jobcenter', [planId]))
})

const upload = (bytes: Buffer) =>
  app.inject({
    method: 'POST',
    url: `/api/plans/${planId}/target-groups/imports?fileName=bombe.xlsx`,
    headers: { cookie, 'content-type': 'application/octet-stream' },
    payload: bytes,
  })

const readFolders = () => new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('indsats-read-')))

describe('hostile uploads', () => {
  it('refuses a workbook that unpacks to 120 MB from its zip directory, before inflating it, naming the limit', { timeout: 120_000 }, async () => {
    const bomb = zipBomb(120)
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024)
    const res = await upload(bomb)
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201)
    expect(res.json().problems).toEqual([
      {
        row: 0,
        column: null,
        sheet: null,
        message: 'Filen fylder 120 MB udpakket i delen xl/worksheets/sheet1.xml, og Indsats læser højst 100 MB pr. del. Gem kun de ark, der skal indlæses, eller del filen op.',
      },
    ])
    const health = await app.inject({ method: 'GET', url: '/api/health' })
    expect(health.statusCode).toBe(200)
  })

  it('stops a workbook whose directory lies about its size at the row limit, and leaves no temporary files', { timeout: 180_000 }, async () => {
    const before = readFolders()
    const res = await upload(zipBomb(40, { lie: true }))
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201)
    expect(res.json().problems).toEqual([
      expect.objectContaining({ message: 'Filen har mere end 300.000 rækker med indhold, som er det højeste antal Indsats læser. Del filen op, og indlæs delene hver for sig.' }),
    ])
    // Other test files read tables at the same time in the same temporary folder: a folder of theirs
    // may exist for a moment, but none may stay.
    await expect.poll(() => [...readFolders()].filter((name) => !before.has(name)), { timeout: 30_000, interval: 500 }).toEqual([])
  })

  it('ends a read that runs out of its memory or time with a Danish message, never the server', { timeout: 180_000 }, async () => {
    const lying = zipBomb(40, { lie: true })
    await expect(readTableInThread(lying, 'bombe.xlsx', { timeoutMs: 120_000, memoryMb: 16 })).rejects.toMatchObject({
      problems: [expect.objectContaining({ message: expect.stringContaining('Filen fylder for meget, når den pakkes ud og læses') })],
    })
    await expect(readTableInThread(lying, 'bombe.xlsx', { timeoutMs: 200, memoryMb: 512 })).rejects.toMatchObject({
      problems: [expect.objectContaining({ message: expect.stringContaining('Filen tog for lang tid at læse (over 0 sekunder)') })],
    })
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
  })

  it('refuses a file larger than the upload limit by its size alone', async () => {
    const res = await upload(Buffer.alloc(51 * 1024 * 1024, 0x41))
    expect(res.statusCode).toBe(413)
  })

  it('keeps and shows the first 200 problems of a file with 5 000 wrong rows, and counts the rest in one line', { timeout: 120_000 }, async () => {
    const lines = ['Dato;Kode;Betegnelse;Afdeling;Antal']
    for (let i = 1; i <= 5000; i++) lines.push(`01.01.2021;6.1;Målgruppe 6.1;${i};mange`)
    const res = await app.inject({
      method: 'POST',
      url: `/api/plans/${planId}/target-groups/imports?fileName=fejl.csv`,
      headers: { cookie, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(lines.join('\n'), 'utf8'),
    })
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201)
    const problems = res.json().problems as { row: number; message: string }[]
    expect(problems).toHaveLength(201)
    expect(problems[0]!.row).toBe(2)
    expect(problems[199]!.row).toBe(201)
    expect(problems[200]).toEqual({ row: 0, column: null, sheet: null, message: '… og 4.800 problemer mere. Ret dem ovenfor, og indlæs filen igen for at se resten.' })
    const stored = await t.db.selectFrom('value_import').select(['problems', 'payload']).where('id', '=', res.json().importId).executeTakeFirstOrThrow()
    expect(stored.problems).toHaveLength(201)
    expect(stored.payload).toEqual([])
  })
})
