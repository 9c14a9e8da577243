import type { Indicator } from '../../../shared/agreements.ts'
import type { Population } from '../../../shared/indicators.ts'
import { formatDay, formatNumber } from '../../../shared/lib/format.ts'
import { parsePeriod, periodLabel } from '../../../shared/lib/period.ts'

// Whether a value typed for an indicator is one a user can have meant (a pure rule, CONTRIBUTING.md).
//
// 1. A value for a period that has not begun on `asOf` is refused: it is either a slip (2026 for
//    2025) or a target, and targets belong to the agreement, not to the follow-up.
// 2. A count more than ten times the row's baseline count (for the same population: the area's
//    baseline for the area, the comparison's for the comparison) asks for confirmation: a typo of
//    one digit too many is the usual cause, and a real tenfold rise is rare enough to be worth a
//    second look. A baseline of 0 or without a count gives no yardstick, so nothing is asked.
// 3. A share above 100 % is refused by the schema; a value that loses precision is refused there too.

export const IMPLAUSIBLE_FACTOR = 10

export type Finding = { kind: 'refused' | 'confirm'; field: 'period' | 'count'; message: string }

export function plausibility(
  indicator: Pick<Indicator, 'rows'>,
  input: { rowKey: string; population: Population; period: string; count?: number | undefined },
  asOf: string,
): Finding | null {
  const period = parsePeriod(input.period)
  if (period && period.start > asOf) {
    return {
      kind: 'refused',
      field: 'period',
      message: `${periodLabel(input.period)} er ikke begyndt endnu (den begynder ${formatDay(period.start)}). En værdi registreres, når perioden er begyndt; mål for perioden står i delaftalen.`,
    }
  }
  const row = indicator.rows.find((r) => r.key === input.rowKey)
  const baseline = input.population === 'area' ? row?.baseline.count : row?.comparison?.count
  if (input.count !== undefined && baseline !== undefined && baseline > 0 && input.count > IMPLAUSIBLE_FACTOR * baseline) {
    return {
      kind: 'confirm',
      field: 'count',
      message: `Antallet ${formatNumber(input.count)} er mere end ${IMPLAUSIBLE_FACTOR} gange baseline (${formatNumber(baseline)}). Tjek tallet, og bekræft det, hvis det er rigtigt.`,
    }
  }
  return null
}
