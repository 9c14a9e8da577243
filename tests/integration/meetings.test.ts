import { beforeAll, describe, expect, it } from 'vitest'
import { seedAgreements } from '../../src/server/features/agreements/agreements.seed.ts'
import { seedPlans } from '../../src/server/features/plans/plans.seed.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { Meeting, MeetingAction } from '../../src/shared/meetings.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { login, makeUser, type TestUser, testApp } from '../support/app.ts'

// Meetings (decision 015): a board meeting's decision approves an agreement revision and closes a
// period; actions with an owner and a due date are on the owner's list until the owner marks them done.

let t: TestDatabase
let app: App
let varde: string
let agreementId: string
let leader: TestUser
let jobcenter: TestUser
let outsider: TestUser
const cookies: Record<string, string> = {}

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  ;[, varde] = (await seedPlans(t.ctx)) as [string, string]
  await seedAgreements(t.ctx)
  agreementId = (await t.db.selectFrom('agreement').select('id').where('plan_id', '=', varde).executeTakeFirstOrThrow()).id
  leader = await makeUser(t.ctx, 'projektleder', [varde])
  jobcenter = await makeUser(t.ctx, 'jobcenter', [varde])
  outsider = await makeUser(t.ctx, 'jobcenter', [])
  for (const u of [leader, jobcenter]) cookies[u.id] = await login(app, u)
  cookies.board = await login(app, await makeUser(t.ctx, 'bestyrelse', [varde]))
})

const post = (cookie: string, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object })
const get = (cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } })
const board = (over: Record<string, unknown> = {}) => ({
  kind: 'board',
  heldOn: '2025-06-14',
  title: 'Bestyrelsesmøde juni 2025',
  agenda: '1. Revision af delaftalen\n2. Opfølgning 1. kvartal',
  minutes: 'Bestyrelsen gennemgik delaftalen.',
  participants: [{ userId: leader.id, name: null }, { userId: null, name: 'Formand Bent Hansen' }],
  decisions: [{ text: 'Revision 1 af delaftalen for Beskæftigelse godkendes, og 1. kvartal 2025 afsluttes.', agreementId, revisionNumber: 1, closesPeriod: '2025-Q1' }],
  actions: [{ text: 'Indkald til samarbejdsmøde med jobcentret', ownerId: jobcenter.id, dueOn: '2025-07-01' }],
  ...over,
})

describe('meetings', () => {
  it('records a board decision approving an agreement revision and closing a period', async () => {
    const created = await post(cookies[leader.id]!, `/api/plans/${varde}/meetings`, board())
    expect(created.statusCode, created.body).toBe(201)
    const meeting = (await get(cookies.board!, `/api/plans/${varde}/meetings/${(created.json() as { id: string }).id}`)).json() as Meeting
    expect(meeting.decisions[0]).toMatchObject({ revisionNumber: 1, closesPeriod: '2025-Q1', approves: 'Delaftale for indsatsområdet Beskæftigelse, revision 1 (gældende fra 01.01.2022)' })
    expect(meeting.participants.map((p) => p.name)).toContain('Formand Bent Hansen')
    expect(meeting.participants.some((p) => p.userId === leader.id)).toBe(true)
  })

  it('refuses to approve a revision that does not exist, or by a meeting that is not the board\'s', async () => {
    const missing = await post(cookies[leader.id]!, `/api/plans/${varde}/meetings`, board({ decisions: [{ text: 'Godkendt', agreementId, revisionNumber: 9, closesPeriod: null }] }))
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('ingen revision 9')
    const cooperation = await post(cookies[leader.id]!, `/api/plans/${varde}/meetings`, board({ kind: 'cooperation' }))
    expect(cooperation.statusCode).toBe(400)
    expect(cooperation.body).toContain('Kun bestyrelsen')
  })

  it('refuses an action owner who is not on the plan', async () => {
    const res = await post(cookies[leader.id]!, `/api/plans/${varde}/meetings`, board({ actions: [{ text: 'Noget', ownerId: outsider.id, dueOn: '2025-07-01' }] }))
    expect(res.statusCode).toBe(400)
  })

  it('lists an action on its owner\'s list until the owner marks it done; nobody else can', async () => {
    const mine = (await get(cookies[jobcenter.id]!, `/api/plans/${varde}/meetings/my-actions`)).json() as { actions: MeetingAction[] }
    expect(mine.actions.map((a) => [a.text, a.dueOn, a.meetingTitle])).toEqual([['Indkald til samarbejdsmøde med jobcentret', '2025-07-01', 'Bestyrelsesmøde juni 2025']])
    expect(((await get(cookies[leader.id]!, `/api/plans/${varde}/meetings/my-actions`)).json() as { actions: unknown[] }).actions).toEqual([])
    const actionId = mine.actions[0]!.id
    expect((await post(cookies[leader.id]!, `/api/plans/${varde}/meetings/actions/${actionId}/done`, {})).statusCode).toBe(403)
    expect((await post(cookies[jobcenter.id]!, `/api/plans/${varde}/meetings/actions/${actionId}/done`, {})).statusCode).toBe(204)
    expect(((await get(cookies[jobcenter.id]!, `/api/plans/${varde}/meetings/my-actions`)).json() as { actions: unknown[] }).actions).toEqual([])
  })

  it('lets board members read meetings but not write them', async () => {
    expect((await get(cookies.board!, `/api/plans/${varde}/meetings`)).statusCode).toBe(200)
    expect((await post(cookies.board!, `/api/plans/${varde}/meetings`, board())).statusCode).toBe(403)
  })
})

describe('editing meetings and the company network', () => {
  const put = (cookie: string, url: string, payload: unknown) => app.inject({ method: 'PUT', url, headers: { cookie }, payload: payload as object })
  const company = async (cvr: string, name: string) => (await t.db.insertInto('company').values({ plan_id: varde, cvr, name }).returning('id').executeTakeFirstOrThrow()).id

  it('edits the minutes and decisions while keeping an action its owner already marked done, and adds a new one', async () => {
    const { id } = (await post(cookies[leader.id]!, `/api/plans/${varde}/meetings`, board({ kind: 'cooperation', title: 'Samarbejdsmøde 3. kvartal', decisions: [] }))).json() as { id: string }
    const before = (await get(cookies[leader.id]!, `/api/plans/${varde}/meetings/${id}`)).json() as Meeting
    expect((await post(cookies[jobcenter.id]!, `/api/plans/${varde}/meetings/actions/${before.actions[0]!.id}/done`, {})).statusCode).toBe(204)
    const { kind: _kind, ...rest } = board({ title: 'Samarbejdsmøde 3. kvartal', minutes: 'Jobcentret deltager fremover hver tirsdag.' })
    const edited = await put(cookies[leader.id]!, `/api/plans/${varde}/meetings/${id}`, {
      ...rest,
      decisions: [{ text: 'Åben rådgivning flyttes til tirsdag.', agreementId: null, revisionNumber: null, closesPeriod: null }],
      actions: [{ text: 'Sæt opslag op i opgangene', ownerId: leader.id, dueOn: '2025-08-01' }],
    })
    expect(edited.statusCode, edited.body).toBe(200)
    const after = (await get(cookies.board!, `/api/plans/${varde}/meetings/${id}`)).json() as Meeting
    expect(after.minutes).toBe('Jobcentret deltager fremover hver tirsdag.')
    expect(after.decisions.map((d) => d.text)).toEqual(['Åben rådgivning flyttes til tirsdag.'])
    expect(after.actions.map((a) => [a.text, a.done])).toEqual([
      ['Indkald til samarbejdsmøde med jobcentret', true],
      ['Sæt opslag op i opgangene', false],
    ])
  })

  it('refuses an edit by a board member and an edit approving a revision in a cooperation meeting', async () => {
    const { id } = (await post(cookies[leader.id]!, `/api/plans/${varde}/meetings`, board({ kind: 'cooperation', decisions: [], actions: [] }))).json() as { id: string }
    const { kind: _kind, ...rest } = board({ actions: [] })
    expect((await put(cookies.board!, `/api/plans/${varde}/meetings/${id}`, rest)).statusCode).toBe(403)
    const res = await put(cookies[leader.id]!, `/api/plans/${varde}/meetings/${id}`, rest)
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Kun bestyrelsen')
  })

  it('records a network event with invited and attending companies, listed on each company', async () => {
    const bygma = await company('10000009', 'Bygma Varde')
    const netto = await company('10000017', 'Netto Varde')
    const res = await post(cookies[leader.id]!, `/api/plans/${varde}/meetings`, {
      kind: 'company-network',
      heldOn: '2025-09-10',
      title: 'Halvårligt netværksmøde',
      agenda: 'Status på beskæftigelsen i afdelingerne',
      companies: [
        { companyId: bygma, attended: true },
        { companyId: netto, attended: false },
      ],
    })
    expect(res.statusCode, res.body).toBe(201)
    const meeting = (await get(cookies[jobcenter.id]!, `/api/plans/${varde}/meetings/${(res.json() as { id: string }).id}`)).json() as Meeting
    expect(meeting.companies).toEqual([
      { companyId: bygma, name: 'Bygma Varde', attended: true },
      { companyId: netto, name: 'Netto Varde', attended: false },
    ])
    const ofNetto = (await get(cookies[jobcenter.id]!, `/api/plans/${varde}/companies/${netto}/meetings`)).json() as { meetings: { title: string; attended: boolean }[] }
    expect(ofNetto.meetings).toEqual([expect.objectContaining({ title: 'Halvårligt netværksmøde', attended: false })])
  })

  it('refuses companies on a meeting that is not the network\'s', async () => {
    const other = await company('10000025', 'Brugsen Varde')
    const res = await post(cookies[leader.id]!, `/api/plans/${varde}/meetings`, board({ decisions: [], actions: [], companies: [{ companyId: other, attended: true }] }))
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('virksomhedsnetværket')
  })
})

describe('deleting an action added by mistake', () => {
  let meetingId: string
  let other: TestUser
  const actionsOf = async () => ((await get(cookies.board!, `/api/plans/${varde}/meetings/${meetingId}`)).json() as Meeting).actions
  const remove = (cookie: string, actionId: string, reason: string) => post(cookie, `/api/plans/${varde}/meetings/actions/${actionId}/deletion`, { reason })

  beforeAll(async () => {
    other = await makeUser(t.ctx, 'jobcenter', [varde])
    cookies[other.id] = await login(app, other)
    const created = await post(
      cookies[leader.id]!,
      `/api/plans/${varde}/meetings`,
      board({
        title: 'Samarbejdsmøde med fejl',
        decisions: [],
        actions: [
          { text: 'Sendes to gange ved en fejl', ownerId: jobcenter.id, dueOn: '2025-08-01' },
          { text: 'Forkert ansvarlig', ownerId: jobcenter.id, dueOn: '2025-08-15' },
          { text: 'Bliver stående', ownerId: jobcenter.id, dueOn: '2025-09-01' },
        ],
      }),
    )
    expect(created.statusCode, created.body).toBe(201)
    meetingId = (created.json() as { id: string }).id
  })

  it('refuses someone who neither owns the action nor recorded the meeting, and a deletion without a reason', async () => {
    const action = (await actionsOf()).find((a) => a.text === 'Sendes to gange ved en fejl')!
    const stranger = await remove(cookies[other.id]!, action.id, 'Ser forkert ud')
    expect(stranger.statusCode).toBe(403)
    expect(stranger.json()).toMatchObject({ message: 'Kun den ansvarlige og den, der registrerede mødet, kan slette opfølgningspunktet.' })
    const noReason = await remove(cookies[jobcenter.id]!, action.id, '  ')
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Skriv, hvorfor opfølgningspunktet slettes.')
    expect((await actionsOf()).map((a) => a.text)).toContain('Sendes to gange ved en fejl')
  })

  it('lets the owner delete it: gone from the meeting and the owner’s list, and the log keeps what it said and why', async () => {
    const action = (await actionsOf()).find((a) => a.text === 'Sendes to gange ved en fejl')!
    const res = await remove(cookies[jobcenter.id]!, action.id, 'Tilføjet to gange')
    expect(res.statusCode, res.body).toBe(204)
    expect((await actionsOf()).map((a) => a.text)).not.toContain('Sendes to gange ved en fejl')
    const mine = (await get(cookies[jobcenter.id]!, `/api/plans/${varde}/meetings/my-actions`)).json() as { actions: MeetingAction[] }
    expect(mine.actions.map((a) => a.id)).not.toContain(action.id)
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'meeting-action').where('entity_id', '=', action.id).where('action', '=', 'delete').executeTakeFirstOrThrow()
    expect(audit.actor_id).toBe(jobcenter.id)
    expect(audit.details).toMatchObject({ reason: 'Tilføjet to gange', text: 'Sendes to gange ved en fejl', ownerId: jobcenter.id, dueOn: '2025-08-01', meetingId })
    expect((await remove(cookies[jobcenter.id]!, action.id, 'Igen')).statusCode).toBe(404)
  })

  it('lets whoever recorded the meeting delete it too, and leaves the other actions', async () => {
    const action = (await actionsOf()).find((a) => a.text === 'Forkert ansvarlig')!
    expect((await remove(cookies[leader.id]!, action.id, 'Forkert ansvarlig valgt')).statusCode).toBe(204)
    expect((await actionsOf()).map((a) => a.text)).toEqual(['Bliver stående'])
  })
})
