import { describe, expect, it } from 'vitest'
import { accountIsLocked, sessionIsActive, sessionNeedsTouch } from './session-rule.ts'

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

describe('account lock', () => {
  it('holds until the lock time has passed', () => {
    const user = { locked_until: at('2026-03-02T10:15:00Z') }
    expect(accountIsLocked(user, at('2026-03-02T10:14:59Z'))).toBe(true)
    expect(accountIsLocked(user, at('2026-03-02T10:15:00Z'))).toBe(false)
    expect(accountIsLocked({ locked_until: null }, at('2026-03-02T10:00:00Z'))).toBe(false)
  })
})
