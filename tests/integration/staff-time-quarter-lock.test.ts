import { beforeAll, describe, expect, it } from 'vitest'
import { seedAgreements } from '../../src/server/features/agreements/agreements.seed.ts'
import { seedPlans } from '../../src/server/features/plans/plans.seed.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { QuarterView } from '../../src/shared/staff-time.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Closing a quarter locks it (decision 035): Varde's fixed outreach employee ("opgør det samlede antal
// timer 1 gang pr kvartal") closes her third quarter of 2025; after that her hours in it are locked,
// by hand and by file, until the project leader reopens the quarter with a reason.

let t: TestDatabase
let app: App
let varde: string
let agreementId: string
let youth: string
let employeeEmail: string
const cookies = {} as Record<'employee' | 'colleague' | 'projektleder', string>

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  ;[, varde] = (await seedPlans(t.ctx)) as [string, string]
  await seedAgreements(t.ctx)
  agreementId = (await t.db.selectFrom('agreement').select('id').where('plan_id', '=', varde).executeTakeFirstOrThrow()).id
  youth = (await t.db.selectFrom('activity').select('id').where('plan_id', '=', varde).where('key', '=', 'fremskudt-ungeindsats').executeTakeFirstOrThrow()).id
  const employee = await makeUser(t.ctx, 'jobcenter', [varde])
  employeeEmail = employee.email
  cookies.employee = await login(app, employee)
  cookies.colleague = await login(app, await makeUser(t.ctx, 'jobcenter', [varde]))
  cookies.projektleder = await login(app, await makeUser(t.ctx, 'projektleder', [varde]))
})

const post = (who: keyof typeof cookies, path: string, payload: unknown) => app.inject({ method: 'POST', url: `/api/plans/${varde}/staff-time${path}`, headers: { cookie: cookies[who] }, payload: payload as object })
const hours = (who: keyof typeof cookies, week: string, h: number) => post(who, '/hours', { agreementId, activityId: youth, resourceKey: null, effortArea: null, hours: h, note: null, week })
const close = (who: keyof typeof cookies) => post(who, `/agreements/${agreementId}/closes`, { resourceKey: 'ungeindsats-jobcenter-timer', quarter: '2025-Q3', note: null })
const reopen = (who: keyof typeof cookies, reason: string) => post(who, `/agreements/${agreementId}/reopenings`, { resourceKey: 'ungeindsats-jobcenter-timer', quarter: '2025-Q3', reason })
const closedRow = async () => {
  const res = await app.inject({ method: 'GET', url: `/api/plans/${varde}/staff-time/agreements/${agreementId}/quarter?quarter=2025-Q3`, headers: { cookie: cookies.projektleder } })
  return (res.json() as QuarterView).promises.find((p) => p.key === 'ungeindsats-jobcenter-timer')!
}

describe('closing a quarter locks it', () => {
  it('locks the employee’s own hours in the quarter once she has closed it, and only hers', async () => {
    expect((await hours('employee', '2025-W30', 12)).statusCode).toBe(201)
    expect((await close('employee')).statusCode).toBe(201)
    expect((await closedRow()).closed).toMatchObject({ totalHours: 12, locked: true })

    const locked = await hours('employee', '2025-W31', 8)
    expect(locked.statusCode).toBe(409)
    expect(locked.json()).toMatchObject({ message: 'Du har opgjort 3. kvartal 2025, så dine timer i kvartalet er låst. Projektlederen kan åbne kvartalet igen.' })
    expect((await hours('employee', '2025-W30', 20)).statusCode, 'not even a correction of a registered week').toBe(409)
    // The next quarter and a colleague's hours are not hers to lock.
    expect((await hours('employee', '2025-W40', 8)).statusCode).toBe(201)
    expect((await hours('colleague', '2025-W31', 6)).statusCode).toBe(201)
    // Closing again changes nothing while it is locked.
    expect((await close('employee')).statusCode).toBe(409)

    // Nor can a time sheet change her locked weeks: the commit is refused and writes nothing.
    const url = `/api/plans/${varde}/staff-time/agreements/${agreementId}/time-sheets/imports`
    const file = ['Uge;Medarbejder;Aktivitet;Timer', `2025-W33;${employeeEmail};Fremskudt ungeindsats;9`].join('\n')
    const staged = await app.inject({ method: 'POST', url: `${url}?fileName=timer.csv`, headers: { cookie: cookies.projektleder, 'content-type': 'application/octet-stream' }, payload: Buffer.from(file, 'utf8') })
    expect(staged.statusCode, staged.body).toBe(201)
    const committed = await app.inject({ method: 'POST', url: `${url}/${(staged.json() as { importId: string }).importId}/commit`, headers: { cookie: cookies.projektleder } })
    expect(committed.statusCode).toBe(409)
    expect(committed.json()).toMatchObject({ message: 'Filen har timer i 3. kvartal 2025 for en medarbejder, der har opgjort kvartalet, så det er låst. Projektlederen kan åbne kvartalet igen.' })
    expect(await t.db.selectFrom('time_entry').select('id').where('week_start', '=', '2025-08-11').execute()).toEqual([])
  })

  it('lets only the project leader reopen the quarter, with a reason; then she corrects and closes it again', async () => {
    expect((await reopen('employee', 'Glemte en uge')).statusCode).toBe(403)
    const noReason = await reopen('projektleder', ' ')
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Skriv, hvorfor kvartalet åbnes igen.')
    expect((await reopen('projektleder', 'Uge 31 manglede')).statusCode).toBe(204)
    expect((await closedRow()).closed).toMatchObject({ locked: false })
    expect((await reopen('projektleder', 'Igen')).statusCode, 'an open quarter is not reopened').toBe(409)

    expect((await hours('employee', '2025-W31', 8)).statusCode).toBe(201)
    expect((await close('employee')).statusCode).toBe(201)
    // Her 12 + 8 hours and her colleague's 6 count toward the same promise.
    expect((await closedRow()).closed).toMatchObject({ totalHours: 26, locked: true })
    expect((await hours('employee', '2025-W32', 8)).statusCode).toBe(409)

    const audit = await t.db.selectFrom('audit_log').select('details').where('entity', '=', 'time-quarter-close').where('action', '=', 'update').executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ reopened: true, reason: 'Uge 31 manglede', quarter: '2025-Q3' })
  })
})
