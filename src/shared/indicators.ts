import { z } from 'zod'
import { typeError } from './lib/zod-locale.ts'
import { BaselineTime, Frequency, Measure, Target } from './agreements.ts'
import { SiteFiguresDto } from './counselling.ts'
import { StagedImport } from './imports.ts'
import { PromiseRow } from './staff-time.ts'

// Follow-up: the values of an agreement's indicators over time, where each came from, the periods
// the board has approved (locked), comments, and each indicator's status. A value belongs to one
// row of one indicator (agreement + indicator key + row key), for the area or for the comparison
// population, in one period.

/**
 * A period as a sortable key: "2023" (year), "2023-H1" (half-year), "2023-Q2" (quarter),
 * "2023-05" (month) or "2023-05-17" (a single day, for counts taken on a date).
 * Parsing and labels: src/shared/lib/period.ts.
 */
export const PeriodKey = z
  .string({ error: 'Skriv en periode.' })
  .regex(/^\d{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?))?$/, {
    error: 'Skriv perioden som år (2023), halvår (2023-H1), kvartal (2023-Q2), måned (2023-05) eller dato (2023-05-17).',
  })
export type PeriodKey = z.infer<typeof PeriodKey>

export const Population = z.enum(['area', 'comparison'], { error: 'Vælg område eller sammenligning.' })
export type Population = z.infer<typeof Population>
export const populationLabels: Record<Population, string> = { area: 'Boligområde/målgruppe', comparison: 'Sammenligning (kommune)' }

/** Where a value came from. */
export const Provenance = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('typed'), userName: z.string() }),
  z.object({
    kind: z.literal('imported'),
    importId: z.uuid(),
    fileName: z.string(),
    /** 1-based row in the file (a CSV record's first line; Excel's own row number), and the sheet for Excel files. */
    row: z.number().int().positive(),
    sheet: z.string().nullable(),
    source: z.string(),
  }),
  z.object({ kind: z.literal('computed'), rule: z.string(), version: z.string() }),
])
export type Provenance = z.infer<typeof Provenance>

const decimal = z.number(typeError('Skriv et tal.')).min(0, { error: 'Tallet må ikke være negativt.' })

export const IndicatorValueDto = z.object({
  id: z.uuid(),
  indicatorKey: z.string(),
  rowKey: z.string(),
  population: Population,
  period: PeriodKey,
  share: z.number().nullable(),
  /** Null when there is no count, or when it was hidden for this reader (then countHidden is true). */
  count: z.number().nullable(),
  /** The count exists but is below the small-number threshold and hidden for this reader. */
  countHidden: z.boolean(),
  /** Why this value replaced the one before (corrections). */
  note: z.string().nullable(),
  /** The indicator definition the value was recorded under; a different one starts a new series. */
  definitionVersion: z.string(),
  provenance: Provenance,
  recordedAt: z.string(),
  /** A correction to "no value" (with its reason in `note`): seen only in a value's history. */
  retracted: z.boolean(),
})
export type IndicatorValueDto = z.infer<typeof IndicatorValueDto>

export const IndicatorStatusState = z.enum(['on-track', 'behind', 'no-data', 'no-target'])
export type IndicatorStatusState = z.infer<typeof IndicatorStatusState>
export const statusLabels: Record<IndicatorStatusState, string> = {
  'on-track': 'På rette vej',
  behind: 'Bagud',
  'no-data': 'Ingen data',
  'no-target': 'Intet måltal',
}

export const IndicatorStatus = z.object({
  state: IndicatorStatusState,
  /** One Danish sentence saying why: "Seneste værdi 24 % (2023-Q2) er over forventet 22,1 % på vejen mod 85 %." */
  explanation: z.string(),
  /** The value the straight line from baseline to target expects at the latest value's period. */
  expected: z.number().nullable(),
  latest: z.number().nullable(),
  latestPeriod: PeriodKey.nullable(),
})
export type IndicatorStatus = z.infer<typeof IndicatorStatus>

/** One row of one indicator, with everything needed to follow it. */
export const IndicatorSeries = z.object({
  goalKey: z.string(),
  goalText: z.string(),
  indicatorKey: z.string(),
  indicatorName: z.string(),
  rowKey: z.string(),
  rowLabel: z.string().nullable(),
  definitionVersion: z.string(),
  baseline: Measure,
  comparisonBaseline: Measure.nullable(),
  baselineTime: BaselineTime,
  frequency: Frequency.nullable(),
  dataSource: z.string().nullable(),
  targets: z.array(Target),
  /** The current value of each period (corrections applied), oldest first; area and comparison. */
  values: z.array(IndicatorValueDto),
  /** Periods whose values were recorded under an earlier definition: shown, never compared. */
  earlierDefinition: z.array(IndicatorValueDto),
  status: IndicatorStatus,
})
export type IndicatorSeries = z.infer<typeof IndicatorSeries>

export const PeriodLock = z.object({
  period: PeriodKey,
  locked: z.boolean(),
  at: z.string(),
  by: z.string(),
  reason: z.string().nullable(),
})
export type PeriodLock = z.infer<typeof PeriodLock>

export const IndicatorComment = z.object({
  id: z.uuid(),
  indicatorKey: z.string(),
  period: PeriodKey,
  text: z.string(),
  by: z.string(),
  at: z.string(),
})
export type IndicatorComment = z.infer<typeof IndicatorComment>

export const FollowUp = z.object({
  agreementId: z.uuid(),
  planId: z.uuid(),
  title: z.string(),
  revisionNumber: z.number().int(),
  series: z.array(IndicatorSeries),
  /** Every period that has been locked or unlocked, with its current state. */
  periods: z.array(PeriodLock),
  comments: z.array(IndicatorComment),
  /** True when small counts were hidden for this reader (board members). */
  suppressed: z.boolean(),
})
export type FollowUp = z.infer<typeof FollowUp>

export const ValueCreate = z
  .object({
    indicatorKey: z.string().min(1).max(200),
    rowKey: z.string().min(1).max(200),
    population: Population,
    period: PeriodKey,
    share: decimal.max(100, { error: 'En andel er højst 100 %.' }).optional(),
    // A larger count cannot be stored exactly (and no count a plan records comes near it).
    count: decimal.max(Number.MAX_SAFE_INTEGER, { error: 'Antallet er for stort til at blive gemt præcist.' }).optional(),
    /** Required when the value replaces an earlier one. */
    note: z.string().trim().max(1000, { error: 'Begrundelsen må højst være 1000 tegn.' }).optional(),
    /** The user has seen that the value is far from what the indicator usually holds, and it is right. */
    confirmImplausible: z.boolean().optional(),
  })
  .refine((v) => v.share !== undefined || v.count !== undefined, { error: 'Angiv en andel, et antal eller begge.', path: ['share'] })
export type ValueCreate = z.infer<typeof ValueCreate>

/** Retracting a period's value: a correction to "no value", with the reason (audited, kept in the history). */
export const ValueRetraction = z.object({
  indicatorKey: z.string().min(1),
  rowKey: z.string().min(1),
  population: Population,
  period: PeriodKey,
  reason: z.string().trim().min(1, { error: 'Skriv hvorfor værdien trækkes tilbage.' }).max(1000, { error: 'Begrundelsen må højst være 1000 tegn.' }),
})
export type ValueRetraction = z.infer<typeof ValueRetraction>

export const ValueHistoryQuery = z.object({ indicatorKey: z.string(), rowKey: z.string(), population: Population, period: PeriodKey })
export const ValueHistory = z.object({ values: z.array(IndicatorValueDto) })

export const PeriodLockChange = z
  .object({
    period: PeriodKey,
    locked: z.boolean(),
    /** Why a locked period is opened again (required, audited). */
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((c) => c.locked || (c.reason?.length ?? 0) > 0, { error: 'Skriv hvorfor perioden låses op.', path: ['reason'] })

export const CommentCreate = z.object({
  indicatorKey: z.string().min(1).max(200),
  period: PeriodKey,
  text: z.string().trim().min(1, { error: 'Skriv en kommentar.' }).max(4000, { error: 'En kommentar må højst have 4000 tegn.' }),
})

export const FollowUpParams = z.object({ planId: z.uuid(), agreementId: z.uuid() })

export const ImportPreview = StagedImport.extend({
  /** Values the file would add (the first ones, for the preview), and how many in all. */
  values: z.array(
    z.object({ indicatorKey: z.string(), rowKey: z.string(), population: Population, period: PeriodKey, share: z.number().nullable(), count: z.number().nullable(), row: z.number().int() }),
  ),
  valueCount: z.number().int(),
  /** Values that replace a different current value (corrections), and values in locked periods. */
  replacing: z.number().int(),
  /** Values equal to the current ones: skipped, so importing the same file twice adds nothing. */
  unchanged: z.number().int(),
  lockedPeriods: z.array(PeriodKey),
})
export type ImportPreview = z.infer<typeof ImportPreview>

/** The status of every indicator row of every agreement of one or more plans, at a glance. */
export const FollowUpOverview = z.object({
  plans: z.array(
    z.object({
      planId: z.uuid(),
      planName: z.string(),
      municipality: z.string(),
      agreements: z.array(
        z.object({
          agreementId: z.uuid(),
          title: z.string(),
          effortAreaName: z.string(),
          series: z.array(
            z.object({ indicatorKey: z.string(), indicatorName: z.string(), rowKey: z.string(), rowLabel: z.string().nullable(), status: IndicatorStatus }),
          ),
        }),
      ),
    }),
  ),
})
export type FollowUpOverview = z.infer<typeof FollowUpOverview>

export const FollowUpOutreachQuery = z.object({ quarter: z.string().regex(/^\d{4}-Q[1-4]$/, { error: 'Skriv kvartalet som fx 2025-Q3.' }).optional() })

/**
 * The follow-up's quarter of open counselling and staff time: occurrences held against planned,
 * staffing met and inquiries (small counts hidden from readers outside the team), and each staff
 * promise delivered against promised. The same figures as the counselling and staff-time pages.
 */
export const FollowUpOutreach = z.object({
  quarter: z.string(),
  quarterLabel: z.string(),
  previousQuarter: z.string().nullable(),
  nextQuarter: z.string().nullable(),
  /** Small counts of inquiries and conversations hidden (board members and partners). */
  suppressed: z.boolean(),
  /** The calendar quarter's open counselling; null when the agreement schedules none. */
  counselling: SiteFiguresDto.omit({ site: true })
    .extend({ referredShare: z.number().nullable(), sites: z.array(SiteFiguresDto) })
    .nullable(),
  /** The quarter's staff promises (ISO weeks); null when the agreement makes none. */
  staff: z
    .object({
      firstWeek: z.string(),
      lastWeek: z.string(),
      promises: z.array(PromiseRow),
      conversations: z.number().int().nullable(),
      hoursTotal: z.number(),
    })
    .nullable(),
})
export type FollowUpOutreach = z.infer<typeof FollowUpOutreach>
