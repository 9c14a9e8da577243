import { z } from 'zod'
import { typeError } from './lib/zod-locale.ts'
import { StagedImport } from './imports.ts'
import { cvrMessage, cvrProblem, normaliseCvr } from './lib/cvr.ts'

// Companies (virksomheder) per plan: the local network the job centre's company service builds,
// the contact people there (personal data of company staff), a timeline of contacts, the openings a
// company offers, and the yearly CSR award. Figures about companies are aggregates (decision 016).

const Day = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Højst ${max} tegn.`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null)

/** A CVR number as typed, checked (8 digits, not starting with 0, modulus 11) and kept as its eight digits. */
export const Cvr = z
  .string({ error: 'Skriv virksomhedens CVR-nummer (8 cifre).' })
  .superRefine((text, ctx) => {
    const problem = cvrProblem(text)
    if (problem) ctx.addIssue({ code: 'custom', message: cvrMessage(problem, text) })
  })
  .transform((text) => normaliseCvr(text)!)

export const SIZE_BANDS = ['0', '1-9', '10-49', '50-249', '250+'] as const
export const SizeBand = z.enum(SIZE_BANDS)
export type SizeBand = z.infer<typeof SizeBand>
export const sizeBandLabels: Record<SizeBand, string> = {
  '0': 'Ingen ansatte',
  '1-9': '1-9 ansatte',
  '10-49': '10-49 ansatte',
  '50-249': '50-249 ansatte',
  '250+': '250 eller flere ansatte',
}

export const OPENING_KINDS = ['virksomhedspraktik', 'smaajob', 'fritidsjob', 'lommepengejob', 'loentilskud', 'ordinaert-job', 'virksomhedscenter', 'snusepraktik'] as const
export const OpeningKind = z.enum(OPENING_KINDS)
export type OpeningKind = z.infer<typeof OpeningKind>
export const openingKindLabels: Record<OpeningKind, string> = {
  virksomhedspraktik: 'Virksomhedspraktik',
  smaajob: 'Småjob (ordinære timer)',
  fritidsjob: 'Fritidsjob',
  lommepengejob: 'Lommepengejob',
  loentilskud: 'Løntilskud',
  'ordinaert-job': 'Ordinært job',
  virksomhedscenter: 'Virksomhedscenterplads med mentor',
  snusepraktik: 'Snusepraktik',
}

export const OPENING_STATUSES = ['open', 'filled', 'closed'] as const
export const OpeningStatus = z.enum(OPENING_STATUSES)
export type OpeningStatus = z.infer<typeof OpeningStatus>
export const openingStatusLabels: Record<OpeningStatus, string> = { open: 'Åben', filled: 'Besat', closed: 'Lukket' }

export const CONTACT_KINDS = ['visit', 'call', 'meeting', 'email'] as const
export const ContactKind = z.enum(CONTACT_KINDS)
export type ContactKind = z.infer<typeof ContactKind>
export const contactKindLabels: Record<ContactKind, string> = { visit: 'Besøg', call: 'Telefonopkald', meeting: 'Møde', email: 'E-mail' }

// ---------------------------------------------------------------------------------------------
// Companies

export const CompanyInput = z.object({
  cvr: Cvr,
  name: z.string().trim().min(1, 'Skriv virksomhedens navn.').max(200, 'Højst 200 tegn.'),
  address: optionalText(200),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{4})?$/, 'Skriv postnummeret som 4 cifre.')
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null),
  city: optionalText(100),
  industryCode: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, 'Skriv branchekoden (DB07) som 6 cifre, fx 471100, eller lad feltet stå tomt og beskriv branchen med ord.')
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null),
  industryText: optionalText(200),
  sizeBand: SizeBand.nullable().default(null),
  markedInMomentum: z.boolean().default(false),
})
export type CompanyInput = z.input<typeof CompanyInput>

export const CompanyListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  /** "true": only companies in the network now; "false": only those outside it. */
  inNetwork: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
})
export type CompanyListQuery = z.input<typeof CompanyListQuery>

export const CompanyListItem = z.object({
  id: z.uuid(),
  cvr: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  industry: z.string().nullable(),
  inNetworkSince: Day.nullable(),
  openOpenings: z.number().int(),
  lastContactOn: Day.nullable(),
})
export type CompanyListItem = z.infer<typeof CompanyListItem>

export const CompanyList = z.object({ companies: z.array(CompanyListItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
export type CompanyList = z.infer<typeof CompanyList>

export const NetworkPeriod = z.object({ joinedOn: Day, leftOn: Day.nullable(), markedBy: z.string().nullable() })

export const ContactEvent = z.object({
  id: z.uuid(),
  kind: ContactKind,
  happenedOn: Day,
  /** The user who recorded it, and the party they acted for on the plan. */
  by: z.string().nullable(),
  party: z.string().nullable(),
  note: z.string().nullable(),
})
export type ContactEvent = z.infer<typeof ContactEvent>

export const Opening = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  kind: OpeningKind,
  title: z.string(),
  hoursPerWeek: z.number().nullable(),
  startsOn: Day.nullable(),
  endsOn: Day.nullable(),
  places: z.number().int(),
  requirements: z.string().nullable(),
  status: OpeningStatus,
  createdOn: Day,
})
export type Opening = z.infer<typeof Opening>

export const Nomination = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  companyName: z.string(),
  year: z.number().int(),
  reason: z.string(),
  winner: z.boolean(),
  nominatedBy: z.string().nullable(),
})
export type Nomination = z.infer<typeof Nomination>

export const Company = z.object({
  id: z.uuid(),
  cvr: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryText: z.string().nullable(),
  sizeBand: SizeBand.nullable(),
  markedInMomentum: z.boolean(),
  inNetworkSince: Day.nullable(),
  networkPeriods: z.array(NetworkPeriod),
  timeline: z.array(ContactEvent),
  openings: z.array(Opening),
  nominations: z.array(Nomination),
})
export type Company = z.infer<typeof Company>

/** Into the network from a day, or out of it from a day. */
export const NetworkChange = z.object({ inNetwork: z.boolean(), on: Day })
export type NetworkChange = z.infer<typeof NetworkChange>

// ---------------------------------------------------------------------------------------------
// Contact people: personal data of company staff.

export const ContactPersonInput = z.object({
  name: z.string().trim().min(1, 'Skriv kontaktpersonens navn.').max(200, 'Højst 200 tegn.'),
  jobTitle: optionalText(200),
  phone: z
    .string()
    .trim()
    .regex(/^(\+?[\d ]{8,16})?$/, 'Skriv telefonnummeret med 8 cifre, fx 74 42 12 34.')
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null),
  email: z
    .union([z.literal(''), z.email('Skriv en gyldig e-mailadresse, fx navn@firma.dk.')])
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null),
})
export type ContactPersonInput = z.input<typeof ContactPersonInput>

export const ContactPerson = z.object({ id: z.uuid(), name: z.string(), jobTitle: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })
export type ContactPerson = z.infer<typeof ContactPerson>
export const ContactPeople = z.object({ contacts: z.array(ContactPerson) })

export const ContactEventInput = z.object({
  kind: ContactKind,
  happenedOn: Day,
  note: optionalText(2000),
})
export type ContactEventInput = z.input<typeof ContactEventInput>

// ---------------------------------------------------------------------------------------------
// Openings

export const OpeningInput = z
  .object({
    kind: OpeningKind,
    title: z.string().trim().min(1, 'Skriv, hvad stillingen eller pladsen er, fx "Lagermedhjælper".').max(200, 'Højst 200 tegn.'),
    hoursPerWeek: z.number(typeError('Skriv timer pr. uge som et tal.')).positive('Timer pr. uge skal være over 0.').max(60, 'Højst 60 timer pr. uge.').nullable().default(null),
    startsOn: Day.nullable().default(null),
    endsOn: Day.nullable().default(null),
    places: z.number(typeError('Skriv antal pladser som et tal.')).int('Skriv antal pladser som et helt tal.').min(1, 'Der skal være mindst 1 plads.').max(500).default(1),
    requirements: optionalText(2000),
    status: OpeningStatus.default('open'),
  })
  .refine((o) => !o.startsOn || !o.endsOn || o.endsOn >= o.startsOn, { path: ['endsOn'], message: 'Slutdatoen ligger før startdatoen.' })
export type OpeningInput = z.input<typeof OpeningInput>

// ---------------------------------------------------------------------------------------------
// The CSR award

export const NominationInput = z.object({
  year: z.number(typeError('Skriv årstallet.')).int().min(2000, 'Skriv et årstal fra 2000.').max(2100),
  reason: z.string().trim().min(1, 'Skriv, hvorfor virksomheden indstilles.').max(2000, 'Højst 2000 tegn.'),
})
export type NominationInput = z.input<typeof NominationInput>

export const CsrAwardYear = z.object({ year: z.number().int(), nominations: z.array(Nomination), winnerId: z.uuid().nullable() })
export const CsrAwards = z.object({ years: z.array(CsrAwardYear) })
export type CsrAwards = z.infer<typeof CsrAwards>

// ---------------------------------------------------------------------------------------------
// Figures

export const CompanyFiguresQuery = z
  .object({ from: Day, to: Day })
  .refine((q) => q.to >= q.from, { path: ['to'], message: 'Periodens sidste dag ligger før den første.' })
export type CompanyFiguresQuery = z.infer<typeof CompanyFiguresQuery>

/** A count as published: null and hidden when it is a small number hidden from the reader. */
export const FigureCount = z.object({ value: z.number().int().nullable(), hidden: z.boolean() })
export type FigureCount = z.infer<typeof FigureCount>

export const CompanyFigures = z.object({
  from: Day,
  to: Day,
  /** In the network on the period's last day. */
  inNetwork: FigureCount,
  /** With at least one contact recorded in the period. */
  active: FigureCount,
  openingsByKind: z.array(z.object({ kind: OpeningKind, label: z.string(), count: FigureCount })),
  openingsTotal: FigureCount,
  /** Placements (decision 022): started and completed in the period, and where the ended ones led. */
  placements: z.object({
    started: FigureCount,
    completed: FigureCount,
    /** Ended in the period and led to a job or an education within 13 weeks; the share hidden with its counts. */
    jobOrEducation: z.object({
      numerator: z.number().int().nullable(),
      denominator: z.number().int().nullable(),
      /** Still inside their 13 weeks and not yet in a job or education: left out (staff only). */
      pending: z.number().int().nullable(),
      share: z.number().nullable(),
      hidden: z.boolean(),
    }),
  }),
  /** Each figure's written definition, as the reader is told it. */
  definitions: z.array(z.object({ name: z.string(), definition: z.string() })),
  suppressed: z.boolean(),
})
export type CompanyFigures = z.infer<typeof CompanyFigures>

// ---------------------------------------------------------------------------------------------
// Import

export const ImportedCompanyRow = z.object({ row: z.number().int(), cvr: z.string(), name: z.string(), city: z.string().nullable(), industry: z.string().nullable() })

export const CompanyImportPreview = StagedImport.extend({
  rowCount: z.number().int(),
  rows: z.array(ImportedCompanyRow),
})
export type CompanyImportPreview = z.infer<typeof CompanyImportPreview>

export const CompanyImportCommitted = z.object({ created: z.number().int() })
export type CompanyImportCommitted = z.infer<typeof CompanyImportCommitted>
