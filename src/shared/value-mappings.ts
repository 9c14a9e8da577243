import { z } from 'zod'
import { Population } from './indicators.ts'

// Saved mappings for importing LBF Beboerdata tables (../shared/docs/domain.md, "Data sources users
// will bring"): a table has title rows, then a header row with a label column and one column per
// year, and rows such as age bands. The first time, the user says which sheet, which printed row
// labels go to which indicator row, whether the table is the area or the comparison population, and
// whether the figures are shares or counts; next year the new file is imported with the same mapping.

export const MappingMeasure = z.enum(['share', 'count'], { error: 'Vælg andel eller antal.' })
export type MappingMeasure = z.infer<typeof MappingMeasure>

export const BeboerdataMappingRow = z.object({
  /** The row label as printed in the file ("18-29 år"); compared without case, spacing or æøå spelling. */
  label: z.string().trim().min(1, { error: 'Skriv rækkens tekst, som den står i filen.' }).max(200),
  indicatorKey: z.string().min(1, { error: 'Vælg en indikator.' }).max(200),
  rowKey: z.string().min(1, { error: 'Vælg indikatorens række.' }).max(200),
})
export type BeboerdataMappingRow = z.infer<typeof BeboerdataMappingRow>

export const BeboerdataMapping = z.object({
  name: z.string().trim().min(1, { error: 'Giv opsætningen et navn, fx "Beboerdata tabel 14".' }).max(200),
  /** The sheet's name; by default the first sheet with a header row of years. */
  sheet: z.string().trim().min(1).max(200).optional(),
  /** The label column's header text; by default the first column with text in the rows below the header. */
  labelColumn: z.string().trim().min(1).max(200).optional(),
  population: Population,
  measure: MappingMeasure,
  rows: z
    .array(BeboerdataMappingRow)
    .min(1, { error: 'Vælg mindst én række fra tabellen.' })
    .max(200)
    .refine((rows) => new Set(rows.map((r) => r.label.trim().toLowerCase())).size === rows.length, { error: 'Samme tekst er valgt to gange.' }),
})
export type BeboerdataMapping = z.infer<typeof BeboerdataMapping>

export const ValueMappingDto = z.object({
  id: z.uuid(),
  agreementId: z.uuid(),
  name: z.string(),
  source: z.literal('beboerdata'),
  definition: BeboerdataMapping,
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
})
export type ValueMappingDto = z.infer<typeof ValueMappingDto>

export const ValueMappingList = z.object({ mappings: z.array(ValueMappingDto) })
export type ValueMappingList = z.infer<typeof ValueMappingList>

export const ValueMappingParams = z.object({ planId: z.uuid(), agreementId: z.uuid(), mappingId: z.uuid() })

/** What a Beboerdata table looks like, so a user interface can offer its rows for mapping. */
export const DetectedTable = z.object({
  sheet: z.string().nullable(),
  /** 1-based row of the header with the years. */
  headerRow: z.number().int().positive(),
  labelColumn: z.object({ letter: z.string(), header: z.string() }),
  years: z.array(z.object({ column: z.string(), year: z.number().int() })),
  /** Row labels below the header, as printed. */
  rowLabels: z.array(z.string()),
  /** Every sheet of the file, for choosing another one. */
  sheets: z.array(z.string()),
})
export type DetectedTable = z.infer<typeof DetectedTable>
