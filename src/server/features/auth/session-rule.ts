// When a session stops being valid: after `idleMinutes` without a request, or at its absolute expiry.

export interface SessionTimes {
  last_seen_at: Date
  expires_at: Date
}

export function sessionIsActive(session: SessionTimes, now: Date, idleMinutes: number): boolean {
  return now < session.expires_at && now.getTime() - session.last_seen_at.getTime() < idleMinutes * 60_000
}

/** Writing last_seen_at on every request would make every read a write; once a minute is enough. */
export function sessionNeedsTouch(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.last_seen_at.getTime() >= 60_000
}

/** Whether failed logins have locked the account at `now`. */
export function accountIsLocked(user: { locked_until: Date | null }, now: Date): boolean {
  return user.locked_until !== null && user.locked_until > now
}
