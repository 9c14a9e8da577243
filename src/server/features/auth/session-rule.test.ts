import { describe, expect, it } from 'vitest'
import { sessionIsActive, sessionNeedsTouch, signInDelayMs, signInDelayTable } from './session-rule.ts'

const at = (iso: string) => new Date(iso)

describe('session validity', () => {
  const session = { last_seen_at: at('2026-03-02T10:00:00Z'), expires_at: at('2026-03-02T20:00:00Z') }

  it('keeps a session alive while it is used within the idle time', () => {
    expect(sessionIsActive(session, at('2026-03-02T10:59:59Z'), 60)).toBe(true)
  })

  it('ends a session left idle for the idle time', () => {
    expect(sessionIsActive(session, at('2026-03-02T11:00:00Z'), 60)).toBe(false)
  })

  it('ends a session at its absolute expiry however recently it was used', () => {
    expect(sessionIsActive({ ...session, last_seen_at: at('2026-03-02T19:59:00Z') }, at('2026-03-02T20:00:00Z'), 60)).toBe(false)
  })

  it('records activity at most once a minute', () => {
    expect(sessionNeedsTouch(session, at('2026-03-02T10:00:59Z'))).toBe(false)
    expect(sessionNeedsTouch(session, at('2026-03-02T10:01:00Z'))).toBe(true)
  })
})

describe('delay after wrong passwords', () => {
  it('lets the first wrong passwords through without waiting', () => {
    expect(signInDelayMs(0, 5, 15)).toBe(0)
    expect(signInDelayMs(4, 5, 15)).toBe(0)
  })

  it('waits 30 s at the limit, then doubles: 1, 2, 4, 8 minutes, then the cap', () => {
    expect([5, 6, 7, 8, 9, 10, 11].map((n) => signInDelayMs(n, 5, 15))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000])
    expect(signInDelayMs(10_000, 5, 15)).toBe(900_000)
  })

  it('gives the database a table from the limit to the cap', () => {
    expect(signInDelayTable(5, 15)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000])
    expect(signInDelayTable(3, 1)).toEqual([30_000, 60_000])
    expect(signInDelayTable(1, 0.25)).toEqual([15_000])
  })
})
