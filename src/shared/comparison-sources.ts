import { z } from 'zod'
import { ImportProblem } from './imports.ts'
import { ImportPreview } from './indicators.ts'

// Fetching the comparison population's figures (the municipality beside the housing area) from
// Danmarks Statistik's StatBank or from Jobindsats, instead of typing or uploading them. A fetch
// makes an ordinary import preview (decision 006): nothing is saved until the preview is committed
// through the same commit route as a file. See docs/value-import-format.md.

export const ComparisonSource = z.enum(['statbank', 'jobindsats'], { error: 'Vælg kilden: Danmarks Statistik (statbank) eller Jobindsats (jobindsats).' })
export type ComparisonSource = z.infer<typeof ComparisonSource>

export const comparisonSourceLabels: Record<ComparisonSource, string> = {
  statbank: 'Danmarks Statistik',
  jobindsats: 'Jobindsats',
}

const target = {
  indicatorKey: z.string().trim().min(1, { error: 'Vælg en indikator.' }).max(200),
  rowKey: z.string().trim().min(1, { error: 'Vælg indikatorens række.' }).max(200),
  /** Whether the figure is a share (stored in percent) or a count. */
  measure: z.enum(['share', 'count'], { error: 'Vælg andel eller antal.' }),
  /** How the source writes a share: percent (19,14, the default) or fraction (0,1914). Ignored for counts. */
  unit: z.enum(['percent', 'fraction'], { error: 'Vælg enheden procent eller brøk.' }).optional(),
}

export const StatbankFetch = z.object({
  source: z.literal('statbank'),
  /** The StatBank table id, e.g. AUK01. */
  table: z.string().trim().min(1, { error: 'Skriv tabellens navn fra Statistikbanken, fx AUK01.' }).max(20, { error: 'Skriv tabellens navn fra Statistikbanken, fx AUK01.' }),
  /** One entry per variable: codes from the table's description; the time variable is one of them. */
  variables: z
    .array(
      z.object({
        code: z.string().trim().min(1, { error: 'Skriv variablens kode, fx OMRÅDE.' }).max(50),
        values: z.array(z.string().trim().min(1, { error: 'Skriv en værdi for variablen.' }).max(50)).min(1, { error: 'Vælg mindst én værdi for hver variabel.' }).max(200),
      }),
    )
    .min(1, { error: 'Vælg mindst én variabel, fx område og tid.' })
    .max(20),
  ...target,
})
export type StatbankFetch = z.infer<typeof StatbankFetch>

export const JobindsatsFetch = z.object({
  source: z.literal('jobindsats'),
  /** The Jobindsats table id, e.g. y60a02. */
  table: z.string().trim().min(1, { error: 'Skriv tabellens id fra Jobindsats, fx y60a02.' }).max(30, { error: 'Skriv tabellens id fra Jobindsats, fx y60a02.' }),
  /** The municipality as Jobindsats writes it, e.g. Sønderborg. */
  area: z.string().trim().min(1, { error: 'Skriv kommunens navn, som Jobindsats skriver det, fx Sønderborg.' }).max(100),
  /** Months (2023M05), quarters (2023Q2) or years (2023): one kind per fetch. */
  periods: z.array(z.string().trim().min(1, { error: 'Skriv en periode, fx 2023M05.' }).max(20)).min(1, { error: 'Vælg mindst én periode.' }).max(240),
  /** The measure's name as Jobindsats heads its column, e.g. "Fuldtidspersoner i pct. af befolkningen 16-66 år". */
  measureName: z.string().trim().min(1, { error: 'Skriv målingens navn, som Jobindsats skriver det.' }).max(300),
  ...target,
})
export type JobindsatsFetch = z.infer<typeof JobindsatsFetch>

/** POST /api/plans/:planId/agreements/:agreementId/comparison-fetch. The Jobindsats key is the signed-in user's organisation's. */
export const ComparisonFetch = z.discriminatedUnion('source', [StatbankFetch, JobindsatsFetch], {
  error: 'Vælg kilden: Danmarks Statistik (statbank) eller Jobindsats (jobindsats).',
})
export type ComparisonFetch = z.infer<typeof ComparisonFetch>

/** An ordinary import preview, plus what is worth a look but not wrong, and where the figures came from. */
export const ComparisonFetchPreview = ImportPreview.extend({
  warnings: z.array(ImportProblem),
  fetched: z.object({
    source: ComparisonSource,
    table: z.string(),
    /** The address asked, never with a key. */
    url: z.string(),
    fetchedAt: z.string(),
  }),
})
export type ComparisonFetchPreview = z.infer<typeof ComparisonFetchPreview>
