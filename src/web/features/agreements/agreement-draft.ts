import { type AgreementContent, type BaselineTime, RevisionCreate } from '../../../shared/agreements.ts'
import type { FieldIssue } from '../../lib/api.ts'
import { issuesFromZod } from '../../lib/form-errors.ts'
import { decimalInputValue, parseDecimal } from './agreement-format.ts'

// The edit form's state: the request body being built (revision metadata and the whole content,
// starting from the loaded revision, so everything the form does not show is carried over as it
// was), plus the number fields as the user typed them. Fields are addressed by the dotted path the
// zod schema and the server use in their issues ("content.goals.0.text"), so a message from either
// lands on the right field.

export interface Draft {
  revision: { effectiveFrom: string; boardDecision: string; note?: string }
  content: AgreementContent
}

/** Number fields' text by path: "19,14" stays "19,14" until the user saves. */
export type NumberTexts = Record<string, string>

export function startDraft(content: AgreementContent): { draft: Draft; numbers: NumberTexts } {
  const numbers: NumberTexts = {}
  content.goals.forEach((goal, gi) =>
    goal.indicators.forEach((indicator, ii) => {
      const base = `content.goals.${gi}.indicators.${ii}`
      if (indicator.baselineTime.kind !== 'date') numbers[`${base}.baselineTime.year`] = String(indicator.baselineTime.year)
      indicator.rows.forEach((row, ri) => {
        for (const measure of ['baseline', 'comparison'] as const) {
          for (const field of ['share', 'count'] as const) numbers[`${base}.rows.${ri}.${measure}.${field}`] = decimalInputValue(row[measure]?.[field])
        }
      })
    }),
  )
  content.staffResources.forEach((resource, i) => {
    numbers[`content.staffResources.${i}.quantity`] = decimalInputValue(resource.quantity)
  })
  return { draft: { revision: { effectiveFrom: '', boardDecision: '' }, content: structuredClone(content) }, numbers }
}

export function getIn(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node === null || node === undefined ? undefined : (node as Record<string, unknown>)[part]), root)
}

/** A copy of `root` with the value at `path` replaced; `undefined` removes an object's property. */
export function setIn<T>(root: T, path: string, value: unknown): T {
  const parts = path.split('.')
  const step = (node: unknown, i: number): unknown => {
    const part = parts[i]!
    const copy: Record<string, unknown> | unknown[] = Array.isArray(node) ? [...node] : { ...((node ?? {}) as Record<string, unknown>) }
    const slot = copy as Record<string, unknown>
    if (i === parts.length - 1) {
      if (value === undefined && !Array.isArray(copy)) delete slot[part]
      else slot[part] = value
    } else {
      slot[part] = step(slot[part] ?? (/^\d+$/.test(parts[i + 1]!) ? [] : {}), i + 1)
    }
    return copy
  }
  return step(root, 0) as T
}

/** The baseline time after the user picks another kind, keeping what still applies. */
export function switchBaselineKind(time: BaselineTime, kind: BaselineTime['kind'], yearText: string | undefined): BaselineTime {
  const typed = yearText !== undefined && /^\d{4}$/.test(yearText.trim()) ? Number(yearText.trim()) : undefined
  const year = typed ?? (time.kind === 'date' ? Number(time.date.slice(0, 4)) || new Date().getFullYear() : time.year)
  if (kind === 'year') return { kind, year }
  if (kind === 'month') return { kind, year, month: time.kind === 'month' ? time.month : time.kind === 'date' ? Number(time.date.slice(5, 7)) || 1 : 1 }
  return { kind, date: time.kind === 'date' ? time.date : '' }
}

const NOT_A_NUMBER = 'Skriv et tal, fx 19,14 eller 233.'
const NOT_A_YEAR = 'Skriv et årstal med fire cifre, fx 2021.'

/**
 * The body to send, or the problems to show. Checked with the shared RevisionCreate schema, so
 * the form says exactly what the server would; a few messages are made more specific first.
 */
export function buildRevision(draft: Draft, numbers: NumberTexts, basedOnRevision: number): { body: RevisionCreate | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  if (!draft.revision.effectiveFrom) issues.push({ path: 'revision.effectiveFrom', message: 'Skriv den dato, revisionen gælder fra.' })
  if (!draft.revision.boardDecision.trim()) {
    issues.push({ path: 'revision.boardDecision', message: 'Skriv den bestyrelsesbeslutning, revisionen bygger på.' })
  }

  let next = draft
  for (const [path, raw] of Object.entries(numbers)) {
    const text = raw.trim()
    if (path.endsWith('.baselineTime.year')) {
      const time = getIn(next, path.slice(0, -'.year'.length)) as BaselineTime
      if (time.kind === 'date') continue
      if (!/^\d{4}$/.test(text)) issues.push({ path, message: NOT_A_YEAR })
      else next = setIn(next, path, Number(text))
      continue
    }
    if (!text) {
      next = setIn(next, path, undefined)
      continue
    }
    const value = parseDecimal(text)
    if (value === null) issues.push({ path, message: NOT_A_NUMBER })
    else next = setIn(next, path, value)
  }

  // A second baseline whose numbers were both emptied is no longer there.
  next.content.goals.forEach((goal, gi) =>
    goal.indicators.forEach((indicator, ii) =>
      indicator.rows.forEach((row, ri) => {
        if (row.comparison && row.comparison.share === undefined && row.comparison.count === undefined) {
          next = setIn(next, `content.goals.${gi}.indicators.${ii}.rows.${ri}.comparison`, undefined)
        }
      }),
    ),
  )

  const parsed = RevisionCreate.safeParse({ basedOnRevision, revision: next.revision, content: next.content })
  if (!parsed.success) issues.push(...issuesFromZod(parsed.error))
  return { body: parsed.success && issues.length === 0 ? parsed.data : null, issues }
}
