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

/** The first wait after too many wrong passwords; each further failure doubles it, up to the cap. */
export const FIRST_SIGN_IN_DELAY_MS = 30_000

/**
 * How long an account waits before the next attempt counts, after its `failures`-th wrong password in a
 * row: nothing below `maxFailures`, then 30 s, 1 min, 2 min … doubling up to `capMinutes`. A delay that
 * grows rather than a long lock: guessing cannot shut the owner out for long, and the n-th guess costs
 * the attacker minutes.
 */
export function signInDelayMs(failures: number, maxFailures: number, capMinutes: number): number {
  if (failures < maxFailures) return 0
  const cap = capMinutes * 60_000
  const steps = failures - maxFailures
  return steps >= 30 ? cap : Math.min(cap, FIRST_SIGN_IN_DELAY_MS * 2 ** steps)
}

/**
 * The delays after the `maxFailures`-th, (maxFailures+1)-th … failure, ending with the first one that
 * reaches the cap (which then holds for every later failure): the table the database counts with.
 */
export function signInDelayTable(maxFailures: number, capMinutes: number): number[] {
  const table: number[] = []
  for (let failures = maxFailures; ; failures++) {
    const delay = signInDelayMs(failures, maxFailures, capMinutes)
    table.push(delay)
    if (delay >= capMinutes * 60_000) return table
  }
}
