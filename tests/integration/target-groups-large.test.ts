import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { TargetGroupPreview } from '../../src/shared/target-groups.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

let t: TestDatabase
let app: App
let planId: string

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  planId = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
})

/** A file of 10 dates × 5 target groups × 2 000 departments: 100 000 counts. */
function largeFile(): Buffer {
  const lines = ['Dato;Kode;Betegnelse;Afdeling;Antal']
  for (let month = 1; month <= 10; month++) {
    const date = `01.${String(month).padStart(2, '0')}.2021`
    for (const code of ['6.1', '6.2', '6.3', '6.4', '6.5']) {
      for (let department = 1; department <= 2000; department++) lines.push(`${date};${code};Målgruppe ${code};${department};${(department % 40) + 1}`)
    }
  }
  return Buffer.from(lines.join('\n'), 'utf8')
}

describe('a large target-group file', () => {
  it('commits 100 000 counts in one import, beyond the parameter limit of one SQL statement', { timeout: 120_000 }, async () => {
    const cookie = await login(app, await makeUser(t.ctx, 'jobcenter', [planId]))
    const uploaded = await app.inject({
      method: 'POST',
      url: `/api/plans/${planId}/target-groups/imports?fileName=stor.csv`,
      headers: { cookie, 'content-type': 'application/octet-stream' },
      payload: largeFile(),
    })
    expect(uploaded.statusCode, uploaded.body.slice(0, 500)).toBe(201)
    const preview = uploaded.json() as TargetGroupPreview
    expect(preview.problems).toEqual([])
    expect(preview.rowCount).toBe(100_000)

    const committed = await app.inject({ method: 'POST', url: `/api/plans/${planId}/target-groups/imports/${preview.importId}/commit`, headers: { cookie } })
    expect(committed.statusCode, committed.body.slice(0, 500)).toBe(200)
    expect(committed.json()).toEqual({ rowCount: 100_000, unchanged: 0 })
    const stored = await t.db.selectFrom('target_group_count').select((eb) => eb.fn.countAll<string>().as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow()
    expect(Number(stored.n)).toBe(100_000)
  })
})
