import {
  formatAllocation,
  formatBaselineTime,
  formatMeasure,
  formatResourceAmount,
  formatScheduleTime,
  formatStaffing,
  formatTarget,
  timeRecordingFacts,
} from '../../../shared/agreement-wording.ts'
import { type Activity, type AgreementFile, type Indicator, type Party, type StaffResource, type TargetGroupSnapshot, type TimeRecording, frequencyLabels, weekdayLabels } from '../../../shared/agreements.ts'
import { formatDateTime, formatDay, formatNumber, formatShortDate } from '../../../shared/lib/format.ts'
import { parseTextBlocks } from '../../../shared/lib/text-blocks.ts'

// The agreement laid out once, in Landsbyggefonden's 2019-26 template order (the two source documents
// in seed/sources/ follow it), as a model that the Word and the PDF renderer both draw. Deciding
// content, order and Danish number forms here keeps the two outputs identical and testable without
// opening either format.
//
// Texts in the model keep the text convention's footnote marks ("…tryghed[^1]."); the marks are
// renumbered in reading order so that Word's automatic footnote numbers and the PDF's notes agree.
// Table cells are plain strings; "\n" separates lines inside a cell.

export interface TableCell {
  text: string
  /** Rows the cell covers, itself included; the rows below leave the covered column out. */
  rowSpan?: number
}

export interface TableRow {
  cells: TableCell[]
  /** A stated total ("Hovedtotal", "Sum"): shown in bold. */
  total?: boolean
}

export type Block =
  | { kind: 'paragraph'; text: string; style?: 'strong' | 'quote' | 'meta' }
  /** A "## " sub-heading inside a text, one level below its section. */
  | { kind: 'subheading'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'numbered'; items: string[] }
  | {
      kind: 'table'
      /** The data's key of what the table shows; the same table may be shown twice (one snapshot under two activities). */
      id?: string
      header: string[]
      rows: TableRow[]
      /** Relative column widths; the renderer scales them to the text width. */
      widths: number[]
      align?: ('left' | 'right')[]
    }

export type TableBlock = Extract<Block, { kind: 'table' }>

export interface Section {
  /** 1: the template's sections; 2: one activity's schema; 3: the schema's fields. */
  level: 1 | 2 | 3
  heading: string
  /** A stable anchor (bookmark/destination), made from the data's key. */
  id?: string
  blocks: Block[]
}

export interface Footnote {
  mark: number
  text: string
}

export interface DocumentModel {
  title: string
  /** The running header on every page. */
  headerText: string
  properties: {
    title: string
    subject: string
    keywords: string
    description: string
    creator: string
    language: 'da-DK'
    created: Date
    revision: number
  }
  /** The template's opening paragraphs and the revision's metadata, before the first heading. */
  preamble: Block[]
  sections: Section[]
  /** Numbered 1, 2, 3 … in the order the marks first appear in the text. */
  footnotes: Footnote[]
}

export interface DocumentMeta {
  effortAreaName: string
  revisionNumber: number
  generatedAt: Date
}

// The template's fixed wording (LBF 2019-26), identical in both source documents.
export const templateText = {
  intro: [
    'Bestyrelsen for den boligsociale indsats har ansvar for, at denne delaftale til hver en tid understøtter de overordnede mål i den strategiske samarbejdsaftale. Delaftalerne er således bilag til den strategiske aftale og skal altid ses i sammenhæng hermed.',
    'Bestyrelsen har ligeledes ansvar for, at delaftalen til hver en tid afspejler de aktiviteter og samarbejder, der gennemføres i boligområdet.',
    'Beskrivelsen af områdets problemkompleks inden for dette indsatsområde fremgår af den strategiske aftale.',
  ],
  goalsIntro: [
    'Der skal opsættes delmål for nærværende indsatsområde samt indikatorer, der sikrer, at der løbende kan følges op på disse.',
    'Delmål skal forstås som ’skridt på vejen’ til at opnå de overordnede mål jf. den strategiske aftale og beskriver de konkrete succeser, der ønskes opnået med de aktiviteter, der iværksættes inden for dette indsatsområde.',
    'Indikatorer er variable, der bruges til at vise, om delmålene opnås. Som inspiration stiller Landsbyggefonden en liste over relevante indikatorer til rådighed. Der kan suppleres med indikatorer, som de lokale parter vurderer vigtige for den lokale indsats.',
    'Delmål og de dertil knyttede indikatorer kan enten relatere sig til det samlede antal aktiviteter eller til enkelte aktiviteter, der iværksættes inden for dette indsatsområde.',
    'Formålet med delmål og indikatorer på dette niveau er årligt at følge udviklingen hos de konkrete målgrupper/områder, som de boligsociale aktiviteter arbejder med inden for indsatsområdet. Jo tættere på målgruppen det er muligt at komme med tilgængelige data, jo bedre grundlag er der for at vurdere aktiviteternes virkning samt foretage lokal justering, når dette evt. er nødvendigt.',
    'Delaftalens parter og bestyrelsen har ansvar for løbende at følge op på delmålene.',
  ],
  headings: {
    initiative: 'Navn på den boligsociale indsats, som delaftalen vedrører:',
    period: 'Delaftalen gælder fra - til:',
    parties: 'Delaftalens parter:',
    goals: 'Delmål og indikatorer for indsatsområdet',
    activities:
      'Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale:',
    staff: 'Medarbejderressourcer for indsatsområdet:',
    municipal: 'Sammenhæng med den kommunale indsats i boligområdet:',
    revision:
      'Revision af delaftalen (Eventuelle reviderede aftaler skal ikke fremsendes til Landsbyggefonden, men fonden skal om nødvendigt til enhver tid kunne rekvirere ajourførte delaftaler):',
    schemas: 'Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet (tilføj skemaer - ét skema pr. aktivitet):',
  },
  goalTableHeader: ['Delmål', 'Indikator', 'Baseline boligområde / målgruppe', 'Evt. anden baseline (kommune)', 'Baseline år', 'Datakilde'],
  schema: {
    name: 'Aktivitetsnavn:',
    purpose: 'Formål:',
    goals: 'Delmål:',
    targetGroups: 'Målgruppe(r):',
    content: 'Indhold og praksis:',
    example: 'Eksempel:',
    source: 'Kilde:',
    responsibilities: 'Ansvars- og rollefordeling:',
  },
} as const

export function agreementDocumentModel(file: AgreementFile, meta: DocumentMeta): DocumentModel {
  const a = file.agreement
  const title = `Delaftale for indsatsområdet ${meta.effortAreaName}`
  const snapshots = new Map(a.targetGroupSnapshots.map((s) => [s.key, s]))
  const goalsByKey = new Map(a.goals.map((g) => [g.key, g]))
  const footnotes = new FootnoteBook(a.footnotes)

  const preamble: Block[] = []
  if (a.title !== title) preamble.push({ kind: 'paragraph', text: a.title, style: 'strong' })
  for (const text of templateText.intro) preamble.push({ kind: 'paragraph', text })
  preamble.push(...metadataBlocks(file, meta))

  const sections: Section[] = []
  const section = (heading: string, blocks: Block[], level: Section['level'] = 1, id?: string) => {
    sections.push({ level, heading, blocks, ...(id ? { id } : {}) })
  }

  section(templateText.headings.initiative, [
    // As printed, line by line: "Den boligsociale helhedsplan" / "- Aktiv i fællesskabet" is a name, not a list.
    ...lines(a.initiativeName).map((text): Block => ({ kind: 'paragraph', text, style: 'strong' })),
    ...textBlocks(a.vision).map((b) => (b.kind === 'paragraph' ? { ...b, style: 'quote' as const } : b)),
  ])
  section(templateText.headings.period, [{ kind: 'paragraph', text: `${formatDay(a.validFrom)} – ${formatDay(a.validTo)}` }])
  section(templateText.headings.parties, a.parties.map((p): Block => ({ kind: 'paragraph', text: partyText(p) })))

  section(templateText.headings.goals, [
    ...templateText.goalsIntro.map((text): Block => ({ kind: 'paragraph', text })),
    goalTable(file, footnotes),
    ...indicatorDetails(file),
  ])

  section(templateText.headings.activities, activityOverview(a.activities))

  section(templateText.headings.staff, [
    ...resourceBlocks(a.staffResources),
    ...textBlocks(a.staffResourcesNote),
  ])

  const unreferenced = a.targetGroupSnapshots.filter(
    (s) => !a.snapshotKeys.includes(s.key) && !a.activities.some((act) => act.snapshotKeys.includes(s.key)),
  )
  section(templateText.headings.municipal, [
    ...textBlocks(a.municipalLink),
    ...(a.municipalResources.length
      ? [{ kind: 'paragraph', text: 'Kommunale medarbejderressourcer:', style: 'strong' } as Block, ...resourceBlocks(a.municipalResources, false)]
      : []),
    ...textBlocks(a.targetGroupIntro),
    ...a.snapshotKeys.flatMap((k) => snapshotBlocks(snapshots.get(k))),
  ])

  section(templateText.headings.revision, textBlocks(a.revisionRule))

  section(templateText.headings.schemas, a.activities.length ? [] : [{ kind: 'paragraph', text: 'Der er ikke beskrevet aktiviteter.' }])
  for (const activity of a.activities) {
    sections.push(...activitySchema(activity, a.effortArea, goalsByKey, snapshots))
  }

  sections.push(...annex(file, meta, unreferenced))

  const model: DocumentModel = {
    title,
    headerText: `${title} · ${file.plan.name}`,
    properties: {
      title,
      subject: `${file.plan.name} (${file.plan.municipality}): ${meta.effortAreaName}`,
      keywords: ['delaftale', meta.effortAreaName, file.plan.name, file.plan.municipality, `prioriteringsperiode ${a.fundingPeriod}`].join(', '),
      description: `Revision ${meta.revisionNumber}, gældende fra ${formatDay(file.revision.effectiveFrom)}. ${file.revision.boardDecision}`,
      creator: 'Indsats',
      language: 'da-DK',
      created: meta.generatedAt,
      revision: meta.revisionNumber,
    },
    preamble,
    sections,
    footnotes: [],
  }
  return footnotes.renumber(model)
}

// ---------------------------------------------------------------------------------------------
// Sections

function metadataBlocks(file: AgreementFile, meta: DocumentMeta): Block[] {
  const { plan, revision } = file
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      style: 'meta',
      text: `Revision ${meta.revisionNumber} · gældende fra ${formatDay(revision.effectiveFrom)} · Bestyrelsens beslutning: ${revision.boardDecision}`,
    },
  ]
  if (revision.note) blocks.push({ kind: 'paragraph', style: 'meta', text: `Note til revisionen: ${revision.note}` })
  blocks.push({
    kind: 'paragraph',
    style: 'meta',
    text: `Helhedsplan: ${plan.name} · Kommune: ${plan.municipality} · Prioriteringsperiode: ${file.agreement.fundingPeriod}`,
  })
  const places: string[] = []
  if (plan.housingAreas.length) places.push(`Boligområder: ${plan.housingAreas.map((h) => h.name).join(', ')}`)
  if (plan.departments.length) {
    const departments = plan.departments.map((d) => {
      const about = [d.name, d.housingArea].filter(Boolean).join(', ')
      return about ? `${d.number} (${about})` : d.number
    })
    places.push(`Afdelinger: ${departments.join(', ')}`)
  }
  if (places.length) blocks.push({ kind: 'paragraph', style: 'meta', text: places.join(' · ') })
  return blocks
}

/** The party as printed, plus any organisation, unit or representative the printed name leaves out. */
function partyText(p: Party): string {
  const extra: string[] = []
  if (p.representedBy && !p.name.includes(p.representedBy)) extra.push(`v. ${p.representedBy}`)
  const missingUnits = p.units.filter((u) => !p.name.includes(u))
  if (p.organisation && !p.name.includes(p.organisation)) extra.push(`(${[p.organisation, ...missingUnits].join(': ')})`)
  else if (missingUnits.length) extra.push(`(${missingUnits.join(', ')})`)
  return [p.name, ...extra].join(' ')
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'

/** The template's six-column table: one table row per indicator row, goal and indicator merged down. */
function goalTable(file: AgreementFile, footnotes: FootnoteBook): TableBlock {
  const rows: TableRow[] = []
  for (const goal of file.agreement.goals) {
    const goalSpan = Math.max(1, goal.indicators.reduce((n, ind) => n + ind.rows.length, 0))
    if (goal.indicators.length === 0) {
      rows.push({ cells: [{ text: goal.text }, { text: '' }, { text: '' }, { text: '' }, { text: '' }, { text: '' }] })
      continue
    }
    goal.indicators.forEach((indicator, ii) => {
      const span = indicator.rows.length
      indicator.rows.forEach((row, ri) => {
        const letter = span > 1 ? `${LETTERS[ri % LETTERS.length]}. ` : ''
        const baseline = formatMeasure(row.baseline)
        // "a. 18-29 år: 19,14 %", but not "Aktivitetsparate: 38 aktivitetsparate" when the number's own words say it.
        const label = row.label && !baseline.toLowerCase().includes(row.label.toLowerCase()) ? `${letter}${row.label}: ` : letter
        const cells: TableCell[] = []
        if (ii === 0 && ri === 0) cells.push(spanned(goal.text, goalSpan))
        if (ri === 0) cells.push(spanned(indicatorName(indicator, footnotes), span))
        cells.push({ text: `${label}${baseline}` })
        cells.push({ text: row.comparison ? `${letter}${formatMeasure(row.comparison)}` : '' })
        if (ri === 0) {
          cells.push(spanned(formatBaselineTime(indicator.baselineTime), span))
          cells.push(spanned(dataSourceText(indicator), span))
        }
        rows.push({ cells })
      })
    })
  }
  // Wide enough at 8,5 pt for the longest words of the sources ("ungdomsuddannelse", "uddannelsesparate", "02.06.2021").
  return { kind: 'table', id: 'delmaal', header: [...templateText.goalTableHeader], rows, widths: [19, 19, 17.5, 17.5, 11, 16] }
}

function spanned(text: string, rowSpan: number): TableCell {
  return rowSpan > 1 ? { text, rowSpan } : { text }
}

/** The indicator's name with its note as a footnote, unless the name already points at that note. */
function indicatorName(indicator: Indicator, footnotes: FootnoteBook): string {
  if (!indicator.note) return indicator.name
  const mark = footnotes.markFor(indicator.note)
  return indicator.name.includes(`[^${mark}]`) ? indicator.name : `${indicator.name}[^${mark}]`
}

/** "Jobcenter / Kvartalsvis", with "Ansvarlig – Projektleder" on its own line, as the sources print it. */
function dataSourceText(indicator: Indicator): string {
  const source = [indicator.dataSource, indicator.frequency ? frequencyLabels[indicator.frequency] : undefined].filter(Boolean).join(' / ')
  return [source, indicator.responsible ? `Ansvarlig – ${indicator.responsible}` : undefined].filter(Boolean).join('\n')
}

/** Definitions, numerators, denominators and targets: the parts of an indicator the table has no column for. */
function indicatorDetails(file: AgreementFile): Block[] {
  const items: string[] = []
  for (const goal of file.agreement.goals) {
    for (const indicator of goal.indicators) {
      const about = [
        indicator.definition,
        indicator.numerator ? `Tæller: ${indicator.numerator}` : undefined,
        indicator.denominator ? `Nævner: ${indicator.denominator}` : undefined,
      ].filter((t): t is string => Boolean(t))
      if (about.length) items.push(`${stripMarks(indicator.name)}: ${about.map(sentence).join(' ')}`)
      for (const target of indicator.targets) items.push(`Måltal for ${stripMarks(indicator.name)}: ${formatTarget(target)}`)
    }
  }
  return items.length ? [{ kind: 'subheading', text: 'Indikatorernes definitioner og måltal' }, { kind: 'bullets', items }] : []
}

function sentence(text: string): string {
  return /[.!?:]$/.test(text) ? text : `${text}.`
}

function stripMarks(text: string): string {
  return text.replace(/\[\^\d+\]/g, '')
}

const SHARED = ' (fælles for alle delaftaler)'

function activityOverview(activities: Activity[]): Block[] {
  if (activities.length === 0) return [{ kind: 'paragraph', text: 'Der er ikke beskrevet aktiviteter.' }]
  // Sønderborg lists bare names; Varde gives each a short description. Keep whichever form the data has.
  if (!activities.some((act) => act.summary)) {
    return [{ kind: 'bullets', items: activities.map((act) => `${act.listName ?? act.name}${act.sharedWithAllAgreements ? SHARED : ''}`) }]
  }
  return activities.flatMap((act): Block[] => [
    { kind: 'paragraph', style: 'strong', text: `${act.listName ?? act.name}${act.sharedWithAllAgreements ? SHARED : ''}:` },
    ...textBlocks(act.summary),
  ])
}

/** Each resource's verbatim line, grouped under its organisation in the order they first appear. */
function resourceBlocks(resources: StaffResource[], grouped = true): Block[] {
  if (!grouped) return resources.length ? [{ kind: 'bullets', items: resources.map((r) => r.text) }] : []
  const groups = new Map<string, StaffResource[]>()
  for (const r of resources) groups.set(r.organisation, [...(groups.get(r.organisation) ?? []), r])
  return [...groups].flatMap(([organisation, items]): Block[] => [
    { kind: 'paragraph', style: 'strong', text: `${organisation}:` },
    { kind: 'bullets', items: items.map((r) => r.text) },
  ])
}

function snapshotBlocks(snapshot: TargetGroupSnapshot | undefined): Block[] {
  if (!snapshot) return []
  const table = snapshotTable(snapshot)
  const blocks: Block[] = []
  // Sønderborg's table is titled by its own first column ("Målgrupper 01.03.2021"): say it once.
  if (snapshot.title !== table.header[0]) blocks.push({ kind: 'paragraph', style: 'strong', text: snapshot.title })
  if (snapshot.population) blocks.push({ kind: 'paragraph', style: 'meta', text: `Opgjort for: ${snapshot.population}` })
  blocks.push(table)
  return blocks
}

/** "Målgrupper 01.03.2021 | 22 | 24 | 30 | 35 | Hovedtotal", with the stated totals in the last row. */
export function snapshotTable(s: TargetGroupSnapshot): TableBlock {
  const countColumns = s.departments.length ? s.departments : [s.countHeading ?? 'Antal']
  const rowTotals = s.departments.length > 0 || s.rows.some((r) => r.total !== undefined)
  const header = [`Målgrupper ${formatShortDate(s.date)}`, ...countColumns, ...(rowTotals ? ['Hovedtotal'] : [])]
  const rows: TableRow[] = s.rows.map((r) => ({
    cells: [
      { text: r.label.startsWith(r.code) ? r.label : `${r.code} - ${r.label}` },
      ...r.counts.map((c) => ({ text: formatNumber(c) })),
      ...(rowTotals ? [{ text: r.total !== undefined ? formatNumber(r.total) : '' }] : []),
    ],
  }))
  if (s.total !== undefined || s.columnTotals) {
    const columnTotals = s.columnTotals ?? countColumns.map(() => undefined)
    const cells: TableCell[] = [{ text: s.totalLabel ?? 'I alt' }, ...columnTotals.map((c) => ({ text: c !== undefined ? formatNumber(c) : '' }))]
    if (rowTotals) cells.push({ text: s.total !== undefined ? formatNumber(s.total) : '' })
    // Without a total column the one count column holds the grand total ("Sum: 121").
    else if (s.total !== undefined && !s.columnTotals) cells[1] = { text: formatNumber(s.total) }
    rows.push({ cells, total: true })
  }
  const numbers = header.length - 1
  // A lone count column carries a long heading ("Antal personer med målgruppe (boligområdet)").
  const labelWidth = numbers === 1 ? 70 : Math.max(40, 100 - numbers * 11)
  return {
    kind: 'table',
    id: `maalgrupper-${s.key}`,
    header,
    rows,
    widths: [labelWidth, ...Array.from({ length: numbers }, () => (100 - labelWidth) / numbers)],
    align: ['left', ...Array.from({ length: numbers }, () => 'right' as const)],
  }
}

function activitySchema(
  act: Activity,
  ownEffortArea: string,
  goalsByKey: Map<string, { text: string }>,
  snapshots: Map<string, TargetGroupSnapshot>,
): Section[] {
  const fields: Section[] = []
  const field = (heading: string, blocks: Block[]) => {
    if (blocks.length) fields.push({ level: 3, heading, blocks })
  }

  field(templateText.schema.purpose, textBlocks(act.purpose))

  const goals = act.goalKeys.map((k) => goalsByKey.get(k)?.text ?? k)
  field(templateText.schema.goals, [
    ...textBlocks(act.activityGoals),
    ...(goals.length
      ? [{ kind: 'paragraph', style: 'meta', text: 'Aktiviteten bidrager til delaftalens delmål:' } as Block, { kind: 'bullets', items: goals } as Block]
      : []),
  ])

  field(templateText.schema.targetGroups, [...textBlocks(act.targetGroups), ...act.snapshotKeys.flatMap((k) => snapshotBlocks(snapshots.get(k)))])

  const practice: Block[] = [...textBlocks(act.content)]
  if (act.selectionCriteria.length) {
    practice.push({ kind: 'paragraph', style: 'strong', text: 'Udvælgelseskriterier:' }, { kind: 'numbered', items: act.selectionCriteria })
  }
  if (act.schedules.length) practice.push(...scheduleBlocks(act))
  if (act.targets.length) {
    practice.push({ kind: 'paragraph', style: 'strong', text: 'Måltal:' }, { kind: 'bullets', items: act.targets.map(formatTarget) })
  }
  if (act.allocations.length) {
    practice.push(
      { kind: 'paragraph', style: 'strong', text: 'Fordeling på indsatsområder:' },
      { kind: 'bullets', items: act.allocations.map((al) => formatAllocation(al, ownEffortArea)) },
    )
  }
  field(templateText.schema.content, practice)

  field(templateText.schema.example, act.examples.flatMap((e) => textBlocks(e)))
  field(templateText.schema.source, textBlocks(act.sourceReference))
  field(templateText.schema.responsibilities, [
    ...textBlocks(act.responsibilities),
    ...(act.resources.length
      ? [{ kind: 'paragraph', style: 'strong', text: 'Medarbejderressourcer til aktiviteten:' } as Block, ...resourceBlocks(act.resources, false)]
      : []),
    ...(act.timeRecording ? timeRecordingBlocks(act.timeRecording) : []),
  ])

  const head: Section = {
    level: 2,
    heading: `${templateText.schema.name} ${act.name}`,
    id: `aktivitet-${act.key}`,
    blocks: act.sharedWithAllAgreements ? [{ kind: 'paragraph', style: 'meta', text: 'Aktiviteten er fælles for alle delaftaler.' }] : [],
  }
  return [head, ...fields]
}

/** The recording rule as data under its verbatim text, so the document shows what Indsats applies. */
function timeRecordingBlocks(rule: TimeRecording): Block[] {
  const facts = timeRecordingFacts(rule)
  return [{ kind: 'paragraph', style: 'strong', text: 'Tidsregistrering:' }, ...textBlocks(rule.text), ...(facts.length ? [{ kind: 'bullets', items: facts } as Block] : [])]
}

function scheduleBlocks(act: Activity): Block[] {
  const weekly = act.schedules.every((s) => s.recurrence === 'weekly')
  return [
    { kind: 'paragraph', style: 'strong', text: weekly ? 'Ugentlige åbningstider:' : 'Åbningstider:' },
    {
      kind: 'table',
      id: `tider-${act.key}`,
      header: ['Sted', 'Ugedag', 'Tidsrum', 'Bemanding'],
      rows: act.schedules.map((s) => ({
        cells: [{ text: s.venue ? `${s.site} (${s.venue})` : s.site }, { text: weekdayLabels[s.weekday] }, { text: formatScheduleTime(s) }, { text: formatStaffing(s) }],
      })),
      widths: [40, 18, 18, 24],
    },
  ]
}

/**
 * After the template: the resources as numbers side by side (where contradictions such as 40 and
 * 44 weeks for the same hours show), tables no section refers to, notes no text refers to, and where
 * the document came from. Nothing in the file is left out of the document.
 */
function annex(file: AgreementFile, meta: DocumentMeta, unreferencedSnapshots: TargetGroupSnapshot[]): Section[] {
  const a = file.agreement
  const blocks: Block[] = []
  const all: [string, StaffResource][] = [
    ...a.staffResources.map((r): [string, StaffResource] => ['Indsatsområdet', r]),
    ...a.municipalResources.map((r): [string, StaffResource] => ['Kommunal indsats', r]),
    ...a.activities.flatMap((act) => act.resources.map((r): [string, StaffResource] => [act.name, r])),
  ]
  if (all.length) {
    blocks.push(
      { kind: 'subheading', text: 'Medarbejderressourcer i tal' },
      {
        kind: 'table',
        id: 'ressourcer',
        header: ['Hvor', 'Organisation', 'Enhed / funktion', 'Omfang'],
        rows: all.map(([where, r]) => ({
          cells: [{ text: where }, { text: r.organisation }, { text: [r.unit, r.role].filter(Boolean).join('\n') }, { text: formatResourceAmount(r) }],
        })),
        widths: [24, 24, 28, 24],
      },
    )
  }
  if (unreferencedSnapshots.length) {
    blocks.push({ kind: 'subheading', text: 'Øvrige målgruppeopgørelser' }, ...unreferencedSnapshots.flatMap((s) => snapshotBlocks(s)))
  }
  blocks.push({ kind: 'subheading', text: COLOPHON })
  blocks.push({
    kind: 'paragraph',
    style: 'meta',
    text: [
      `Dannet af Indsats ${formatDateTime(meta.generatedAt)} fra revision ${meta.revisionNumber}`,
      `delaftalens nøgle: ${a.key}`,
      `indsatsområde: ${a.effortArea}`,
      `prioriteringsperiode: ${a.fundingPeriod}`,
      `filformat: ${file.formatVersion}`,
    ].join(' · '),
  })
  return [{ level: 1, heading: 'Bilag: Overblik', id: ANNEX_ID, blocks }]
}

const ANNEX_ID = 'bilag'
const COLOPHON = 'Om dokumentet'

// ---------------------------------------------------------------------------------------------
// Text and footnotes

function textBlocks(source: string | undefined): Block[] {
  return parseTextBlocks(source).map((b): Block => (b.kind === 'heading' ? { kind: 'subheading', text: b.text } : b))
}

function lines(source: string): string[] {
  return source
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
}

/**
 * The agreement's footnotes plus notes the document adds (an indicator's note), renumbered in the
 * order their marks are first read. Marks that point at no footnote are left as written.
 */
class FootnoteBook {
  private readonly texts = new Map<number, string>()
  private next: number

  constructor(footnotes: Footnote[]) {
    for (const f of footnotes) this.texts.set(f.mark, f.text)
    this.next = Math.max(0, ...footnotes.map((f) => f.mark)) + 1
  }

  /** The mark of a footnote with this text, added when there is none. */
  markFor(text: string): number {
    for (const [mark, t] of this.texts) if (t.trim() === text.trim()) return mark
    const mark = this.next++
    this.texts.set(mark, text)
    return mark
  }

  renumber(model: DocumentModel): DocumentModel {
    const order: number[] = []
    const seen = (text: string) => {
      for (const m of text.matchAll(/\[\^(\d+)\]/g)) {
        const mark = Number(m[1])
        if (this.texts.has(mark) && !order.includes(mark)) order.push(mark)
      }
      return text
    }
    mapText(model, seen)
    const numbers = new Map(order.map((mark, i) => [mark, i + 1]))
    const renamed = mapText(model, (text) =>
      text.replace(/\[\^(\d+)\]/g, (whole, mark: string) => {
        const n = numbers.get(Number(mark))
        return n === undefined ? whole : `[^${n}]`
      }),
    )
    const footnotes = order.map((mark, i) => ({ mark: i + 1, text: this.texts.get(mark) ?? '' }))
    // A footnote no text points at is still part of the agreement: list it in the annex.
    const orphans = [...this.texts].filter(([mark]) => !numbers.has(mark)).map(([, text]) => text)
    if (orphans.length) {
      const annexSection = renamed.sections.find((s) => s.id === ANNEX_ID)
      const colophon = annexSection?.blocks.findIndex((b) => b.kind === 'subheading' && b.text === COLOPHON) ?? -1
      annexSection?.blocks.splice(colophon, 0, { kind: 'subheading', text: 'Øvrige noter' }, { kind: 'bullets', items: orphans })
    }
    return { ...renamed, footnotes }
  }
}

function mapText(model: DocumentModel, fn: (text: string) => string): DocumentModel {
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'paragraph':
      case 'subheading':
        return { ...b, text: fn(b.text) }
      case 'bullets':
      case 'numbered':
        return { ...b, items: b.items.map(fn) }
      case 'table':
        return {
          ...b,
          header: b.header.map(fn),
          rows: b.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, text: fn(c.text) })) })),
        }
    }
  }
  return {
    ...model,
    preamble: model.preamble.map(block),
    sections: model.sections.map((s) => ({ ...s, blocks: s.blocks.map(block) })),
  }
}

/**
 * The table as a full grid: every row as long as the header, with `null` where a cell from a row
 * above reaches down. Renderers that need a placeholder for covered cells (pdfmake) use this.
 */
export function tableGrid(table: TableBlock): (TableCell | null)[][] {
  const columns = table.header.length
  const reach = new Array<number>(columns).fill(0)
  return table.rows.map((row) => {
    const grid: (TableCell | null)[] = []
    let next = 0
    for (let col = 0; col < columns; col++) {
      if ((reach[col] ?? 0) > 0) {
        grid.push(null)
        reach[col] = (reach[col] ?? 0) - 1
        continue
      }
      const cell = row.cells[next++] ?? { text: '' }
      grid.push(cell)
      reach[col] = (cell.rowSpan ?? 1) - 1
    }
    return grid
  })
}
