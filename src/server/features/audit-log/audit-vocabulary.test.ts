import { describe, expect, it } from 'vitest'
import { auditActionLabels, auditActions, auditEntities, auditEntityLabels, auditEntityOf, legacyAuditEntities } from '../../../shared/audit-log.ts'
import type { AuditEntry } from '../../lib/audit-log.ts'
import { purposeOf, residentPurposes } from '../participants/access-report.ts'

// The vocabulary is closed: each entity has a Danish label and a decision on what the resident is
// told about it. The records below are typed Record<AuditEntity, …>, so the compiler enforces it;
// these tests keep the runtime side honest (no empty labels, no stray keys).

describe('the audit vocabulary', () => {
  it('gives every entity and every action a Danish label, and nothing else one', () => {
    expect(Object.keys(auditEntityLabels).sort()).toEqual([...auditEntities].sort())
    expect(Object.keys(auditActionLabels).sort()).toEqual([...auditActions].sort())
    for (const label of [...Object.values(auditEntityLabels), ...Object.values(auditActionLabels)]) expect(label.trim()).not.toBe('')
  })

  it('decides for every entity what a resident is told about it', () => {
    expect(Object.keys(residentPurposes).sort()).toEqual([...auditEntities].sort())
  })

  it('reads the old names as the new ones and knows no name outside the vocabulary', () => {
    expect(Object.values(legacyAuditEntities).every((e) => auditEntities.includes(e))).toBe(true)
    expect(auditEntityOf('sessions')).toBe('attendance-session')
    expect(auditEntityOf('session')).toBe('login-session')
    expect(auditEntityOf('users')).toBe('user')
    expect(auditEntityOf('participant')).toBeNull()
  })

  it('tells a resident their attendance list was shown, whether the row is old or new', () => {
    expect(purposeOf('sessions', 'read', {}, 'x')).toBe('Fremmødelisten blev vist')
    expect(purposeOf('attendance-session', 'read', {}, 'x')).toBe('Fremmødelisten blev vist')
    expect(purposeOf('attendance-session', 'read', { refused: true }, 'x')).toBeNull()
  })

  it('lets no writer name an entity outside the vocabulary', () => {
    // @ts-expect-error: 'sessions' is an old name, not part of the vocabulary
    const stray: AuditEntry = { actor: { label: 'system' }, action: 'read', entity: 'sessions' }
    // @ts-expect-error: actions are closed too
    const strayAction: AuditEntry = { actor: { label: 'system' }, action: 'peek', entity: 'user' }
    expect([stray, strayAction]).toHaveLength(2)
  })
})
