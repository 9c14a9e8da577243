import { z } from 'zod'
import { typeError } from './lib/zod-locale.ts'

// The agreement (delaftale) as data: the open file format (docs/agreement-format.md) and the API
// contracts built on it. One document shape serves the YAML/JSON files, the stored revisions, the
// web forms and the Word/PDF renderers, so nothing is lost between them.
//
// Real agreements are irregular (../shared/docs/domain.md): a cell may hold a share, a count or both;
// an indicator may have several rows; counts may be decimals; the baseline time may be a year, a month
// or a date. The schema holds them as they are. Numbers are plain numbers (19.14 means 19,14 %); the
// Danish form is made on output by src/shared/lib/format.ts.
//
// Long texts use a small text convention (see parseTextBlocks in src/shared/lib/text-blocks.ts):
// paragraphs separated by a blank line, "- " bullets, "1) " numbered items, "## " sub-headings and
// "[^n]" footnote marks that refer to the agreement's `footnotes`.

export const AGREEMENT_FORMAT_VERSION = 1

const key = z
  .string({ error: 'Skriv en nøgle.' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'En nøgle må kun have små bogstaver a-z, tal og bindestreg, fx "aabn-raadgivning".' })
  .max(80, { error: 'En nøgle må højst have 80 tegn.' })

/** The longest text an agreement field takes: the longest in the seed agreements is about 6 600 characters. */
export const AGREEMENT_TEXT_MAX = 20_000
const text = z
  .string({ error: 'Skriv en tekst.' })
  .trim()
  .max(AGREEMENT_TEXT_MAX, { error: `En tekst må højst have ${AGREEMENT_TEXT_MAX.toLocaleString('da-DK')} tegn.` })
const requiredText = text.min(1, { error: 'Feltet skal udfyldes.' })
const isoDate = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD, fx 2021-09-01.' })

/** A number as printed in a source cell. At least one of share or count; either may have decimals (22,2 fuldtidspersoner). */
export const Measure = z
  .object({
    /** A percentage: 19.14 means 19,14 %. */
    share: z.number(typeError('En andel skal være et tal (procent).')).min(0, { error: 'En andel skal være mellem 0 og 100 %.' }).max(100, { error: 'En andel skal være mellem 0 og 100 %.' }).optional(),
    /** A count; decimals allowed (full-time equivalents). */
    count: z.number(typeError('Et antal skal være et tal.')).min(0, { error: 'Et antal kan ikke være negativt.' }).optional(),
    /** The words around the number in the source, kept verbatim: "aktive jobcentersager", "af alle sager i VK". */
    countLabel: text.optional(),
    shareLabel: text.optional(),
  })
  .strict()
  .refine((m) => m.share !== undefined || m.count !== undefined, { error: 'Angiv en andel, et antal eller begge.' })
export type Measure = z.infer<typeof Measure>

/** When a baseline was measured: a year (2018), a month ("udgang februar 2021") or a day (02.06.2021). */
export const BaselineTime = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('year'), year: z.number().int().min(1990).max(2100) }).strict(),
    z
      .object({
        kind: z.literal('month'),
        year: z.number().int().min(1990).max(2100),
        month: z.number().int().min(1).max(12),
        /** How the source says it, e.g. "Udgang februar 2021". */
        label: text.optional(),
      })
      .strict(),
    z.object({ kind: z.literal('date'), date: isoDate }).strict(),
  ],
  { error: 'Baselinetidspunktet skal være et år, en måned eller en dato.' },
)
export type BaselineTime = z.infer<typeof BaselineTime>

export const Frequency = z.enum(['monthly', 'quarterly', 'half-yearly', 'yearly'], {
  error: 'Hyppigheden skal være monthly, quarterly, half-yearly eller yearly.',
})
export type Frequency = z.infer<typeof Frequency>
export const frequencyLabels: Record<Frequency, string> = {
  monthly: 'Månedlig',
  quarterly: 'Kvartalsvis',
  'half-yearly': 'Halvårlig',
  yearly: 'Årlig',
}

/** A target on an indicator or an activity: "85 % over en årrække", "12 beboere løbende", "1-2 hold pr. år". */
export const Target = z
  .object({
    key,
    /** What is aimed at, in the agreement's words. */
    description: requiredText,
    value: z.number(typeError('Måltallet skal være et tal.')),
    /** Upper end of a range ("1-2 hold"). */
    valueMax: z.number(typeError('Den øvre grænse skal være et tal.')).optional(),
    /** "%", "beboere", "uger", "oplæg", "hold", "borgere" … */
    unit: requiredText,
    /** "op til", "mindst", "ca.": how firm the number is, verbatim. */
    qualifier: text.optional(),
    /** "pr. år", "samtidig", "i gennemsnit", "over en årrække" … */
    horizon: text.optional(),
    /** Which way is good, for follow-up. */
    direction: z.enum(['up', 'down']).optional(),
  })
  .strict()
  .refine((t) => t.valueMax === undefined || t.valueMax >= t.value, { error: 'Den øvre grænse skal være mindst lige så stor som måltallet.', path: ['valueMax'] })
export type Target = z.infer<typeof Target>

export const IndicatorRow = z
  .object({
    key,
    /** "18-29 år", "Aktivitetsparate unge"; empty for a single-row indicator. */
    label: text.optional(),
    baseline: Measure,
    /** The optional second baseline, usually the municipality. */
    comparison: Measure.optional(),
  })
  .strict()
export type IndicatorRow = z.infer<typeof IndicatorRow>

export const Indicator = z
  .object({
    key,
    name: requiredText,
    /** The definition in words; for a rate say what is counted over what. */
    definition: text.optional(),
    numerator: text.optional(),
    denominator: text.optional(),
    rows: z.array(IndicatorRow).min(1, { error: 'En indikator skal have mindst én række med en baseline.' }),
    baselineTime: BaselineTime,
    dataSource: text.optional(),
    frequency: Frequency.optional(),
    /** "Projektleder": a role, not a person's name. */
    responsible: text.optional(),
    /** Footnote text about the indicator (Varde: "Andel fra oversigtstabellen …"). */
    note: text.optional(),
    targets: z.array(Target).default([]),
  })
  .strict()
export type Indicator = z.infer<typeof Indicator>

export const Goal = z
  .object({
    key,
    /** The goal in the agreement's words: "Færre borgere på offentlig forsørgelse". */
    text: requiredText,
    indicators: z.array(Indicator).default([]),
  })
  .strict()
export type Goal = z.infer<typeof Goal>

export const Party = z
  .object({
    /** As the agreement prints it: "Jobcenter Varde ”Afdeling Ung” og ”Kontanthjælp & Integration.”" */
    name: requiredText,
    organisation: text.optional(),
    units: z.array(requiredText).default([]),
    /** "v. <person>" when a person represents the party. */
    representedBy: text.optional(),
  })
  .strict()
export type Party = z.infer<typeof Party>

export const ResourceUnit = z.enum(['percent-of-post', 'hours-per-week', 'hours', 'headcount', 'days-per-week', 'unspecified'], {
  error: 'Enheden skal være percent-of-post, hours-per-week, hours, headcount, days-per-week eller unspecified.',
})
export type ResourceUnit = z.infer<typeof ResourceUnit>

/** Staff time promised: 80 % of a post; 5 hours a week for 40 weeks; at least 16 hours a week; 10 staff; 2 days a week. */
export const StaffResource = z
  .object({
    key,
    organisation: requiredText,
    unit: text.optional(),
    /** The role or post: "Boligsocial virksomhedskonsulent". */
    role: text.optional(),
    quantity: z.number(typeError('Mængden skal være et tal.')).min(0, { error: 'Mængden kan ikke være negativ.' }).optional(),
    resourceUnit: ResourceUnit,
    /** For how many weeks, when stated. */
    weeks: z
      .number(typeError('Antal uger skal være et tal.'))
      .int({ error: 'Antal uger skal være et helt tal.' })
      .min(1, { error: 'Antal uger skal være fra 1 til 60.' })
      .max(60, { error: 'Antal uger skal være fra 1 til 60.' })
      .optional(),
    atLeast: z.boolean().default(false),
    /** The line as the agreement states it, kept verbatim. */
    text: requiredText,
  })
  .strict()
export type StaffResource = z.infer<typeof StaffResource>

export const Weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
export type Weekday = z.infer<typeof Weekday>
export const weekdayLabels: Record<Weekday, string> = {
  monday: 'mandag',
  tuesday: 'tirsdag',
  wednesday: 'onsdag',
  thursday: 'torsdag',
  friday: 'fredag',
  saturday: 'lørdag',
  sunday: 'søndag',
}
/** Bemanding: how many staff, a whole number. */
const staffing = z.number(typeError('Bemandingen skal være et tal.')).int({ error: 'Bemandingen skal være et helt tal.' }).min(0, { error: 'Bemandingen kan ikke være negativ.' })
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Skriv et klokkeslæt som TT:MM, fx 12:00.' })

/** A recurring session: open counselling at Stenbjergparken on Mondays 12-17, 3-4 staff. */
export const Schedule = z
  .object({
    key,
    site: requiredText,
    /** The building, when named: "Fælleshuset". */
    venue: text.optional(),
    weekday: Weekday,
    from: clock,
    to: clock,
    staffingMin: staffing.optional(),
    staffingMax: staffing.optional(),
    recurrence: z.enum(['weekly']).default('weekly'),
  })
  .strict()
  .refine((s) => s.from < s.to, { error: 'Sluttidspunktet skal ligge efter starttidspunktet.', path: ['to'] })
  .refine((s) => s.staffingMin === undefined || s.staffingMax === undefined || s.staffingMin <= s.staffingMax, {
    error: 'Den mindste bemanding må ikke være større end den største.',
    path: ['staffingMax'],
  })
export type Schedule = z.infer<typeof Schedule>

/** An activity's share of its effort in another (or this) agreement: Varde's social caretaker, 8,5 hours to Beskæftigelse. */
export const Allocation = z
  .object({
    effortArea: key,
    quantity: z.number().min(0).optional(),
    resourceUnit: ResourceUnit.optional(),
    /** What the share is for, verbatim: "Beboere med en sag i jobcenteret". */
    note: text.optional(),
  })
  .strict()
export type Allocation = z.infer<typeof Allocation>

/**
 * How the activity's staff time is recorded, when the agreement says (Varde: "Jobcenteret registrerer
 * antallet af samtaler … transporttid samt administrativ tid – skønnet til ½ time pr samtale"; "Den
 * faste fremskudte medarbejder … opgør det samlede antal timer 1 gang pr kvartal"). The rule is the
 * agreement's, kept as data so an activity can state its own (decision 015).
 */
export const TimeRecording = z
  .object({
    /** The resource (a key of this activity's or the agreement's resources) the activity's hours count toward. */
    resourceKey: key.optional(),
    /** Hours are also derived from the conversation calendar (duration + transport + administration). */
    hoursFromConversations: z.boolean().default(false),
    /** Administrative time added to each conversation unless another is entered: 0.5 means ½ hour. */
    adminHoursPerConversation: z.number(typeError('Den administrative tid skal være et tal (timer).')).min(0).max(8).optional(),
    /** One person closes the quarter's total ("den faste fremskudte medarbejder"). */
    quarterlyClose: z.boolean().default(false),
    /** The rule as the agreement states it, verbatim. */
    text: requiredText,
  })
  .strict()
export type TimeRecording = z.infer<typeof TimeRecording>

export const Activity = z
  .object({
    key,
    name: requiredText,
    /** The name in the agreement's list of activities, when it differs from the schema's name (Varde). */
    listName: text.optional(),
    /** The short description in the agreement's list of activities. */
    summary: text.optional(),
    purpose: text.optional(),
    /** The activity's own sub-goals, as written under "Delmål". */
    activityGoals: text.optional(),
    /** Which of the agreement's goals the activity serves. */
    goalKeys: z.array(key).default([]),
    targetGroups: text.optional(),
    /** Target-group tables shown under the activity (keys into targetGroupSnapshots). */
    snapshotKeys: z.array(key).default([]),
    content: text.optional(),
    /** Written selection criteria for candidates (Varde's four). */
    selectionCriteria: z.array(requiredText).default([]),
    responsibilities: text.optional(),
    /** The knowledge source the activity builds on ("Kilde:"). */
    sourceReference: text.optional(),
    examples: z.array(requiredText).default([]),
    targets: z.array(Target).default([]),
    resources: z.array(StaffResource).default([]),
    schedules: z.array(Schedule).default([]),
    /** "Fælles for alle delaftaler": the activity serves every agreement of the plan. */
    sharedWithAllAgreements: z.boolean().default(false),
    allocations: z.array(Allocation).default([]),
    timeRecording: TimeRecording.optional(),
  })
  .strict()
export type Activity = z.infer<typeof Activity>

export const TargetGroupRow = z
  .object({
    /** The § 6 code: "6.1", "6.8", "INT-SHP". */
    code: requiredText,
    /** The label exactly as the source prints it. */
    label: requiredText,
    /** One count per department column, or a single count when the table has no departments. */
    counts: z.array(z.number(typeError('Et antal skal være et tal.')).min(0, { error: 'Et antal kan ikke være negativt.' })).min(1, { error: 'Rækken skal have mindst ét antal.' }),
    /** The row total as printed ("Hovedtotal"), when the table has one. */
    total: z.number(typeError('Totalen skal være et tal.')).min(0, { error: 'Totalen kan ikke være negativ.' }).optional(),
  })
  .strict()
export type TargetGroupRow = z.infer<typeof TargetGroupRow>

/** A dated count of residents per job-centre target group, optionally per department. */
export const TargetGroupSnapshot = z
  .object({
    key,
    title: requiredText,
    date: isoDate,
    /** Who is counted: "Ledige i boligafdelingerne", "Unge under 30 år". */
    population: text.optional(),
    /** Department numbers of the columns; empty when the table has one count column. */
    departments: z.array(requiredText).default([]),
    /** The heading of the count column when there are no departments. */
    countHeading: text.optional(),
    rows: z.array(TargetGroupRow).min(1, { error: 'En målgruppeopgørelse skal have mindst én række.' }),
    /** The stated totals per department column ("Hovedtotal" row), when printed. */
    columnTotals: z.array(z.number().min(0)).optional(),
    /** The stated grand total ("Sum: 121", "Hovedtotal 265"). */
    total: z.number().min(0).optional(),
    totalLabel: text.optional(),
  })
  .strict()
export type TargetGroupSnapshot = z.infer<typeof TargetGroupSnapshot>

export const Department = z.object({ number: requiredText, name: text.optional(), housingArea: text.optional() }).strict()
export const HousingArea = z.object({ name: requiredText }).strict()

export const PlanSection = z
  .object({
    /** The plan's name in Indsats ("Aktiv i fællesskabet"). */
    name: requiredText,
    municipality: requiredText,
    housingAreas: z.array(HousingArea).default([]),
    departments: z.array(Department).default([]),
  })
  .strict()

export const Footnote = z.object({ mark: z.number().int().min(1), text: requiredText }).strict()

export const RevisionInfo = z
  .object({
    /** From when this revision applies. */
    effectiveFrom: isoDate,
    /** The board decision behind it: "Bestyrelsesmøde 14. juni 2021, pkt. 4". */
    boardDecision: requiredText,
    note: text.optional(),
  })
  .strict()
export type RevisionInfo = z.infer<typeof RevisionInfo>

/** The agreement itself: everything that is versioned. */
export const AgreementContent = z
  .object({
    /** Stable within the plan; names the agreement in files and addresses. */
    key,
    /** The effort area's code in the funding period's reference data: "beskaeftigelse". */
    effortArea: key,
    fundingPeriod: z.string().regex(/^\d{4}-\d{2}$/, { error: 'Skriv prioriteringsperioden som fx 2019-26.' }),
    title: requiredText,
    /** "Navn på den boligsociale indsats, som delaftalen vedrører", as printed (may be several lines). */
    initiativeName: requiredText,
    vision: text.optional(),
    validFrom: isoDate,
    validTo: isoDate,
    parties: z.array(Party).min(1, { error: 'En delaftale skal have mindst én part.' }),
    goals: z.array(Goal).default([]),
    activities: z.array(Activity).default([]),
    /** "Medarbejderressourcer for indsatsområdet". */
    staffResources: z.array(StaffResource).default([]),
    /** Notes under the resources ("OBS – der tages forbehold …"). */
    staffResourcesNote: text.optional(),
    /** "Sammenhæng med den kommunale indsats i boligområdet". */
    municipalLink: text.optional(),
    /** Municipal resources named there ("10 medarbejdere"). */
    municipalResources: z.array(StaffResource).default([]),
    /** Target-group tables of the agreement section (not under an activity). */
    snapshotKeys: z.array(key).default([]),
    /** Text before the agreement-level target-group tables. */
    targetGroupIntro: text.optional(),
    targetGroupSnapshots: z.array(TargetGroupSnapshot).default([]),
    revisionRule: requiredText,
    footnotes: z.array(Footnote).default([]),
  })
  .strict()
  .refine((a) => a.validFrom <= a.validTo, { error: 'Slutdatoen skal ligge efter startdatoen.', path: ['validTo'] })
  .superRefine(checkReferences)
export type AgreementContent = z.infer<typeof AgreementContent>

/** The file: a format version, the plan it belongs to, the revision's metadata and the content. */
export const AgreementFile = z
  .object({
    formatVersion: z.literal(AGREEMENT_FORMAT_VERSION, { error: `formatVersion skal være ${AGREEMENT_FORMAT_VERSION}.` }),
    plan: PlanSection,
    revision: RevisionInfo,
    agreement: AgreementContent,
  })
  .strict()
export type AgreementFile = z.infer<typeof AgreementFile>
export type AgreementFileInput = z.input<typeof AgreementFile>

type ContentShape = Omit<AgreementContent, never>

/** Keys are unique where they name things, and every reference points at something that exists. */
function checkReferences(a: ContentShape, ctx: z.RefinementCtx): void {
  type Path = (string | number)[]
  /** Each item with the path it stands at, so a duplicate is reported where it is. */
  const unique = (items: readonly { key: string; path: Path }[], what: string) => {
    const seen = new Set<string>()
    for (const item of items) {
      if (seen.has(item.key)) ctx.addIssue({ code: 'custom', path: [...item.path, 'key'], message: `${what} "${item.key}" findes to gange; nøgler skal være unikke.` })
      seen.add(item.key)
    }
  }
  const at = <T extends { key: string }>(list: readonly T[], path: Path) => list.map((item, i) => ({ key: item.key, path: [...path, i] }))
  unique(at(a.goals, ['goals']), 'Delmålet')
  // Indicators are followed up by key, so their keys are unique across the whole agreement.
  unique(
    a.goals.flatMap((g, gi) => at(g.indicators, ['goals', gi, 'indicators'])),
    'Indikatoren',
  )
  a.goals.forEach((g, gi) =>
    g.indicators.forEach((ind, ii) => {
      unique(at(ind.rows, ['goals', gi, 'indicators', ii, 'rows']), 'Rækken')
      unique(at(ind.targets, ['goals', gi, 'indicators', ii, 'targets']), 'Måltallet')
    }),
  )
  unique(at(a.activities, ['activities']), 'Aktiviteten')
  a.activities.forEach((act, ai) => {
    unique(at(act.targets, ['activities', ai, 'targets']), 'Måltallet')
    unique(at(act.schedules, ['activities', ai, 'schedules']), 'Åbningstiden')
  })
  unique(at(a.targetGroupSnapshots, ['targetGroupSnapshots']), 'Målgruppeopgørelsen')
  unique(
    [
      ...at(a.staffResources, ['staffResources']),
      ...at(a.municipalResources, ['municipalResources']),
      ...a.activities.flatMap((act, ai) => at(act.resources, ['activities', ai, 'resources'])),
    ],
    'Ressourcen',
  )
  // Every footnote mark in a text points at a footnote.
  const marks = new Set(a.footnotes.map((f) => f.mark))
  const visit = (value: unknown, path: Path): void => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(/\[\^(\d+)\]/g)) {
        if (!marks.has(Number(m[1]))) ctx.addIssue({ code: 'custom', path, message: `Fodnote [^${m[1]}] findes ikke under footnotes.` })
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]))
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== 'footnotes') visit(v, [...path, k])
  }
  visit(a, [])
  const goalKeys = new Set(a.goals.map((g) => g.key))
  const snapshotKeys = new Set(a.targetGroupSnapshots.map((s) => s.key))
  a.activities.forEach((act, i) => {
    act.goalKeys.forEach((k, j) => {
      if (!goalKeys.has(k)) ctx.addIssue({ code: 'custom', path: ['activities', i, 'goalKeys', j], message: `Delmålet "${k}" findes ikke i delaftalen.` })
    })
    const resourceKey = act.timeRecording?.resourceKey
    if (resourceKey !== undefined && ![...a.staffResources, ...a.municipalResources, ...act.resources].some((r) => r.key === resourceKey)) {
      ctx.addIssue({ code: 'custom', path: ['activities', i, 'timeRecording', 'resourceKey'], message: `Ressourcen "${resourceKey}" findes hverken under aktiviteten eller delaftalen.` })
    }
    act.snapshotKeys.forEach((k, j) => {
      if (!snapshotKeys.has(k)) ctx.addIssue({ code: 'custom', path: ['activities', i, 'snapshotKeys', j], message: `Målgruppeopgørelsen "${k}" findes ikke i delaftalen.` })
    })
  })
  a.snapshotKeys.forEach((k, j) => {
    if (!snapshotKeys.has(k)) ctx.addIssue({ code: 'custom', path: ['snapshotKeys', j], message: `Målgruppeopgørelsen "${k}" findes ikke i delaftalen.` })
  })
  a.targetGroupSnapshots.forEach((snap, i) => {
    const columns = Math.max(1, snap.departments.length)
    snap.rows.forEach((row, j) => {
      if (row.counts.length !== columns) {
        ctx.addIssue({ code: 'custom', path: ['targetGroupSnapshots', i, 'rows', j, 'counts'], message: `Rækken har ${row.counts.length} tal, men tabellen har ${columns} kolonne(r).` })
      }
    })
    if (snap.columnTotals && snap.columnTotals.length !== columns) {
      ctx.addIssue({ code: 'custom', path: ['targetGroupSnapshots', i, 'columnTotals'], message: `Der er ${snap.columnTotals.length} kolonnetotaler, men tabellen har ${columns} kolonne(r).` })
    }
  })
}

// ---------------------------------------------------------------------------------------------
// API contracts

/** A consistency problem worth a human look; never blocks saving (docs/agreement-format.md#checks). */
export const AgreementWarning = z.object({
  code: z.enum([
    'resource-weeks-differ',
    'resource-text-number',
    'revision-outside-period',
    'snapshot-row-total',
    'snapshot-column-total',
    'snapshot-grand-total',
    'indicator-no-source',
    'indicator-no-frequency',
    'activity-no-goal',
    'goal-no-indicator',
    'unknown-effort-area',
    'period-outside-funding-period',
  ]),
  message: z.string(),
  /** Where in the content, e.g. "activities.2.resources.0" (empty for the whole agreement; "revision.effectiveFrom" for the revision's date). */
  path: z.string(),
})
export type AgreementWarning = z.infer<typeof AgreementWarning>

export const RevisionSource = z.enum(['seed', 'import', 'edit'])
export type RevisionSource = z.infer<typeof RevisionSource>
export const revisionSourceLabels: Record<RevisionSource, string> = {
  seed: 'Indlæst ved installation',
  import: 'Importeret fra fil',
  edit: 'Redigeret i Indsats',
}

export const RevisionSummary = z.object({
  number: z.number().int().positive(),
  effectiveFrom: z.string(),
  boardDecision: z.string(),
  note: z.string().nullable(),
  source: RevisionSource,
  /** Who made it: a user's name, or "Kommandolinjen"/"Indsats" for the CLI and the system. */
  createdBy: z.string(),
  createdAt: z.string(),
})
export type RevisionSummary = z.infer<typeof RevisionSummary>

export const EffortAreaRef = z.object({ code: z.string(), name: z.string(), fundingPeriod: z.string() })
export type EffortAreaRef = z.infer<typeof EffortAreaRef>

export const AgreementSummary = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  key: z.string(),
  title: z.string(),
  effortArea: EffortAreaRef,
  validFrom: z.string(),
  validTo: z.string(),
  latestRevision: RevisionSummary,
  warningCount: z.number().int(),
})
export type AgreementSummary = z.infer<typeof AgreementSummary>
export const AgreementList = z.object({ agreements: z.array(AgreementSummary) })

export const AgreementParams = z.object({
  planId: z.uuid({ error: 'Ugyldigt plan-id.' }),
  agreementId: z.uuid({ error: 'Ugyldigt delaftale-id.' }),
})
const revisionNumber = z.coerce.number(typeError('Revisionen skal være et nummer.')).int().positive()
export const AgreementQuery = z.object({ revision: revisionNumber.optional() })

export const AgreementDetail = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  key: z.string(),
  effortArea: EffortAreaRef,
  /** The revision shown (the latest unless one was asked for). */
  revision: RevisionSummary,
  latestRevisionNumber: z.number().int(),
  plan: PlanSection,
  content: AgreementContent,
  warnings: z.array(AgreementWarning),
  /** Every revision, newest first. */
  revisions: z.array(RevisionSummary),
})
export type AgreementDetail = z.infer<typeof AgreementDetail>

/** An edit: the whole content as the user left it, on top of the revision they started from. */
export const RevisionCreate = z.object({
  /** The revision the edit started from; if another was saved meanwhile the save is refused (conflict). */
  basedOnRevision: z.number().int().positive(),
  revision: RevisionInfo,
  content: AgreementContent,
})
export type RevisionCreate = z.infer<typeof RevisionCreate>
export type RevisionCreateInput = z.input<typeof RevisionCreate>
export const RevisionCreated = z.object({ number: z.number().int().positive(), warnings: z.array(AgreementWarning) })

export const CompareQuery = z.object({ from: revisionNumber, to: revisionNumber })
export const TextPart = z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() })
export const AgreementChange = z.object({
  path: z.string(),
  /** Where the change is, for people: "Delmål 1 › Indikator 2 › Baseline (boligområde) › Andel". */
  label: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.string().nullable(),
  after: z.string().nullable(),
  /** For changed texts: a word-level diff to highlight. */
  parts: z.array(TextPart).optional(),
})
export type AgreementChange = z.infer<typeof AgreementChange>
export const AgreementComparison = z.object({ from: RevisionSummary, to: RevisionSummary, changes: z.array(AgreementChange) })
export type AgreementComparison = z.infer<typeof AgreementComparison>

export const ExportFormat = z.enum(['docx', 'pdf', 'yaml', 'json'], { error: 'Formatet skal være docx, pdf, yaml eller json.' })
export type ExportFormat = z.infer<typeof ExportFormat>
export const ExportQuery = z.object({ format: ExportFormat, revision: revisionNumber.optional() })
