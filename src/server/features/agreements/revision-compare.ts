import { diffWords } from 'diff'
import type { AgreementChange } from '../../../shared/agreements.ts'
import { withoutFootnoteMarks } from '../../../shared/lib/text-blocks.ts'

// Compares two revisions as documents. Items with a `key` (goals, indicators, activities, …) are
// matched by key, not position, so adding an activity shows one addition rather than every later
// activity as changed. Each changed leaf becomes one row with a Danish label saying where it is.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

interface Leaf {
  /** Machine path with keys: "content.activities[aabn-raadgivning].name". */
  path: string
  label: string
  value: string
}

const FIELD_LABELS: Record<string, string> = {
  plan: 'Plan',
  content: '',
  name: 'Navn',
  municipality: 'Kommune',
  housingAreas: 'Boligområde',
  departments: 'Afdeling',
  number: 'Nummer',
  housingArea: 'Boligområde',
  key: 'Nøgle',
  effortArea: 'Indsatsområde',
  fundingPeriod: 'Prioriteringsperiode',
  title: 'Titel',
  initiativeName: 'Navn på den boligsociale indsats',
  vision: 'Vision',
  validFrom: 'Gælder fra',
  validTo: 'Gælder til',
  parties: 'Part',
  organisation: 'Organisation',
  units: 'Enhed',
  representedBy: 'Ved',
  goals: 'Delmål',
  text: 'Tekst',
  indicators: 'Indikator',
  definition: 'Definition',
  numerator: 'Tæller',
  denominator: 'Nævner',
  rows: 'Række',
  label: 'Betegnelse',
  baseline: 'Baseline (boligområde/målgruppe)',
  comparison: 'Anden baseline (kommune)',
  share: 'Andel (%)',
  count: 'Antal',
  countLabel: 'Tekst ved antal',
  shareLabel: 'Tekst ved andel',
  baselineTime: 'Baselinetidspunkt',
  kind: 'Type',
  year: 'År',
  month: 'Måned',
  date: 'Dato',
  dataSource: 'Datakilde',
  frequency: 'Hyppighed',
  responsible: 'Ansvarlig',
  note: 'Note',
  targets: 'Måltal',
  description: 'Beskrivelse',
  value: 'Værdi',
  valueMax: 'Øvre grænse',
  unit: 'Enhed',
  qualifier: 'Præcisering',
  horizon: 'Horisont',
  direction: 'Retning',
  activities: 'Aktivitet',
  summary: 'Kort beskrivelse',
  purpose: 'Formål',
  activityGoals: 'Delmål for aktiviteten',
  goalKeys: 'Knyttet til delmål',
  targetGroups: 'Målgruppe(r)',
  snapshotKeys: 'Målgruppeopgørelser',
  content_: 'Indhold og praksis',
  selectionCriteria: 'Udvælgelseskriterium',
  responsibilities: 'Ansvars- og rollefordeling',
  sourceReference: 'Kilde',
  examples: 'Eksempel',
  resources: 'Ressource',
  role: 'Rolle',
  quantity: 'Mængde',
  resourceUnit: 'Enhed',
  weeks: 'Uger',
  atLeast: 'Mindst',
  schedules: 'Åbningstid',
  site: 'Sted',
  venue: 'Lokale',
  weekday: 'Ugedag',
  from: 'Fra',
  to: 'Til',
  staffingMin: 'Bemanding, mindst',
  staffingMax: 'Bemanding, højst',
  recurrence: 'Gentagelse',
  sharedWithAllAgreements: 'Fælles for alle delaftaler',
  allocations: 'Fordeling',
  timeRecording: 'Tidsregistrering',
  resourceKey: 'Tæller med i ressourcen',
  hoursFromConversations: 'Timer fra samtalekalenderen',
  adminHoursPerConversation: 'Administrativ tid pr. samtale',
  quarterlyClose: 'Kvartalsopgørelse',
  staffResources: 'Medarbejderressource',
  staffResourcesNote: 'Note til medarbejderressourcer',
  municipalLink: 'Sammenhæng med den kommunale indsats',
  municipalResources: 'Kommunal ressource',
  targetGroupIntro: 'Tekst før målgruppeopgørelser',
  targetGroupSnapshots: 'Målgruppeopgørelse',
  population: 'Population',
  countHeading: 'Kolonneoverskrift',
  counts: 'Antal',
  columnTotals: 'Kolonnetotal',
  total: 'Total',
  totalLabel: 'Totalens betegnelse',
  code: 'Kode',
  revisionRule: 'Revision af delaftalen',
  footnotes: 'Fodnote',
  mark: 'Nummer',
}

function fieldLabel(field: string, parent: string | undefined): string {
  // "content" is both the document root and an activity's "Indhold og praksis".
  if (field === 'content' && parent === 'activities') return FIELD_LABELS.content_!
  return FIELD_LABELS[field] ?? field
}

/** What to call an item of a list in a label: its name or text, shortened. */
function itemName(item: Json, index: number): string {
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const named = item.name ?? item.text ?? item.label ?? item.title ?? item.site ?? item.code ?? item.description
    if (typeof named === 'string' && named.trim()) {
      const short = withoutFootnoteMarks(named).trim().replace(/\s+/g, ' ')
      return `"${short.length > 50 ? `${short.slice(0, 47)}…` : short}"`
    }
  }
  return String(index + 1)
}

function display(value: Json): string {
  if (value === null) return ''
  if (typeof value === 'boolean') return value ? 'ja' : 'nej'
  if (typeof value === 'number') return String(value).replace('.', ',')
  return String(value)
}

function flatten(value: Json, path: string, label: string, field: string | undefined, parentField: string | undefined, out: Map<string, Leaf>): void {
  if (Array.isArray(value)) {
    const keyed = value.every((v) => v && typeof v === 'object' && !Array.isArray(v) && typeof v.key === 'string')
    value.forEach((item, i) => {
      const id = keyed ? (item as { key: string }).key : String(i)
      const itemLabel = `${label}${label ? ' ' : ''}${itemName(item, i)}`.trim()
      flatten(item, `${path}[${id}]`, itemLabel, undefined, field, out)
    })
    return
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'key') continue
      const childLabel = [label, fieldLabel(k, field ?? parentField)].filter(Boolean).join(' › ')
      flatten(v, path ? `${path}.${k}` : k, childLabel, k, field ?? parentField, out)
    }
    return
  }
  out.set(path, { path, label: label || path, value: display(value) })
}

export interface ComparableRevision {
  plan: unknown
  content: unknown
}

export function compareRevisions(before: ComparableRevision, after: ComparableRevision): AgreementChange[] {
  const a = new Map<string, Leaf>()
  const b = new Map<string, Leaf>()
  flatten({ plan: before.plan, content: before.content } as Json, '', '', undefined, undefined, a)
  flatten({ plan: after.plan, content: after.content } as Json, '', '', undefined, undefined, b)
  const changes: AgreementChange[] = []
  // Walk in the newer document's order, then what only the older had.
  for (const [path, leaf] of b) {
    const old = a.get(path)
    if (!old) {
      changes.push({ path, label: leaf.label, kind: 'added', before: null, after: leaf.value })
    } else if (old.value !== leaf.value) {
      const change: AgreementChange = { path, label: leaf.label, kind: 'changed', before: old.value, after: leaf.value }
      if (old.value.length > 20 || leaf.value.length > 20) {
        change.parts = diffWords(old.value, leaf.value).map((p) => ({ value: p.value, added: p.added === true, removed: p.removed === true }))
      }
      changes.push(change)
    }
  }
  for (const [path, leaf] of a) {
    if (!b.has(path)) changes.push({ path, label: leaf.label, kind: 'removed', before: leaf.value, after: null })
  }
  return changes
}
