import { z } from 'zod'

// The two-step import every kind of file goes through (decision 011): the file is read and kept as a
// staged import with every problem located as a spreadsheet user would find it; nothing is saved
// until the user commits it, and then all of it or none. Each kind's preview extends StagedImport
// with what it would add.

/** One problem in an imported file, located as a spreadsheet user would find it. */
export const ImportProblem = z.object({
  /** 1-based row in the file (a CSV record's first line; Excel's own row number); 0 for the file as a whole. */
  row: z.number().int().nonnegative(),
  /** The column's letter ("C") and header ("andel"), when the problem is in one cell. */
  column: z.string().nullable(),
  sheet: z.string().nullable(),
  message: z.string(),
})
export type ImportProblem = z.infer<typeof ImportProblem>

/** What every preview says: which staged import to commit or discard, what was read, and what is wrong. */
export const StagedImport = z.object({
  importId: z.uuid(),
  fileName: z.string(),
  format: z.string(),
  problems: z.array(ImportProblem),
})
export type StagedImport = z.infer<typeof StagedImport>

/** The query of an upload: the file travels as the raw body, its name beside it. */
export const UploadQuery = z.object({ fileName: z.string().min(1).max(255) })
export type UploadQuery = z.infer<typeof UploadQuery>
