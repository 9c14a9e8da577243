import { isoDay } from '../../shared/lib/format.ts'
import type { AppContext } from './context.ts'

/**
 * Today as a Danish calendar day, by the context's clock (so tests can fix it): the day that date
 * rules such as consent validity, retention and exits are asked about.
 */
export function today(ctx: Pick<AppContext, 'now'>): string {
  return isoDay(ctx.now())
}
