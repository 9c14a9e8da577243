import { describe, expect, it } from 'vitest'
import { Role } from '../../shared/users.ts'
import { may, partyOf, permissions, type Resource, roleRule, viewOf } from '../../shared/permissions.ts'
import { type Actor, authorize, hidesSmallNumbers } from './authorize.ts'
import { AppError } from './errors.ts'

const PLAN_A = '00000000-0000-4000-8000-00000000000a'
const PLAN_B = '00000000-0000-4000-8000-00000000000b'

function actor(role: Role, planIds: string[] = [PLAN_A]): Actor {
  return { id: 'u', name: 'U', email: 'u@example.dk', role, organisationId: 'o', planIds, parties: {}, mustChangePassword: false }
}

describe('the permission table', () => {
  it('keeps personal data about staff away from the board', () => {
    expect(may('bestyrelse', 'plan-members', 'read')).toBe(false)
    expect(may('bestyrelse', 'users', 'read')).toBe(false)
    expect(may('bestyrelse', 'audit-log', 'read')).toBe(false)
  })

  it('leaves user administration and the audit log to administrators', () => {
    for (const role of Role.options) {
      expect(may(role, 'users', 'create')).toBe(role === 'admin')
      expect(may(role, 'audit-log', 'read')).toBe(role === 'admin')
    }
  })

  it('allows nothing that is not listed', () => {
    for (const role of Role.options) expect(may(role, 'audit-log', 'delete')).toBe(false)
  })

  it('marks every resource holding people as personal data, so reads are logged', () => {
    const personal = (Object.keys(permissions) as Resource[]).filter((r) => permissions[r].personalData)
    expect(personal.sort()).toEqual(['appointments', 'audit-log', 'company-contacts', 'consents', 'conversations', 'counselling-occurrences', 'due-checks', 'enrolments', 'erasure-requests', 'inquiries', 'participant-cpr', 'participant-merges', 'participant-rights', 'participants', 'pathway-progress', 'placements', 'plan-members', 'sessions', 'users'])
  })
})

describe('the views of the permission table', () => {
  it.each(['indicator-values', 'follow-up-overview', 'activities', 'participant-figures', 'counselling-figures', 'company-figures'] as const)('gives board members %s with small numbers hidden, and staff in full', (resource) => {
    expect(viewOf('bestyrelse', resource, 'read')).toBe('aggregate')
    for (const role of ['admin', 'projektleder', 'boligsocial', 'jobcenter'] as const) expect(viewOf(role, resource, 'read')).toBe('full')
  })

  it('gives nobody an aggregate view of a resource holding people', () => {
    for (const resource of Object.keys(permissions) as Resource[]) {
      if (!permissions[resource].personalData) continue
      for (const role of Role.options) for (const action of ['read', 'create', 'update', 'delete'] as const) expect(viewOf(role, resource, action)).not.toBe('aggregate')
    }
  })

  it('has no view for an action the role may not take', () => {
    expect(viewOf('bestyrelse', 'indicator-values', 'create')).toBeNull()
  })
})

describe('the roles in the permission table', () => {
  it('has the project leader act for the housing-social team, and only the parties\' staff and partners act for a party', () => {
    expect(Role.options.map((role) => [role, partyOf(role)])).toEqual([
      ['admin', null],
      ['projektleder', 'boligsocial'],
      ['boligsocial', 'boligsocial'],
      ['jobcenter', 'jobcenter'],
      ['samarbejdspartner', 'partner'],
      ['bestyrelse', null],
    ])
  })

  it('lets only external partners read residents solely under consent, and change nothing about them', () => {
    expect(Role.options.filter((role) => roleRule(role).onlyUnderConsent)).toEqual(['samarbejdspartner'])
    for (const resource of ['participants', 'consents', 'enrolments', 'sessions', 'participant-cpr'] as const) {
      for (const action of ['create', 'update', 'delete'] as const) expect(may('samarbejdspartner', resource, action), `${resource} ${action}`).toBe(false)
    }
    expect(may('samarbejdspartner', 'plan-members', 'read')).toBe(false)
    expect(viewOf('samarbejdspartner', 'indicator-values', 'read')).toBe(viewOf('bestyrelse', 'indicator-values', 'read'))
  })

  it('lets only the project leader see every resident regardless of party and consent', () => {
    expect(Role.options.filter((role) => roleRule(role).seesEveryResident)).toEqual(['projektleder'])
  })

  it('lists every plan only to administrators, who alone may be without a plan', () => {
    expect(Role.options.filter((role) => roleRule(role).listsEveryPlan)).toEqual(['admin'])
    expect(Role.options.filter((role) => !roleRule(role).needsPlan)).toEqual(['admin'])
  })

  it('gives access to residents only to roles that act for a party', () => {
    for (const role of Role.options) expect(may(role, 'participants', 'read')).toBe(partyOf(role) !== null)
  })
})

describe('authorize()', () => {
  it('hands the board a grant that hides small numbers, and staff one that does not', () => {
    expect(hidesSmallNumbers(authorize(actor('bestyrelse'), 'indicator-values', 'read', PLAN_A))).toBe(true)
    expect(hidesSmallNumbers(authorize(actor('boligsocial'), 'indicator-values', 'read', PLAN_A))).toBe(false)
    expect(authorize(actor('bestyrelse'), 'agreements', 'read', PLAN_A).view).toBe('full')
  })

  it('grants a plan-scoped read to a member of that plan', () => {
    const grant = authorize(actor('boligsocial'), 'plan-members', 'read', PLAN_A)
    expect(grant.planId).toBe(PLAN_A)
  })

  it.each(Role.options)('refuses a %s access to a plan they are not on', (role) => {
    expect(() => authorize(actor(role), 'plan-members', 'read', PLAN_B)).toThrow(AppError)
  })

  it('refuses a plan-scoped request that names no plan', () => {
    expect(() => authorize(actor('projektleder'), 'plan-members', 'read', null)).toThrow(AppError)
  })

  it('refuses with the Danish "no access" error', () => {
    try {
      authorize(actor('bestyrelse'), 'plan-members', 'read', PLAN_A)
      expect.unreachable()
    } catch (error) {
      expect((error as AppError).code).toBe('forbidden')
      expect((error as AppError).message).toBe('Du har ikke adgang til dette.')
    }
  })
})
