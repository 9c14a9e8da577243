import type { FundingPeriodCreate, ReferenceData, TargetGroupCodeCreate, TargetGroupCodeDto, TargetGroupCodeUpdate } from '../../../shared/reference-data.ts'
import { formatDay } from '../../../shared/lib/format.ts'
import { type Authority, auditActor } from '../../lib/authorize.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import * as repo from './reference-data.repo.ts'
import { clash, inForce } from './target-group-versions.ts'

// Reference data an administrator keeps current (decision 021). Each change is one transaction with
// its audit row; the rules about versions are pure (target-group-versions.ts).

function dto(row: Awaited<ReturnType<typeof repo.targetGroupCodes>>[number]): TargetGroupCodeDto {
  return { code: row.code, label: row.label, validFrom: row.valid_from, validTo: row.valid_to, note: row.note }
}

export async function referenceData(ctx: AppContext, _authority: Authority<'reference-data', 'read'>): Promise<ReferenceData> {
  const [codes, { periods, areas }] = await Promise.all([repo.targetGroupCodes(ctx.db), repo.fundingPeriods(ctx.db)])
  return {
    targetGroups: codes.map(dto),
    fundingPeriods: periods.map((p) => ({
      code: p.code,
      name: p.name,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      effortAreas: areas.filter((a) => a.funding_period === p.code).map((a) => ({ code: a.code, name: a.name, sortOrder: a.sort_order })),
    })),
  }
}

/** The target-group codes that can be chosen on `day` (for forms): one label per code. */
export async function targetGroupsInForce(ctx: Pick<AppContext, 'db'>, day: string): Promise<{ code: string; label: string }[]> {
  const codes = (await repo.targetGroupCodes(ctx.db)).map((r) => ({ code: r.code, label: r.label, validFrom: r.valid_from, validTo: r.valid_to }))
  return inForce(codes, day).map((c) => ({ code: c.code, label: c.label }))
}

function periodText(v: { validFrom: string; validTo: string | null }): string {
  return v.validTo === null ? `fra ${formatDay(v.validFrom)}` : `${formatDay(v.validFrom)} til ${formatDay(v.validTo)}`
}

async function refuseClash(trx: Parameters<typeof repo.lockCode>[0], candidate: { code: string; label: string; validFrom: string; validTo: string | null }) {
  await repo.lockCode(trx, candidate.code)
  const versions = (await repo.targetGroupCodes(trx)).map((r) => ({ code: r.code, label: r.label, validFrom: r.valid_from, validTo: r.valid_to }))
  const other = clash(versions, candidate)
  if (other) {
    const message = `Målgruppe ${candidate.code} gælder allerede ${periodText(other)} ("${other.label}"). Afslut den version, før den nye begynder, så koden kun betyder én ting på hver dag.`
    throw new AppError('conflict', message, { issues: [{ path: 'validFrom', message }] })
  }
  return versions
}

export async function addTargetGroupCode(ctx: AppContext, authority: Authority<'reference-data', 'create'>, input: TargetGroupCodeCreate): Promise<TargetGroupCodeDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const versions = await refuseClash(trx, input)
    if (versions.some((v) => v.code === input.code && v.validFrom === input.validFrom)) {
      throw new AppError('conflict', `Målgruppe ${input.code} har allerede en version fra ${formatDay(input.validFrom)}. Ret den i stedet.`)
    }
    await repo.insertTargetGroupCode(trx, input)
    await writeAudit(trx, { actor: auditActor(authority), action: 'create', entity: 'reference-data', entityId: null, details: { targetGroupCode: input } })
    return { code: input.code, label: input.label, validFrom: input.validFrom, validTo: input.validTo, note: input.note }
  })
}

export async function updateTargetGroupCode(
  ctx: AppContext,
  authority: Authority<'reference-data', 'update'>,
  code: string,
  validFrom: string,
  change: TargetGroupCodeUpdate,
): Promise<TargetGroupCodeDto> {
  if (change.validTo !== null && change.validTo < validFrom) {
    throw new AppError('validation', 'Slutdatoen kan ikke ligge før startdatoen.', { issues: [{ path: 'validTo', message: 'Slutdatoen kan ikke ligge før startdatoen.' }] })
  }
  return ctx.db.transaction().execute(async (trx) => {
    const versions = await refuseClash(trx, { code, label: change.label, validFrom, validTo: change.validTo })
    const before = versions.find((v) => v.code === code && v.validFrom === validFrom)
    if (!before) throw new AppError('not_found', `Målgruppe ${code} har ingen version fra ${formatDay(validFrom)}.`)
    await repo.updateTargetGroupCode(trx, code, validFrom, change)
    await writeAudit(trx, { actor: auditActor(authority), action: 'update', entity: 'reference-data', entityId: null, details: { targetGroupCode: { code, validFrom }, before, after: change } })
    return { code, label: change.label, validFrom, validTo: change.validTo, note: change.note }
  })
}

export async function addFundingPeriod(ctx: AppContext, authority: Authority<'reference-data', 'create'>, input: FundingPeriodCreate): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockFundingPeriods(trx)
    const { periods } = await repo.fundingPeriods(trx)
    if (periods.some((p) => p.code === input.code)) throw new AppError('conflict', `Prioriteringsperioden ${input.code} findes allerede.`, { issues: [{ path: 'code', message: 'Koden er i brug.' }] })
    const overlapping = periods.find((p) => input.startsOn <= p.ends_on && p.starts_on <= input.endsOn)
    if (overlapping) {
      throw new AppError('conflict', `Perioden overlapper med ${overlapping.name} (${formatDay(overlapping.starts_on)} til ${formatDay(overlapping.ends_on)}).`, {
        issues: [{ path: 'startsOn', message: `Overlapper med ${overlapping.name}.` }],
      })
    }
    await repo.insertFundingPeriod(trx, input)
    await writeAudit(trx, { actor: auditActor(authority), action: 'create', entity: 'reference-data', entityId: null, details: { fundingPeriod: input } })
  })
}
