import { describe, expect, it } from 'vitest'
import { Role } from '../../shared/users.ts'
import { type Actor, authorize } from './authorize.ts'
import { AppError } from './errors.ts'
import { permissions, type Resource, roleMay } from './permissions.ts'

const PLAN_A = '00000000-0000-4000-8000-00000000000a'
const PLAN_B = '00000000-0000-4000-8000-00000000000b'

function actor(role: Role, planIds: string[] = [PLAN_A]): Actor {
  return { id: 'u', name: 'U', email: 'u@example.dk', role, organisationId: 'o', planIds, mustChangePassword: false }
}

describe('the permission table', () => {
  it('keeps personal data about staff away from the board', () => {
    expect(roleMay('bestyrelse', 'plan-members', 'read')).toBe(false)
    expect(roleMay('bestyrelse', 'users', 'read')).toBe(false)
    expect(roleMay('bestyrelse', 'audit-log', 'read')).toBe(false)
  })

  it('leaves user administration and the audit log to administrators', () => {
    for (const role of Role.options) {
      expect(roleMay(role, 'users', 'create')).toBe(role === 'admin')
      expect(roleMay(role, 'audit-log', 'read')).toBe(role === 'admin')
    }
  })

  it('allows nothing that is not listed', () => {
    for (const role of Role.options) expect(roleMay(role, 'audit-log', 'delete')).toBe(false)
  })

  it('marks every resource holding people as personal data, so reads are logged', () => {
    const personal = (Object.keys(permissions) as Resource[]).filter((r) => permissions[r].personalData)
    expect(personal.sort()).toEqual(['audit-log', 'consents', 'enrolments', 'participant-cpr', 'participant-rights', 'participants', 'plan-members', 'sessions', 'users'])
  })
})

describe('authorize()', () => {
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
