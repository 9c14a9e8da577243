import { describe, expect, it } from 'vitest'
import { auditCsvUrl, filterOf, filterParams } from './audit-log.api.ts'

describe('the audit filter in the address', () => {
  it('survives a round trip through the address, leaving out what is not asked', () => {
    const filter = { participant: 'D-0002', action: 'read' as const, from: '2026-11-01', to: '2026-11-30' }
    const params = filterParams(filter)
    expect(params.toString()).toBe('participant=D-0002&action=read&from=2026-11-01&to=2026-11-30')
    expect(filterOf(params)).toEqual(filter)
    expect(filterOf(new URLSearchParams('participant=&limit=5&entity=user'))).toEqual({ entity: 'user' })
  })

  it('links the CSV of exactly the rows on screen', () => {
    expect(auditCsvUrl({ participant: 'D-0002', entity: 'participants' })).toBe('/api/audit-log.csv?participant=D-0002&entity=participants')
    expect(auditCsvUrl({})).toBe('/api/audit-log.csv')
  })
})
