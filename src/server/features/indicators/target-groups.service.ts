import type { TargetGroupCommitted, TargetGroupPreview, TargetGroupSnapshot, TargetGroupSnapshots, TargetGroupValue } from '../../../shared/target-groups.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { auditActor, type Authority, type Grant, hidesSmallNumbers } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { commitStaged, discardStaged, type ImportKind, type ImportTarget, PREVIEW_ROWS, readUpload, stageImport, type Upload } from '../imports/imports.service.ts'
import { type ImportedTargetGroupCount, parseTargetGroupRows, targetGroupColumnNames } from './import/target-group-rows.ts'
import { type SuppressedValue, suppressTable } from './suppression.ts'
import * as repo from './target-groups.repo.ts'

// Target-group counts per § 6 code and housing department (docs/domain.md, "Target-group
// snapshots"). Imported like indicator values (staged, previewed, then committed all or nothing:
// features/imports/) but kept per plan, not per agreement: the job centre counts the area's
// residents whatever agreement the figures end up in. Counts are never changed; a later import for the same date, code
// and department takes over.

/** The column for counts that are for the whole area rather than one department. */
export const WHOLE_AREA = 'Hele området'

/** A grant is for one plan; the operator at the command line may use any plan that exists. */
async function requirePlan(ctx: AppContext, authority: Authority, planId: string): Promise<void> {
  if ('actor' in authority && authority.planId !== planId) throw new AppError('forbidden')
  if (!(await repo.planExists(ctx.db, planId))) throw new AppError('not_found', 'Planen findes ikke.')
}

/** Counts read from the job centre's table, kept per plan. */
const targetGroupImports: ImportKind<'indicator-values', ImportTarget, ImportedTargetGroupCount, TargetGroupCommitted> = {
  kind: 'target-groups',
  resource: 'indicator-values',
  lock: (trx, target) => repo.lockPlan(trx, target.planId),
  write: async (trx, { target: { planId }, importId, pending, all, by, authority }) => {
    // A count equal to the current one for its date, code and department adds nothing: a file imported
    // twice leaves the table as it was.
    const current = new Map((await repo.currentCounts(trx, planId)).map((c) => [`${c.counted_on}|${c.code}|${c.department ?? ''}`, c]))
    const rows = all.filter((r) => {
      const was = current.get(`${r.date}|${r.code}|${r.department ?? ''}`)
      return !was || was.count !== r.count || was.label !== r.label
    })
    await repo.insertCounts(
      trx,
      rows.map((r) => ({
        planId,
        countedOn: r.date,
        code: r.code,
        label: r.label,
        department: r.department,
        count: r.count,
        importId,
        importRow: r.row,
        recordedBy: by.id,
        recordedByLabel: by.label,
      })),
    )
    await writeAudit(trx, {
      actor: auditActor(authority),
      action: 'create',
      entity: 'target-group-import',
      entityId: importId,
      planId,
      details: { fileName: pending.file_name, format: pending.format, rows: rows.length, unchanged: all.length - rows.length, dates: [...new Set(all.map((r) => r.date))].sort(), sha256: pending.sha256 },
    })
    return { rowCount: rows.length, unchanged: all.length - rows.length }
  },
}

const planTarget = (planId: string): ImportTarget => ({ planId, agreementId: null })

/** Reads an uploaded file of target-group counts and keeps what it would add, without adding it. */
export async function previewTargetGroups(
  ctx: AppContext,
  authority: Authority<'indicator-values', 'create'>,
  planId: string,
  file: Upload,
): Promise<TargetGroupPreview> {
  await requirePlan(ctx, authority, planId)
  const read = await readUpload(file, parseTargetGroupRows, Object.values(targetGroupColumnNames).flat())
  const staged = await stageImport(ctx, targetGroupImports, authority, planTarget(planId), file, read)
  const { rows } = read
  return {
    ...staged,
    rowCount: rows.length,
    dates: [...new Set(rows.map((r) => r.date))].sort(),
    rows: rows.slice(0, PREVIEW_ROWS).map((r) => ({ date: r.date, code: r.code, label: r.label, department: r.department, count: r.count, row: r.row })),
  }
}

/** Records every count of a previewed file in one transaction, or none. */
export async function commitTargetGroups(ctx: AppContext, authority: Authority<'indicator-values', 'create'>, planId: string, importId: string): Promise<TargetGroupCommitted> {
  await requirePlan(ctx, authority, planId)
  return commitStaged(ctx, targetGroupImports, authority, planTarget(planId), importId)
}

/** Drops a previewed file the user chose not to save, so it cannot be committed later by mistake. */
export async function discardTargetGroups(ctx: AppContext, authority: Authority<'indicator-values', 'create'>, planId: string, importId: string): Promise<void> {
  await requirePlan(ctx, authority, planId)
  await discardStaged(ctx, targetGroupImports, authority, planTarget(planId), importId)
}

/** "6.2" before "6.10", § 6 codes before integration codes. */
export function compareCodes(a: string, b: string): number {
  const n = (c: string) => (/^6\.(\d+)$/.exec(c)?.[1] ?? null)
  const [na, nb] = [n(a), n(b)]
  if (na !== null && nb !== null) return Number(na) - Number(nb)
  if (na !== null) return -1
  if (nb !== null) return 1
  return a.localeCompare(b, 'da')
}

function compareDepartments(a: string, b: string): number {
  if (a === WHOLE_AREA) return 1
  if (b === WHOLE_AREA) return -1
  return a.localeCompare(b, 'da', { numeric: true })
}

const sum = (values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null)
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0)
}

const shown = (value: number | null): TargetGroupValue => ({ value, hidden: false })
const published = (v: SuppressedValue | undefined): TargetGroupValue => (v ? { value: v.value, hidden: v.suppressed !== null } : shown(null))

/** One table per date: a row per code, a column per department, totals by adding up. Pure. */
export function buildSnapshots(
  counts: { counted_on: string; code: string; label: string; department: string | null; count: number }[],
  suppress: { threshold: number } | null,
): TargetGroupSnapshot[] {
  const byDate = new Map<string, typeof counts>()
  for (const c of counts) byDate.set(c.counted_on, [...(byDate.get(c.counted_on) ?? []), c])
  const snapshots: TargetGroupSnapshot[] = []
  for (const [date, own] of [...byDate].sort(([a], [b]) => b.localeCompare(a))) {
    const column = (c: { department: string | null }) => c.department ?? WHOLE_AREA
    const departments = [...new Set(own.map(column))].sort(compareDepartments)
    const codes = [...new Set(own.map((c) => c.code))].sort(compareCodes)
    const rows = codes.map((code) => {
      const cells = departments.map((d) => own.find((c) => c.code === code && column(c) === d)?.count ?? null)
      // The label the latest import printed for the code (labels change wording, not meaning).
      const label = own.find((c) => c.code === code)!.label
      return { code, label, cells, total: sum(cells) }
    })
    const columnTotals = departments.map((_, j) => sum(rows.map((r) => r.cells[j] ?? null)))
    const grandTotal = sum(rows.map((r) => r.total))
    if (suppress) {
      const table = suppressTable({ rows: rows.map((r) => ({ label: r.code, cells: r.cells, total: r.total })), columnTotals, grandTotal }, suppress.threshold)
      snapshots.push({
        date,
        departments,
        rows: rows.map((r, i) => ({ code: r.code, label: r.label, counts: table.rows[i]!.cells.map(published), total: published(table.rows[i]!.total) })),
        columnTotals: (table.columnTotals ?? []).map(published),
        grandTotal: published(table.grandTotal),
      })
    } else {
      snapshots.push({
        date,
        departments,
        rows: rows.map((r) => ({ code: r.code, label: r.label, counts: r.cells.map(shown), total: shown(r.total) })),
        columnTotals: columnTotals.map(shown),
        grandTotal: shown(grandTotal),
      })
    }
  }
  return snapshots
}

/** The plan's target-group tables, newest date first. Board members get small counts hidden. */
export async function targetGroupSnapshots(ctx: AppContext, grant: Grant<'indicator-values', 'read'>, planId: string): Promise<TargetGroupSnapshots> {
  await requirePlan(ctx, grant, planId)
  const counts = await repo.currentCounts(ctx.db, planId)
  const suppressed = hidesSmallNumbers(grant)
  return { planId, snapshots: buildSnapshots(counts, suppressed ? { threshold: ctx.config.SUPPRESSION_THRESHOLD } : null), suppressed }
}
