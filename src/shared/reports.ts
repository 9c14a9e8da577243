import { z } from 'zod'
import { PeriodKey } from './indicators.ts'
import { parsePeriod } from './lib/period.ts'

// Reports: documents made from Indsats's data for readers outside the team (the board, LBF). The
// status report is one agreement's follow-up for one period, as Word, Excel or PDF.

export const ReportFormat = z.enum(['docx', 'xlsx', 'pdf'], { error: 'Formatet skal være docx, xlsx eller pdf.' })
export type ReportFormat = z.infer<typeof ReportFormat>

export const ReportQuery = z.object({
  // The key's pattern lets "2023-02-30" through; a day that does not exist is refused here (once: a
  // key the pattern already refused has its message).
  period: PeriodKey.refine((p) => parsePeriod(p) !== null || !PeriodKey.safeParse(p).success, { error: 'Perioden findes ikke i kalenderen.' }),
  format: ReportFormat,
})
export type ReportQuery = z.infer<typeof ReportQuery>

export const ReportParams = z.object({
  planId: z.uuid({ error: 'Ugyldigt plan-id.' }),
  agreementId: z.uuid({ error: 'Ugyldigt delaftale-id.' }),
})
