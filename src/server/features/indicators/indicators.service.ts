import type { AgreementContent, Indicator } from '../../../shared/agreements.ts'
import type {
  FollowUp,
  FollowUpOverview,
  ImportPreview,
  IndicatorComment,
  IndicatorValueDto,
  PeriodLock,
  Population,
  Provenance,
  ValueCreate,
  ValueRetraction,
} from '../../../shared/indicators.ts'
import { comparePeriods, parsePeriod, periodLabel } from '../../../shared/lib/period.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { auditActor, type Authority, authorize, type Grant, hidesSmallNumbers } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { currentAgreement, currentAgreementsOfPlans } from '../agreements/agreements.service.ts'
import { visiblePlans } from '../plans/plans.service.ts'
import { capProblems, commitStaged, discardStaged, type ImportKind, type ImportTarget, PREVIEW_ROWS, readUpload, recordedBy, stageImport, type Upload, writeRead } from '../imports/imports.service.ts'
import { parseValueRows, valueColumnNames } from './import/value-rows.ts'
import { definitionVersion, indicatorSeries } from './indicator-series.ts'
import * as repo from './indicators.repo.ts'
import { suppressCount } from './suppression.ts'
import { plausibility } from './value-plausibility.ts'

// Follow-up of an agreement's indicators (decision 006). Values are never changed: a correction is a
// new value for the same series and period, and the last one recorded is the current one.

function provenanceOf(row: repo.ValueRow): Provenance {
  if (row.source === 'imported') {
    return { kind: 'imported', importId: row.import_id!, fileName: row.import_file_name ?? '', row: row.import_row ?? 0, sheet: row.import_sheet, source: row.import_format ?? '' }
  }
  if (row.source === 'computed') return { kind: 'computed', rule: row.rule ?? '', version: row.rule_version ?? '' }
  return { kind: 'typed', userName: row.recorded_by_name ?? row.recorded_by_label }
}

function toValueDto(row: repo.ValueRow): IndicatorValueDto {
  return {
    id: row.id,
    indicatorKey: row.indicator_key,
    rowKey: row.row_key,
    population: row.population as Population,
    period: row.period,
    share: row.share,
    count: row.count,
    countHidden: false,
    note: row.note,
    definitionVersion: row.definition_version,
    provenance: provenanceOf(row),
    recordedAt: row.recorded_at.toISOString(),
    retracted: row.retracted,
  }
}

interface Located {
  goalKey: string
  goalText: string
  indicator: Indicator
}

function locateIndicator(content: AgreementContent, indicatorKey: string): Located | undefined {
  for (const goal of content.goals) {
    const indicator = goal.indicators.find((i) => i.key === indicatorKey)
    if (indicator) return { goalKey: goal.key, goalText: goal.text, indicator }
  }
  return undefined
}

function requireRow(content: AgreementContent, indicatorKey: string, rowKey: string): Located {
  const found = locateIndicator(content, indicatorKey)
  if (!found) throw new AppError('validation', `Indikatoren "${indicatorKey}" findes ikke i delaftalen.`)
  if (!found.indicator.rows.some((r) => r.key === rowKey)) throw new AppError('validation', `Rækken "${rowKey}" findes ikke under indikatoren "${found.indicator.name}".`)
  return found
}

function periodEnd(period: string): string {
  const parsed = parsePeriod(period)
  if (!parsed) throw new AppError('validation', `Perioden "${period}" kan ikke læses.`)
  return parsed.end
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Everything the dashboard shows for one agreement. Board members get small counts hidden. */
export async function followUp(ctx: AppContext, grant: Grant<'indicator-values', 'read'>, agreementId: string): Promise<FollowUp> {
  // All four reads at once (one round trip instead of two): the agreement's read decides whether the
  // caller sees anything, and the others are dropped unread when it fails.
  const reads = Promise.all([repo.currentValues(ctx.db, agreementId), repo.periodLocks(ctx.db, agreementId), repo.comments(ctx.db, agreementId)])
  reads.catch(() => {})
  const agreement = await currentAgreement(ctx, grant, agreementId)
  const [values, locks, notes] = await reads
  const suppress = hidesSmallNumbers(grant)
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const asOf = isoDay(ctx.now())
  const series = indicatorSeries(
    agreement.content,
    values.map(toValueDto).map((v) => (suppress ? hideSmallCount(v, threshold) : v)),
    asOf,
  )
  return {
    agreementId,
    planId: agreement.planId,
    title: agreement.content.title,
    revisionNumber: agreement.revisionNumber,
    series,
    periods: locks
      .map((l): PeriodLock => ({ period: l.period, locked: l.locked, at: l.at.toISOString(), by: l.by_name ?? l.by_label, reason: l.reason }))
      .sort((a, b) => comparePeriods(a.period, b.period)),
    comments: notes.map(
      (c): IndicatorComment => ({ id: c.id, indicatorKey: c.indicator_key, period: c.period, text: c.text, by: c.by_name ?? c.by_label, at: c.at.toISOString() }),
    ),
    suppressed: suppress,
  }
}

/** A small count is hidden (the share stays: it is a rate of a larger population). */
function hideSmallCount(v: IndicatorValueDto, threshold: number): IndicatorValueDto {
  if (v.count === null) return v
  return suppressCount(v.count, threshold).suppressed ? { ...v, count: null, countHidden: true } : v
}

async function refuseLocked(trx: Parameters<typeof repo.lockFollowUp>[0], agreementId: string, periods: Iterable<string>): Promise<void> {
  const locked = await repo.lockedPeriods(trx, agreementId)
  const hit = [...new Set(periods)].filter((p) => locked.has(p)).sort(comparePeriods)
  if (hit.length > 0) {
    throw new AppError(
      'conflict',
      `${hit.map(periodLabel).join(', ')} er godkendt og låst. En projektleder skal låse perioden op (med en begrundelse), før der kan rettes i den.`,
    )
  }
}

/** Records a value typed in by a user; a second value for the same period is a correction and needs a note. */
export async function addValue(ctx: AppContext, grant: Grant<'indicator-values', 'create'>, agreementId: string, input: ValueCreate): Promise<IndicatorValueDto> {
  return insertValue(ctx, grant, agreementId, input, { source: 'typed' })
}

/**
 * A figure computed from Indsats's own records (e.g. the enrolments of an activity) stored as an
 * indicator value of provenance "computed", with the rule and its version. Like a typed value it
 * respects locked periods, and replacing an earlier value needs a reason.
 */
export async function addComputedValue(
  ctx: AppContext,
  grant: Grant<'indicator-values', 'create'>,
  agreementId: string,
  input: ValueCreate,
  rule: { rule: string; ruleVersion: string },
): Promise<IndicatorValueDto> {
  return insertValue(ctx, grant, agreementId, input, { source: 'computed', ...rule })
}

async function insertValue(
  ctx: AppContext,
  grant: Grant<'indicator-values', 'create'>,
  agreementId: string,
  input: ValueCreate,
  provenance: { source: 'typed' } | { source: 'computed'; rule: string; ruleVersion: string },
): Promise<IndicatorValueDto> {
  const agreement = await currentAgreement(ctx, grant, agreementId)
  const { indicator } = requireRow(agreement.content, input.indicatorKey, input.rowKey)
  refuseImplausible(indicator, input, isoDay(ctx.now()))
  const by = recordedBy(grant)
  const id = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockFollowUp(trx, agreementId)
    await refuseLocked(trx, agreementId, [input.period])
    const [existing] = await repo.valueHistory(trx, agreementId, input)
    if (existing && !input.note) {
      throw new AppError('validation', 'Der er allerede en værdi for perioden. Skriv hvorfor den rettes.', {
        issues: [{ path: 'note', message: 'Skriv hvorfor værdien rettes.' }],
      })
    }
    const [inserted] = await repo.insertValues(trx, [
      {
        agreementId,
        indicatorKey: input.indicatorKey,
        rowKey: input.rowKey,
        population: input.population,
        period: input.period,
        periodEnd: periodEnd(input.period),
        share: input.share ?? null,
        count: input.count ?? null,
        note: input.note || null,
        definitionVersion: definitionVersion(indicator),
        ...provenance,
        recordedBy: by.id,
        recordedByLabel: by.label,
      },
    ])
    await writeAudit(trx, {
      actor: auditActor(grant),
      action: existing ? 'update' : 'create',
      entity: 'indicator-value',
      entityId: inserted!,
      planId: agreement.planId,
      details: { agreementId, ...input, ...(provenance.source === 'computed' ? { rule: provenance.rule, ruleVersion: provenance.ruleVersion } : {}), replaces: existing?.id ?? null },
    })
    return inserted!
  })
  return toValueDto((await repo.valueById(ctx.db, id))!)
}

/**
 * Input a user can hardly have meant is stopped where it is typed (value-plausibility.ts): a value
 * for a period that has not begun is refused; a count far from the baseline asks for confirmation.
 */
function refuseImplausible(indicator: Indicator, input: ValueCreate, asOf: string): void {
  const finding = plausibility(indicator, input, asOf)
  if (finding === null) return
  if (finding.kind === 'refused') throw new AppError('validation', finding.message, { issues: [{ path: finding.field, message: finding.message }] })
  if (!input.confirmImplausible) throw new AppError('confirmation_required', finding.message, { issues: [{ path: finding.field, message: finding.message }] })
}

/** Retracts a period's value: one more row in its history, with no value and the reason. */
export async function retractValue(ctx: AppContext, grant: Grant<'indicator-values', 'create'>, agreementId: string, input: ValueRetraction): Promise<IndicatorValueDto> {
  const agreement = await currentAgreement(ctx, grant, agreementId)
  const { indicator } = requireRow(agreement.content, input.indicatorKey, input.rowKey)
  const by = recordedBy(grant)
  const id = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockFollowUp(trx, agreementId)
    await refuseLocked(trx, agreementId, [input.period])
    const [latest] = await repo.valueHistory(trx, agreementId, input)
    if (!latest || latest.retracted) throw new AppError('conflict', `${periodLabel(input.period)} har ingen værdi at trække tilbage.`)
    const retraction = await repo.insertRetraction(trx, {
      agreementId,
      indicatorKey: input.indicatorKey,
      rowKey: input.rowKey,
      population: input.population,
      period: input.period,
      periodEnd: periodEnd(input.period),
      definitionVersion: definitionVersion(indicator),
      note: input.reason,
      recordedBy: by.id,
      recordedByLabel: by.label,
    })
    await writeAudit(trx, {
      actor: auditActor(grant),
      action: 'delete',
      entity: 'indicator-value',
      entityId: retraction,
      planId: agreement.planId,
      details: { agreementId, ...input, retracts: latest.id },
    })
    return retraction
  })
  return toValueDto((await repo.valueById(ctx.db, id))!)
}

export async function valueHistory(
  ctx: AppContext,
  grant: Grant<'indicator-values', 'read'>,
  agreementId: string,
  key: { indicatorKey: string; rowKey: string; population: Population; period: string },
): Promise<IndicatorValueDto[]> {
  await currentAgreement(ctx, grant, agreementId)
  const rows = (await repo.valueHistory(ctx.db, agreementId, key)).map(toValueDto)
  return hidesSmallNumbers(grant) ? rows.map((v) => hideSmallCount(v, ctx.config.SUPPRESSION_THRESHOLD)) : rows
}

export async function changePeriodLock(
  ctx: AppContext,
  grant: Grant<'indicator-periods', 'update'>,
  agreementId: string,
  change: { period: string; locked: boolean; reason?: string | undefined },
): Promise<PeriodLock> {
  const agreement = await currentAgreement(ctx, grant, agreementId)
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockFollowUp(trx, agreementId)
    const locked = await repo.lockedPeriods(trx, agreementId)
    if (locked.has(change.period) === change.locked) {
      throw new AppError('conflict', `${periodLabel(change.period)} er allerede ${change.locked ? 'låst' : 'åben'}.`)
    }
    const event = await repo.insertPeriodEvent(trx, {
      agreementId,
      period: change.period,
      locked: change.locked,
      reason: change.reason || null,
      by: grant.actor.id,
      byLabel: grant.actor.name,
    })
    await writeAudit(trx, {
      actor: auditActor(grant),
      action: 'update',
      entity: 'indicator-period',
      entityId: `${agreementId}:${change.period}`,
      planId: agreement.planId,
      details: { agreementId, period: change.period, locked: change.locked, reason: change.reason ?? null },
    })
    return { period: change.period, locked: change.locked, at: event.at.toISOString(), by: grant.actor.name, reason: change.reason ?? null }
  })
}

export async function addComment(
  ctx: AppContext,
  grant: Grant<'indicator-comments', 'create'>,
  agreementId: string,
  input: { indicatorKey: string; period: string; text: string },
): Promise<IndicatorComment> {
  const agreement = await currentAgreement(ctx, grant, agreementId)
  if (!locateIndicator(agreement.content, input.indicatorKey)) throw new AppError('validation', `Indikatoren "${input.indicatorKey}" findes ikke i delaftalen.`)
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertComment(trx, { agreementId, ...input, by: grant.actor.id, byLabel: grant.actor.name })
    await writeAudit(trx, { actor: auditActor(grant), action: 'create', entity: 'indicator-comment', entityId: row.id, planId: agreement.planId, details: { agreementId, ...input } })
    return { id: row.id, ...input, by: grant.actor.name, at: row.at.toISOString() }
  })
}

export interface PendingValue {
  indicatorKey: string
  rowKey: string
  population: Population
  period: string
  share: number | null
  count: number | null
  row: number
  sheet: string | null
}

interface ValueTarget extends ImportTarget {
  agreementId: string
  content: AgreementContent
}

const valueTarget = (agreement: { planId: string; content: AgreementContent }, agreementId: string): ValueTarget => ({ planId: agreement.planId, agreementId, content: agreement.content })

/** Values, read from a file, a Beboerdata table or a source; written to the agreement's follow-up. */
const valueImports: ImportKind<'indicator-values', ValueTarget, PendingValue, { valueCount: number; unchanged: number }> = {
  kind: 'values',
  resource: 'indicator-values',
  lock: (trx, target) => repo.lockFollowUp(trx, target.agreementId),
  stage: (trx, importId, rows) => repo.stageValues(trx, importId, rows),
  write: async (trx, { target: agreement, importId, pending, all, by, authority }) => {
    const { agreementId } = agreement
    const versions = new Map<string, string>()
    for (const goal of agreement.content.goals) for (const ind of goal.indicators) versions.set(ind.key, definitionVersion(ind))
    /** Each period's last day; refused when the agreement has lost an indicator since the file was read. */
    const periodEndsOf = (changes: { period: string; indicatorKey: string }[]) => {
      if (changes.some((c) => !versions.has(c.indicatorKey))) throw new AppError('conflict', 'Delaftalen er ændret, siden filen blev læst. Indlæs filen igen.')
      return new Map(changes.map((c) => [c.period, periodEnd(c.period)]))
    }
    const w = { agreementId, importId, versions, recordedBy: by.id, recordedByLabel: by.label }
    let written: number
    if (all.length > 0) {
      // Rows held in memory (the command line's import, or a preview staged as a payload before
      // migration 0028): compared with the current values here, under the lock, and copied in.
      const changes = compareWithCurrent(await repo.currentValues(trx, agreementId), all).written
      await refuseLocked(
        trx,
        agreementId,
        changes.map((c) => c.period),
      )
      const periods = new Map(changes.map((c) => [`${c.period}|${c.indicatorKey}`, { period: c.period, indicatorKey: c.indicatorKey }]))
      written = await repo.copyImportedValues(trx, { ...w, periodEnds: periodEndsOf([...periods.values()]) }, changes)
    } else {
      // A value equal to the current one adds nothing to the history: importing a file again is a
      // no-op. The rows stay in the database; only their few periods and indicators come here.
      const changes = await repo.stagedChanges(trx, agreementId, importId)
      await refuseLocked(
        trx,
        agreementId,
        changes.map((c) => c.period),
      )
      written = await repo.insertStagedValues(trx, { ...w, periodEnds: periodEndsOf(changes.map((c) => ({ period: c.period, indicatorKey: c.indicator_key }))) })
    }
    const total = pending.value_count
    await writeAudit(trx, {
      actor: auditActor(authority),
      action: 'create',
      entity: 'value-import',
      entityId: importId,
      planId: agreement.planId,
      details: { agreementId, fileName: pending.file_name, format: pending.format, values: written, unchanged: total - written, sha256: pending.sha256 },
    })
    return { valueCount: written, unchanged: total - written }
  },
}

/** The values that would be written (new, or different from the current one), and how many replace or equal a current value. */
function compareWithCurrent<V extends PendingValue>(current: { indicator_key: string; row_key: string; population: string; period: string; share: number | null; count: number | null }[], values: readonly V[]) {
  // A first import into an agreement (the large ones) has nothing to compare with.
  if (current.length === 0) return { written: [...values], replacing: 0, unchanged: 0 }
  const currentByKey = new Map(current.map((v) => [`${v.indicator_key}|${v.row_key}|${v.population}|${v.period}`, v]))
  const written: V[] = []
  let replacing = 0
  let unchanged = 0
  for (const v of values) {
    const was = currentByKey.get(`${v.indicatorKey}|${v.rowKey}|${v.population}|${v.period}`)
    if (was && sameValue(was, v)) unchanged++
    else {
      if (was) replacing++
      written.push(v)
    }
  }
  return { written, replacing, unchanged }
}

/**
 * Reads an uploaded file and keeps what it would add, without adding it: the user sees every problem
 * (row and column) and what would change, then commits all or nothing.
 */
export async function previewImport(
  ctx: AppContext,
  authority: Authority<'indicator-values', 'create'>,
  agreementId: string,
  file: Upload,
): Promise<ImportPreview> {
  const read = await readValueFile(ctx, authority, agreementId, file, {})
  return storePreview(ctx, authority, agreementId, file, read.format, read.rows, read.problems)
}

async function readValueFile(ctx: AppContext, authority: Authority<'indicator-values', 'create'>, agreementId: string, file: Upload, options: { csvHere?: boolean }) {
  const agreement = await currentAgreement(ctx, authority, agreementId)
  return readUpload(
    file,
    (table) => {
      const parsed = parseValueRows(table, agreement.content)
      return { rows: parsed.values, problems: parsed.problems }
    },
    Object.values(valueColumnNames).flat(),
    options,
  )
}

/** A file's values compared with the current ones, as a preview says, with the rows held in memory rather than staged. */
export type ValuesRead = Omit<ImportPreview, 'importId'> & { rows: PendingValue[] }

/**
 * Reads a file as previewImport does, problems and all, but stages nothing: for the command line,
 * which shows the preview and commits right after (commitRead), so the rows need not be written to
 * the database twice. A CSV file is read in this thread (readUpload's `csvHere`).
 */
export async function readImport(ctx: AppContext, authority: Authority<'indicator-values', 'create'>, agreementId: string, file: Upload): Promise<ValuesRead> {
  const read = await readValueFile(ctx, authority, agreementId, file, { csvHere: true })
  const problems = capProblems(read.problems)
  const { preview } = await comparePreview(ctx, authority, agreementId, read.rows)
  return { fileName: file.name, format: read.format, problems, ...preview, rows: read.rows }
}

/** Adds every value of a file read by readImport in one transaction, or none. */
export async function commitRead(
  ctx: AppContext,
  authority: Authority<'indicator-values', 'create'>,
  agreementId: string,
  file: Upload,
  read: ValuesRead,
): Promise<{ valueCount: number; unchanged: number }> {
  const agreement = await currentAgreement(ctx, authority, agreementId)
  return writeRead(ctx, valueImports, authority, valueTarget(agreement, agreementId), file, read)
}

/** What committing values would add, replace and skip, and which locked periods it would touch. */
async function comparePreview(ctx: AppContext, authority: Authority<'indicator-values', 'create'>, agreementId: string, values: PendingValue[]) {
  // Read again under the caller's authority: a grant is for one plan, and the agreement must be on it.
  const agreement = await currentAgreement(ctx, authority, agreementId)
  const [current, locked] = await Promise.all([repo.currentValues(ctx.db, agreementId), repo.lockedPeriods(ctx.db, agreementId)])
  const { written, replacing, unchanged } = compareWithCurrent(current, values)
  // Only values that would be written can hit a locked period; unchanged ones are skipped.
  const lockedPeriods = [...new Set(written.map((v) => v.period).filter((p) => locked.has(p)))].sort(comparePeriods)
  return {
    agreement,
    preview: {
      values: values.slice(0, PREVIEW_ROWS).map((v) => ({ indicatorKey: v.indicatorKey, rowKey: v.rowKey, population: v.population, period: v.period, share: v.share, count: v.count, row: v.row })),
      valueCount: values.length,
      replacing,
      unchanged,
      lockedPeriods,
    },
  }
}

/**
 * Keeps already-parsed values as a staged import, whatever read them (the long format, a saved
 * Beboerdata mapping, a source), and says what committing would add, replace and skip.
 */
export async function storePreview(
  ctx: AppContext,
  authority: Authority<'indicator-values', 'create'>,
  agreementId: string,
  file: Upload,
  format: string,
  values: PendingValue[],
  problems: ImportPreview['problems'],
): Promise<ImportPreview> {
  const { agreement, preview } = await comparePreview(ctx, authority, agreementId, values)
  const staged = await stageImport(ctx, valueImports, authority, valueTarget(agreement, agreementId), file, { format, rows: values, problems })
  return { ...staged, ...preview }
}

function sameValue(current: { share: number | null; count: number | null }, next: { share: number | null; count: number | null }): boolean {
  return current.share === next.share && current.count === next.count
}

/** Adds every value of a previewed import in one transaction, or none. */
export async function commitImport(
  ctx: AppContext,
  authority: Authority<'indicator-values', 'create'>,
  agreementId: string,
  importId: string,
): Promise<{ valueCount: number; unchanged: number }> {
  const agreement = await currentAgreement(ctx, authority, agreementId)
  return commitStaged(ctx, valueImports, authority, valueTarget(agreement, agreementId), importId)
}

/**
 * The status of every indicator of the agreements on the given plans (all the user's plans when none
 * is named). Each plan's data is read under a decision for that plan; all agreements and all their
 * current values are read in two queries, whatever the number of agreements.
 */
export async function followUpOverview(ctx: AppContext, grant: Grant<'follow-up-overview', 'read'>, onlyPlanId?: string): Promise<FollowUpOverview> {
  const { actor } = grant
  const planIds = onlyPlanId ? [onlyPlanId] : actor.planIds
  const plans = await visiblePlans(ctx, authorize(actor, 'plans', 'read'))
  const shown = planIds.flatMap((planId) => {
    const plan = plans.find((p) => p.id === planId)
    return plan ? [{ plan, agreementsGrant: authorize(actor, 'agreements', 'read', planId), valuesGrant: authorize(actor, 'indicator-values', 'read', planId) }] : []
  })
  const agreements = await currentAgreementsOfPlans(
    ctx,
    shown.map((s) => s.agreementsGrant),
  )
  const valueRows = await repo.currentValuesOfAgreements(
    ctx.db,
    agreements.map((a) => a.id),
  )
  const valuesOf = new Map<string, IndicatorValueDto[]>()
  for (const row of valueRows) valuesOf.set(row.agreement_id, [...(valuesOf.get(row.agreement_id) ?? []), toValueDto(row)])
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const asOf = isoDay(ctx.now())
  return {
    plans: shown.map(({ plan, valuesGrant }) => {
      const suppress = hidesSmallNumbers(valuesGrant)
      return {
        planId: plan.id,
        planName: plan.name,
        municipality: plan.municipality,
        agreements: agreements
          .filter((a) => a.planId === plan.id)
          .map((agreement) => {
            const values = (valuesOf.get(agreement.id) ?? []).map((v) => (suppress ? hideSmallCount(v, threshold) : v))
            return {
              agreementId: agreement.id,
              title: agreement.content.title,
              effortAreaName: agreement.effortAreaName,
              series: indicatorSeries(agreement.content, values, asOf).map((s) => ({ indicatorKey: s.indicatorKey, indicatorName: s.indicatorName, rowKey: s.rowKey, rowLabel: s.rowLabel, status: s.status })),
            }
          }),
      }
    }),
  }
}

/** Drops a previewed file the user chose not to save; its parsed values are deleted, the record kept. */
export async function discardImport(ctx: AppContext, grant: Grant<'indicator-values', 'create'>, agreementId: string, importId: string): Promise<void> {
  const agreement = await currentAgreement(ctx, grant, agreementId)
  await discardStaged(ctx, valueImports, grant, valueTarget(agreement, agreementId), importId)
}
