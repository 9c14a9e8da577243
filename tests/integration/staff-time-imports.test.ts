import { beforeAll, describe, expect, it } from 'vitest'
import { seedAgreements } from '../../src/server/features/agreements/agreements.seed.ts'
import { seedPlans } from '../../src/server/features/plans/plans.seed.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { ImportProblem } from '../../src/shared/imports.ts'
import type { QuarterView } from '../../src/shared/staff-time.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { login, makeUser, type TestUser, testApp } from '../support/app.ts'

// The job centre's calendar export and time sheets through the two-step import (decisions 011, 015):
// a broken file writes nothing and locates every problem; a good one is written whole.

let t: TestDatabase
let app: App
let varde: string
let agreementId: string
let worker: TestUser
let cookie: string

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  ;[, varde] = (await seedPlans(t.ctx)) as [string, string]
  await seedAgreements(t.ctx)
  agreementId = (await t.db.selectFrom('agreement').select('id').where('plan_id', '=', varde).executeTakeFirstOrThrow()).id
  worker = await makeUser(t.ctx, 'jobcenter', [varde])
  cookie = await login(app, worker)
})

const upload = (url: string, fileName: string, text: string) =>
  app.inject({ method: 'POST', url: `${url}?fileName=${encodeURIComponent(fileName)}`, headers: { cookie, 'content-type': 'application/octet-stream' }, payload: Buffer.from(text, 'utf8') })
const commit = (url: string, importId: string) => app.inject({ method: 'POST', url: `${url}/${importId}/commit`, headers: { cookie } })
const count = async (table: 'staff_conversation' | 'time_entry') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe('importing the calendar export', () => {
  const url = () => `/api/plans/${varde}/staff-time/calendar/imports`

  it('locates every problem of a broken file and writes nothing', async () => {
    const file = [
      'Dato;Medarbejder;Aktivitet;Sted;Varighed;Transport',
      `08.07.2025;${worker.email};Fremskudt ungeindsats;Trivselshuset;45;20`,
      `31.02.2025;${worker.email};Fremskudt ungeindsats;Trivselshuset;45;20`,
      '09.07.2025;ukendt@example.dk;Fremskudt ungeindsats;Trivselshuset;45,5;x',
    ].join('\n')
    const res = await upload(url(), 'kalender.csv', file)
    expect(res.statusCode, res.body).toBe(201)
    const preview = res.json() as { importId: string; problems: ImportProblem[] }
    expect(preview.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'A (Dato)'],
      [4, 'B (Medarbejder)'],
      [4, 'E (Varighed)'],
      [4, 'F (Transport)'],
    ])
    expect((await commit(url(), preview.importId)).statusCode).toBe(400)
    expect(await count('staff_conversation')).toBe(0)
  })

  it('writes a good file whole, and its conversations count with the agreement\'s ½ hour', async () => {
    const file = ['Dato;Medarbejder;Aktivitet;Sted;Varighed;Transport', `08.07.2025;${worker.email};Fremskudt ungeindsats;Trivselshuset;45;15`, `10.07.2025;${worker.email};fremskudt-ungeindsats;Hjemmebesøg;60;0`].join('\n')
    const preview = (await upload(url(), 'kalender.csv', file)).json() as { importId: string; problems: ImportProblem[]; rowCount: number }
    expect(preview.problems).toEqual([])
    expect(preview.rowCount).toBe(2)
    expect((await commit(url(), preview.importId)).json()).toEqual({ rowCount: 2 })
    expect(await count('staff_conversation')).toBe(2)
    const view = (await app.inject({ method: 'GET', url: `/api/plans/${varde}/staff-time/agreements/${agreementId}/quarter?quarter=2025-Q3`, headers: { cookie } })).json() as QuarterView
    // 45 + 15 + 30 and 60 + 0 + 30 minutes = 3 hours.
    expect(view.promises.find((p) => p.key === 'ungeindsats-jobcenter-timer')!.deliveredHours).toBe(3)
  })
})

describe('importing a time sheet', () => {
  const url = () => `/api/plans/${varde}/staff-time/agreements/${agreementId}/time-sheets/imports`

  it('locates every problem, a repeated week included, and writes nothing', async () => {
    const file = [
      'Uge;Medarbejder;Aktivitet;Timer',
      `uge 27 2025;${worker.email};Fremskudt indsats for Kontanthjælp og integration;11,5`,
      `2025-W27;${worker.email};Fremskudt indsats for Kontanthjælp og integration;4`,
      `2025-W99;${worker.email};Fremskudt indsats for Kontanthjælp og integration;7,25`,
      `2025-W28;${worker.email};Ukendt aktivitet;8`,
    ].join('\n')
    const preview = (await upload(url(), 'timer.csv', file)).json() as { importId: string; problems: ImportProblem[] }
    expect(preview.problems.map((p) => [p.row, p.column, p.message.slice(0, 30)])).toEqual([
      [3, 'A (Uge)', 'Samme medarbejder, aktivitet o'],
      [4, 'A (Uge)', '»2025-W99« er ikke en uge. Skr'],
      [4, 'D (Timer)', '»7,25« er ikke et antal timer '],
      [5, 'C (Aktivitet)', '»Ukendt aktivitet« er ikke en '],
    ])
    expect((await commit(url(), preview.importId)).statusCode).toBe(400)
    expect(await count('time_entry')).toBe(0)
  })

  it('writes a good time sheet toward the activity\'s promise', async () => {
    const file = ['Uge;Medarbejder;Aktivitet;Timer', `27/2025;${worker.email};Fremskudt indsats for Kontanthjælp og integration;11,5`, `2025-W28;${worker.email};Fremskudt indsats for Kontanthjælp og integration;12`].join('\n')
    const preview = (await upload(url(), 'timer.csv', file)).json() as { importId: string; problems: ImportProblem[] }
    expect(preview.problems).toEqual([])
    expect((await commit(url(), preview.importId)).json()).toEqual({ rowCount: 2 })
    const view = (await app.inject({ method: 'GET', url: `/api/plans/${varde}/staff-time/agreements/${agreementId}/quarter?quarter=2025-Q3`, headers: { cookie } })).json() as QuarterView
    expect(view.promises.find((p) => p.key === 'kontanthjaelp-jobcenter-timer')!.deliveredHours).toBe(23.5)
  })
})
