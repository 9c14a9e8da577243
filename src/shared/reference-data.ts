import { z } from 'zod'

// Dated reference data an administrator keeps current (decision 021): the job centre's target-group
// codes (§ 6 målgrupper), Landsbyggefonden's funding periods and their effort areas. Laws change the
// codes (the cash-benefit reform of 1 July 2025, the employment reform from 2027); a code is never
// deleted or renamed in place for dates it already covered, it gets a new dated version, so a
// resident classified in 2024 keeps the words of 2024.

const isoDate = (error: string) => z.iso.date({ error })

const code = (what: string, max = 20) =>
  z
    .string()
    .trim()
    .min(1, `Skriv ${what}.`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} må højst være ${max} tegn.`)
    .regex(/^[\p{L}\p{N}.-]+$/u, `${what[0]!.toUpperCase()}${what.slice(1)} må kun indeholde bogstaver, tal, punktum og bindestreg.`)
const label = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Skriv ${what}.`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} må højst være ${max} tegn.`)
const note = z
  .string()
  .trim()
  .max(500, 'Noten må højst være 500 tegn.')
  .nullable()
  .transform((v) => (v === '' ? null : v))

export const TargetGroupCodeDto = z.object({
  code: z.string(),
  label: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  note: z.string().nullable(),
})
export type TargetGroupCodeDto = z.infer<typeof TargetGroupCodeDto>

export const FundingPeriodDto = z.object({
  code: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  effortAreas: z.array(z.object({ code: z.string(), name: z.string(), sortOrder: z.number().int() })),
})
export type FundingPeriodDto = z.infer<typeof FundingPeriodDto>

export const ReferenceData = z.object({
  targetGroups: z.array(TargetGroupCodeDto),
  fundingPeriods: z.array(FundingPeriodDto),
})
export type ReferenceData = z.infer<typeof ReferenceData>

/** A new target-group code, or a new version of one from a later date (a new label after a reform). */
export const TargetGroupCodeCreate = z
  .object({
    code: code('koden'),
    label: label('betegnelsen', 200),
    validFrom: isoDate('Skriv datoen, koden gælder fra, som åååå-mm-dd.'),
    validTo: isoDate('Skriv datoen, koden gælder til, som åååå-mm-dd.').nullable(),
    note,
  })
  .refine((v) => v.validTo === null || v.validTo >= v.validFrom, { path: ['validTo'], message: 'Slutdatoen kan ikke ligge før startdatoen.' })
export type TargetGroupCodeCreate = z.infer<typeof TargetGroupCodeCreate>

/** Renaming (a spelling fix) or ending one version: its start date names it and does not change. */
export const TargetGroupCodeUpdate = z.object({
  label: label('betegnelsen', 200),
  validTo: isoDate('Skriv datoen, koden gælder til, som åååå-mm-dd.').nullable(),
  note,
})
export type TargetGroupCodeUpdate = z.infer<typeof TargetGroupCodeUpdate>

export const TargetGroupCodeParams = z.object({ code: z.string().min(1).max(20), validFrom: isoDate('Ugyldig dato.') })

export const FundingPeriodCreate = z
  .object({
    code: code('koden'),
    name: label('navnet', 200),
    startsOn: isoDate('Skriv startdatoen som åååå-mm-dd.'),
    endsOn: isoDate('Skriv slutdatoen som åååå-mm-dd.'),
    effortAreas: z
      .array(z.object({ code: code('indsatsområdets kode', 60), name: label('indsatsområdets navn', 200) }))
      .min(1, 'Skriv mindst ét indsatsområde.')
      .max(20, 'En prioriteringsperiode kan højst have 20 indsatsområder.'),
  })
  .refine((v) => v.endsOn > v.startsOn, { path: ['endsOn'], message: 'Slutdatoen skal ligge efter startdatoen.' })
  .refine((v) => new Set(v.effortAreas.map((a) => a.code)).size === v.effortAreas.length, { path: ['effortAreas'], message: 'To indsatsområder har samme kode.' })
export type FundingPeriodCreate = z.infer<typeof FundingPeriodCreate>
