import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { SessionDto } from '../../src/shared/auth.ts'
import { Role } from '../../src/shared/users.ts'
import { menuFor, menuItems } from '../../src/web/app/menu.ts'
import { auditLogPath } from '../../src/web/features/audit-log/audit-log.api.ts'
import { counsellingMenuPath } from '../../src/web/features/counselling/counselling.api.ts'
import { companiesMenuPath } from '../../src/web/features/companies/companies.api.ts'
import { overviewPath } from '../../src/web/features/indicators/indicators.api.ts'
import { meetingsMenuPath } from '../../src/web/features/meetings/meetings.api.ts'
import { youthMenuPath } from '../../src/web/features/pathways/pathways.api.ts'
import { residentsPath } from '../../src/web/features/participants/participants.api.ts'
import { staffTimePath } from '../../src/web/features/staff-time/staff-time.api.ts'
import { usersPath } from '../../src/web/features/users/users.api.ts'
import { referenceDataPath } from '../../src/web/features/reference-data/reference-data.api.ts'
import { login, makePlan, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

// The web builds its main menu from the permission table and the server authorizes from the same
// table. This proves the two agree where it matters to a user: every item a role is shown opens a
// page whose data the server serves them, and every item a role is not shown leads to data the
// server refuses them.

let t: TestDatabase
let app: App
let plan: string

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  plan = await makePlan(t.ctx, 'Sønderborg')
})

/** The API request the page behind each menu item makes to show its content. */
const pageRequests: Record<string, (planId: string) => string> = {
  '/': () => '/api/plans',
  [overviewPath]: () => '/api/follow-up',
  // The residents page sends a user on one plan straight to that plan's list of residents.
  [residentsPath]: (planId) => `/api/plans/${planId}/participants`,
  // The open-counselling page sends a user on one plan straight to that plan's week.
  // The young people's page sends a user with one funnel straight to it; it lists the plan's funnels first.
  [youthMenuPath]: (planId) => `/api/plans/${planId}/pathways`,
  [counsellingMenuPath]: (planId) => `/api/plans/${planId}/counselling/occurrences`,
  // The companies page sends a user on one plan straight to that plan's company list.
  [companiesMenuPath]: (planId) => `/api/plans/${planId}/companies`,
  // Tid og løfter on one plan lists that plan's agreements, each with its quarters.
  [staffTimePath]: (planId) => `/api/plans/${planId}/agreements`,
  // The meetings page sends a user on one plan straight to that plan's meetings.
  [meetingsMenuPath]: (planId) => `/api/plans/${planId}/meetings`,
  [usersPath]: () => '/api/users',
  [auditLogPath]: () => '/api/audit-log',
  [referenceDataPath]: () => '/api/reference-data',
}

describe('the main menu', () => {
  it('knows the request behind every item, so none goes untested', () => {
    expect(menuItems.map((item) => item.to).sort()).toEqual(Object.keys(pageRequests).sort())
  })

  it.each(Role.options)('shows %s exactly the pages the server lets them open', async (role) => {
    const user = await makeUser(t.ctx, role, [plan])
    const cookie = await login(app, user)
    const session = SessionDto.parse((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json())
    const shown = new Set(menuFor(session.user).map((item) => item.to))
    expect(shown.size).toBeGreaterThan(0)

    const answers = await Promise.all(
      menuItems.map(async (item) => {
        const res = await app.inject({ method: 'GET', url: pageRequests[item.to]!(plan), headers: { cookie } })
        return { item: item.label, shown: shown.has(item.to), status: res.statusCode }
      }),
    )
    // Shown: the server answers with the page's data. Hidden: the server refuses.
    expect(answers).toEqual(answers.map((a) => ({ ...a, status: a.shown ? 200 : 403 })))
  })

  it.each([
    ['admin', ['Forside', 'Opfølgning', 'Unge', 'Virksomheder', 'Tid og løfter', 'Møder', 'Brugere', 'Revisionsspor', 'Referencedata']],
    ['projektleder', ['Forside', 'Opfølgning', 'Deltagere', 'Unge', 'Åben rådgivning', 'Virksomheder', 'Tid og løfter', 'Møder']],
    ['boligsocial', ['Forside', 'Opfølgning', 'Deltagere', 'Unge', 'Åben rådgivning', 'Virksomheder', 'Tid og løfter', 'Møder']],
    ['jobcenter', ['Forside', 'Opfølgning', 'Deltagere', 'Unge', 'Åben rådgivning', 'Virksomheder', 'Tid og løfter', 'Møder']],
    ['samarbejdspartner', ['Forside', 'Opfølgning', 'Deltagere', 'Unge', 'Tid og løfter', 'Møder']],
    ['bestyrelse', ['Forside', 'Opfølgning', 'Unge', 'Tid og løfter', 'Møder']],
  ] as const)('shows %s on a plan the items %j', (role, labels) => {
    expect(menuFor({ role, plans: [{ id: plan, name: 'Helhedsplan Sønderborg', municipality: 'Sønderborg' }] }).map((item) => item.label)).toEqual(labels)
  })

  it('leaves out the follow-up for a user on no plan, who would find nothing there', () => {
    expect(menuFor({ role: 'admin', plans: [] }).map((item) => item.label)).toEqual(['Forside', 'Brugere', 'Revisionsspor', 'Referencedata'])
  })
})
