import { z } from 'zod'
import { StagedImport } from './imports.ts'

// Target-group counts (målgruppeopgørelser): how many unemployed residents the job centre counts per
// § 6 target group on a date, per housing department. Imported from a file in two steps (preview,
// then commit all or nothing) and shown as one table per date, with departments as columns.

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const TargetGroupPreview = StagedImport.extend({
  /** Counts the file would add, in all. */
  rowCount: z.number().int(),
  /** The dates the counts are for ("YYYY-MM-DD"), oldest first. */
  dates: z.array(Day),
  /** The first counts, for the preview. */
  rows: z.array(
    z.object({ date: Day, code: z.string(), label: z.string(), department: z.string().nullable(), count: z.number(), row: z.number().int() }),
  ),
})
export type TargetGroupPreview = z.infer<typeof TargetGroupPreview>

/** A published count; `value` is null when hidden (small-number protection) or not in the file. */
export const TargetGroupValue = z.object({ value: z.number().nullable(), hidden: z.boolean() })
export type TargetGroupValue = z.infer<typeof TargetGroupValue>

export const TargetGroupSnapshot = z.object({
  /** "YYYY-MM-DD" */
  date: Day,
  /** Department numbers, the table's columns, in order. */
  departments: z.array(z.string()),
  rows: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      /** One per department, in the order of `departments`. */
      counts: z.array(TargetGroupValue),
      total: TargetGroupValue,
    }),
  ),
  columnTotals: z.array(TargetGroupValue),
  grandTotal: TargetGroupValue,
})
export type TargetGroupSnapshot = z.infer<typeof TargetGroupSnapshot>

export const TargetGroupSnapshots = z.object({
  planId: z.uuid(),
  /** Newest date first. */
  snapshots: z.array(TargetGroupSnapshot),
  /** True when small counts are hidden for this reader (board members). */
  suppressed: z.boolean(),
})
export type TargetGroupSnapshots = z.infer<typeof TargetGroupSnapshots>

export const TargetGroupCommitted = z.object({ rowCount: z.number().int(), unchanged: z.number().int() })
export type TargetGroupCommitted = z.infer<typeof TargetGroupCommitted>
