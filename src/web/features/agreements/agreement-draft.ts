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
  return { draft: { revision: { effectiveFrom: '', boardDecision: '' }, content: structuredClone(content) }, numbers: numberTextsOf(content, 'content') }
}

/**
 * The text of every number field under `path`, as the user will see it. A month is chosen from a
 * list and a footnote's mark is not edited, so those stay numbers in the draft.
 */
export function numberTextsOf(value: unknown, path: string, into: NumberTexts = {}): NumberTexts {
  if (typeof value === 'number') {
    if (!/\.baselineTime\.month$|^content\.footnotes\./.test(path)) into[path] = decimalInputValue(value)
  } else if (Array.isArray(value)) value.forEach((item, i) => numberTextsOf(item, `${path}.${i}`, into))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) numberTextsOf(v, `${path}.${k}`, into)
  return into
}

/** The form's state: what changes together when a list item is added, moved or removed. */
export interface DraftState {
  draft: Draft
  numbers: NumberTexts
}

/**
 * Number texts follow their item when a list changes: `order[i]` is the old index of the item now
 * at i. Texts of removed items are dropped, so nothing is written back into a gone item on save.
 */
function reorderNumbers(numbers: NumberTexts, listPath: string, order: number[]): NumberTexts {
  const newIndexOf = new Map(order.map((old, i) => [old, i]))
  const prefix = `${listPath}.`
  const out: NumberTexts = {}
  for (const [path, text] of Object.entries(numbers)) {
    if (!path.startsWith(prefix)) {
      out[path] = text
      continue
    }
    const rest = path.slice(prefix.length)
    const dot = rest.indexOf('.')
    const index = Number(dot === -1 ? rest : rest.slice(0, dot))
    const moved = newIndexOf.get(index)
    if (moved !== undefined) out[`${prefix}${moved}${dot === -1 ? '' : rest.slice(dot)}`] = text
  }
  return out
}

function reorder(state: DraftState, listPath: string, order: number[]): DraftState {
  const list = (getIn(state.draft, listPath) as unknown[] | undefined) ?? []
  return {
    draft: setIn(
      state.draft,
      listPath,
      order.map((old) => list[old]),
    ),
    numbers: reorderNumbers(state.numbers, listPath, order),
  }
}

/** Adds an item at the end of a list; its numbers become texts like the rest. */
export function addItem(state: DraftState, listPath: string, item: unknown): DraftState {
  const list = (getIn(state.draft, listPath) as unknown[] | undefined) ?? []
  const path = `${listPath}.${list.length}`
  return { draft: setIn(state.draft, path, item), numbers: { ...state.numbers, ...numberTextsOf(item, path) } }
}

/** Moves an item one place up (-1) or down (+1). */
export function moveItem(state: DraftState, listPath: string, index: number, by: -1 | 1): DraftState {
  const length = ((getIn(state.draft, listPath) as unknown[] | undefined) ?? []).length
  const to = index + by
  if (to < 0 || to >= length) return state
  const order = Array.from({ length }, (_, i) => i)
  order[index] = to
  order[to] = index
  return reorder(state, listPath, order)
}

/**
 * Removes an item. Activities that served a removed goal, and places that showed a removed
 * target-group table, no longer point at it.
 */
export function removeItem(state: DraftState, listPath: string, index: number): DraftState {
  const length = ((getIn(state.draft, listPath) as unknown[] | undefined) ?? []).length
  const next = reorder(
    state,
    listPath,
    Array.from({ length }, (_, i) => i).filter((i) => i !== index),
  )
  const content = next.draft.content
  const goals = new Set(content.goals.map((g) => g.key))
  const snapshots = new Set(content.targetGroupSnapshots.map((s) => s.key))
  const activities = content.activities.map((a) => ({ ...a, goalKeys: a.goalKeys.filter((k) => goals.has(k)), snapshotKeys: a.snapshotKeys.filter((k) => snapshots.has(k)) }))
  return { ...next, draft: { ...next.draft, content: { ...content, activities, snapshotKeys: content.snapshotKeys.filter((k) => snapshots.has(k)) } } }
}

/**
 * Sets one field of the draft. Renaming a goal's or a target-group table's key renames the
 * activities' references to it too (and the agreement's own list of tables shown), so they follow
 * the item instead of pointing at a key that no longer exists. A key another item still has is left
 * alone: the references stay with that item.
 */
export function setDraftValue(draft: Draft, path: string, value: unknown): Draft {
  const next = setIn(draft, path, value)
  const goal = /^content\.goals\.(\d+)\.key$/.exec(path)
  const table = /^content\.targetGroupSnapshots\.(\d+)\.key$/.exec(path)
  if (!goal && !table) return next
  const before = getIn(draft, path)
  if (typeof before !== 'string' || typeof value !== 'string' || before === value) return next
  const content = next.content
  const rename = (keys: readonly string[]) => keys.map((k) => (k === before ? value : k))
  if (goal) {
    if (content.goals.some((g) => g.key === before)) return next
    return { ...next, content: { ...content, activities: content.activities.map((a) => ({ ...a, goalKeys: rename(a.goalKeys) })) } }
  }
  if (content.targetGroupSnapshots.some((t) => t.key === before)) return next
  return {
    ...next,
    content: { ...content, snapshotKeys: rename(content.snapshotKeys), activities: content.activities.map((a) => ({ ...a, snapshotKeys: rename(a.snapshotKeys) })) },
  }
}

/** A key not yet used in the list: "indikator-5", "indikator-5-2" … */
export function freshKey(taken: readonly string[], base: string): string {
  const used = new Set(taken)
  if (!used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`
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

  const applied = applyNumbers(draft, numbers)
  issues.push(...applied.issues)
  const next = applied.draft

  const parsed = RevisionCreate.safeParse({ basedOnRevision, revision: next.revision, content: next.content })
  if (!parsed.success) issues.push(...issuesFromZod(parsed.error))
  return { body: parsed.success && issues.length === 0 ? parsed.data : null, issues }
}

/** The draft with the typed numbers read into it, and the texts that are not numbers. */
export function applyNumbers(draft: Draft, numbers: NumberTexts): { draft: Draft; issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  let next = draft
  for (const [path, raw] of Object.entries(numbers)) {
    const text = raw.trim()
    if (path.endsWith('.baselineTime.year')) {
      const time = getIn(next, path.slice(0, -'.year'.length)) as BaselineTime | undefined
      if (!time || time.kind === 'date') continue
      if (!/^\d{4}$/.test(text)) issues.push({ path, message: NOT_A_YEAR })
      else next = setIn(next, path, Number(text))
      continue
    }
    if (!text) {
      // A count in a target-group table is a cell of the table: it cannot be left out.
      if (/\.counts\.\d+$/.test(path)) issues.push({ path, message: 'Skriv et antal, 0 hvis der ingen er.' })
      else next = setIn(next, path, undefined)
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
  return { draft: next, issues }
}
