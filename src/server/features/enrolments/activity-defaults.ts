import type { Target } from '../../../shared/agreements.ts'

// An activity's capacity and default length, read from the targets its agreement states, so a
// course is ready for enrolments the day its agreement is loaded: Sønderborg's "12 beboere løbende
// i forløb" and "i gennemsnit af 10 uger", Varde's "15 borgere udvælges". Only a suggestion: the
// project leader can change both, and a value they set is never overwritten by a later revision.
//
// 1. Capacity: a target counted in people (beboere, borgere, deltagere, unge) that is not a yearly
//    count ("pr. år" is a throughput, not places at a time). The first such target wins.
// 2. Default length: a target in weeks (uger).
// 3. Only whole, positive numbers; anything else is no suggestion.

const PEOPLE = /^(beboere|borgere|deltagere|unge|personer)$/i

export function activityDefaults(targets: readonly Pick<Target, 'value' | 'unit' | 'horizon'>[]): { capacity: number | null; defaultWeeks: number | null } {
  const whole = (n: number) => Number.isInteger(n) && n > 0
  const capacity = targets.find((t) => PEOPLE.test(t.unit.trim()) && !/pr\.?\s*år/i.test(t.horizon ?? '') && whole(t.value))?.value ?? null
  const defaultWeeks = targets.find((t) => /^uger$/i.test(t.unit.trim()) && whole(t.value))?.value ?? null
  return { capacity, defaultWeeks }
}
