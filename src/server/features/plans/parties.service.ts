import { type PlanParty, PlanPartyCreate, PlanPartyUpdate, type PartyKind, partyName } from '../../../shared/parties.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import type { Authority, Grant } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import * as repo from './plans.repo.ts'

// The parties of a plan (decision 012), kept by the project leader as the agreements name them.
// A party is never deleted: residents, memberships and consents name it, so it is archived, which
// keeps it on the records that name it and off the lists new records choose from.

type PartyRow = Awaited<ReturnType<typeof repo.partiesOf>>[number]

function toDto(r: PartyRow): PlanParty {
  return { id: r.id, name: r.name, unit: r.unit, kind: r.kind as PartyKind, dataController: r.data_controller, archived: r.archived_at !== null }
}

export async function planParties(ctx: AppContext, grant: Grant<'plan-parties', 'read'>): Promise<PlanParty[]> {
  return (await repo.partiesOf(ctx.db, grant.planId!)).map(toDto)
}

async function refuseDuplicate(ctx: AppContext, planId: string, name: string, unit: string | null, exceptId: string | null): Promise<void> {
  if (await repo.partyNamed(ctx.db, planId, name, unit, exceptId)) {
    throw new AppError('conflict', `Helhedsplanen har allerede parten ${partyName({ name, unit })}.`, { issues: [{ path: 'name', message: 'Der er allerede en part med dette navn og denne enhed.' }] })
  }
}

export async function addParty(ctx: AppContext, grant: Grant<'plan-parties', 'create'>, input: unknown): Promise<PlanParty> {
  const planId = grant.planId!
  const data = PlanPartyCreate.parse(input)
  await refuseDuplicate(ctx, planId, data.name, data.unit, null)
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (data.dataController) await repo.clearDataController(trx, planId, null)
    const row = await repo.insertParty(trx, { plan_id: planId, name: data.name, unit: data.unit, kind: data.kind, data_controller: data.dataController, created_by: grant.actor.id })
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'create', entity: 'plan-party', entityId: row.id, planId, details: { name: partyName(data), kind: data.kind, dataController: data.dataController } })
    return row.id
  })
  return toDto((await repo.partyOfPlan(ctx.db, planId, id))!)
}

export async function changeParty(ctx: AppContext, grant: Grant<'plan-parties', 'update'>, partyId: string, input: unknown): Promise<PlanParty> {
  const planId = grant.planId!
  const data = PlanPartyUpdate.parse(input)
  const before = await repo.partyOfPlan(ctx.db, planId, partyId)
  if (!before) throw new AppError('not_found', 'Parten findes ikke i denne helhedsplan.')
  if (data.archived && data.dataController) throw new AppError('validation', 'Den dataansvarlige part kan ikke arkiveres. Vælg først en anden dataansvarlig.', { issues: [{ path: 'archived', message: 'Fjern først markeringen som dataansvarlig.' }] })
  await refuseDuplicate(ctx, planId, data.name, data.unit, partyId)
  await ctx.db.transaction().execute(async (trx) => {
    if (data.dataController) await repo.clearDataController(trx, planId, partyId)
    await repo.updateParty(trx, partyId, {
      name: data.name,
      unit: data.unit,
      kind: data.kind,
      data_controller: data.dataController,
      archived_at: data.archived ? (before.archived_at ?? ctx.now()) : null,
    })
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'update',
      entity: 'plan-party',
      entityId: partyId,
      planId,
      details: { before: partyName(before), name: partyName(data), kind: data.kind, dataController: data.dataController, archived: data.archived },
    })
  })
  return toDto((await repo.partyOfPlan(ctx.db, planId, partyId))!)
}

/** Every plan's live parties, for the administrator choosing a user's party in each plan. */
export async function partyChoices(ctx: AppContext, _authority: Authority<'users', 'create'>): Promise<Record<string, PlanParty[]>> {
  const rows = await repo.livePartiesOfAllPlans(ctx.db)
  const byPlan: Record<string, PlanParty[]> = {}
  for (const r of rows) (byPlan[r.plan_id] ??= []).push(toDto({ ...r, archived_at: null }))
  return byPlan
}
