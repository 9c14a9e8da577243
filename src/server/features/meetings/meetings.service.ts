import { formatShortDate } from '../../../shared/lib/format.ts'
import { ActionDeletion, type Meeting, type MeetingAction, MeetingCreate, type MeetingKind, MeetingUpdate } from '../../../shared/meetings.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import type { Grant } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import * as repo from './meetings.repo.ts'

// Meetings (decision 015): the record of a cooperation, board or company-network meeting. A board
// decision may approve an agreement revision (it must exist on this plan) and close a follow-up
// period; an action's owner must be on the plan, and only the owner marks it done.

const titleOf = (content: unknown) => (content && typeof content === 'object' && 'title' in content ? String((content as { title: unknown }).title) : 'Delaftalen')
const approvesText = (content: unknown, number: number, effectiveFrom: string) => `${titleOf(content)}, revision ${number} (gældende fra ${formatShortDate(effectiveFrom)})`

/** Checks what a meeting refers to: users on the plan, revisions of its agreements, its companies. */
async function checkReferences(ctx: AppContext, planId: string, kind: MeetingKind, data: ReturnType<typeof MeetingUpdate.parse>): Promise<void> {
  const users = [...data.participants.flatMap((p) => (p.userId ? [p.userId] : [])), ...data.actions.map((a) => a.ownerId)]
  const members = await repo.membersOf(ctx.db, planId, users)
  if (users.some((u) => !members.has(u))) throw new AppError('validation', 'En deltager eller en ansvarlig er ikke tilknyttet helhedsplanen.')
  for (const d of data.decisions) {
    if (d.revisionNumber !== null) {
      if (kind !== 'board') throw new AppError('validation', 'Kun bestyrelsen godkender en revision af en delaftale.')
      if (d.agreementId === null) throw new AppError('validation', 'Vælg delaftalen, revisionen hører til.')
      if (!(await repo.revisionOf(ctx.db, planId, d.agreementId, d.revisionNumber))) throw new AppError('validation', `Delaftalen har ingen revision ${d.revisionNumber}.`)
    } else if (d.agreementId !== null && !(await repo.agreementOfPlan(ctx.db, planId, d.agreementId))) {
      throw new AppError('validation', 'Delaftalen findes ikke i denne helhedsplan.')
    }
  }
  if (data.companies.length > 0) {
    if (kind !== 'company-network') throw new AppError('validation', 'Kun møder i virksomhedsnetværket har inviterede virksomheder.')
    const ids = data.companies.map((c) => c.companyId)
    if (new Set(ids).size !== ids.length) throw new AppError('validation', 'En virksomhed er inviteret to gange.')
    const known = await repo.companiesOfPlan(ctx.db, planId, ids)
    if (ids.some((id) => !known.has(id))) throw new AppError('validation', 'En inviteret virksomhed findes ikke i denne helhedsplan.')
  }
}

export async function createMeeting(ctx: AppContext, grant: Grant<'meetings', 'create'>, input: MeetingCreate): Promise<{ id: string }> {
  const data = MeetingCreate.parse(input)
  const planId = grant.planId!
  await checkReferences(ctx, planId, data.kind, data)
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertMeeting(
      trx,
      { plan_id: planId, kind: data.kind, held_on: data.heldOn, title: data.title, agenda: data.agenda, minutes: data.minutes, created_by: grant.actor.id },
      data.participants,
      data.decisions,
      data.actions,
      data.companies,
    )
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'create',
      entity: 'meeting',
      entityId: id,
      planId,
      details: {
        kind: data.kind,
        heldOn: data.heldOn,
        decisions: data.decisions.length,
        approves: data.decisions.filter((d) => d.revisionNumber !== null).map((d) => ({ agreementId: d.agreementId, revision: d.revisionNumber })),
        actions: data.actions.length,
        companies: data.companies.length,
      },
    })
    return { id }
  })
}

/** Edits a meeting (decision 024): those who record meetings edit them; actions already made stay. */
export async function updateMeeting(ctx: AppContext, grant: Grant<'meetings', 'create'>, meetingId: string, input: MeetingUpdate): Promise<{ id: string }> {
  const data = MeetingUpdate.parse(input)
  const planId = grant.planId!
  const existing = await repo.meeting(ctx.db, planId, meetingId)
  if (!existing) throw new AppError('not_found', 'Mødet findes ikke i denne helhedsplan.')
  const kind = existing.kind as MeetingKind
  await checkReferences(ctx, planId, kind, data)
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateMeeting(trx, meetingId, { held_on: data.heldOn, title: data.title, agenda: data.agenda, minutes: data.minutes }, data.participants, data.decisions, data.actions, data.companies)
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'update',
      entity: 'meeting',
      entityId: meetingId,
      planId,
      details: {
        kind,
        heldOn: data.heldOn,
        decisions: data.decisions.length,
        approves: data.decisions.filter((d) => d.revisionNumber !== null).map((d) => ({ agreementId: d.agreementId, revision: d.revisionNumber })),
        addedActions: data.actions.length,
        companies: data.companies.length,
      },
    })
  })
  return { id: meetingId }
}

/** The network events a company of the plan was invited to, newest first. */
export async function meetingsOfCompany(ctx: AppContext, grant: Grant<'meetings', 'read'>, companyId: string) {
  const rows = await repo.meetingsOfCompany(ctx.db, grant.planId!, companyId)
  return rows.map((r) => ({ id: r.id, kind: r.kind as MeetingKind, heldOn: r.held_on, title: r.title, attended: r.attended }))
}

const actionDto = (r: Awaited<ReturnType<typeof repo.actionsOf>>[number]): MeetingAction => ({
  id: r.id,
  meetingId: r.meeting_id,
  meetingTitle: r.meeting_title,
  text: r.text,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  dueOn: r.due_on,
  done: r.done_at !== null,
})

export async function listMeetings(ctx: AppContext, grant: Grant<'meetings', 'read'>) {
  const rows = await repo.meetingsOfPlan(ctx.db, grant.planId!)
  return rows.map((r) => ({ id: r.id, kind: r.kind as MeetingKind, heldOn: r.held_on, title: r.title }))
}

export async function getMeeting(ctx: AppContext, grant: Grant<'meetings', 'read'>, meetingId: string): Promise<Meeting> {
  const m = await repo.meeting(ctx.db, grant.planId!, meetingId)
  if (!m) throw new AppError('not_found', 'Mødet findes ikke i denne helhedsplan.')
  const [participants, decisions, actions, companies] = await Promise.all([
    repo.participantsOf(ctx.db, m.id),
    repo.decisionsOf(ctx.db, m.id),
    repo.actionsOf(ctx.db, m.id),
    repo.companiesOf(ctx.db, m.id),
  ])
  return {
    id: m.id,
    kind: m.kind as MeetingKind,
    heldOn: m.held_on,
    title: m.title,
    agenda: m.agenda,
    minutes: m.minutes,
    participants: participants.map((p) => ({ userId: p.user_id, name: p.user_name ?? p.name ?? '' })),
    decisions: decisions.map((d) => ({
      id: d.id,
      text: d.text,
      agreementId: d.agreement_id,
      revisionNumber: d.revision_number,
      approves: d.revision_number !== null && d.effective_from ? approvesText(d.content, d.revision_number, d.effective_from) : null,
      closesPeriod: d.closes_period,
    })),
    actions: actions.map(actionDto),
    companies: companies.map((c) => ({ companyId: c.company_id, name: c.name, attended: c.attended })),
    createdBy: m.created_by,
  }
}

/** The reader's open actions on the plan, soonest due first: what the front page lists. */
export async function myOpenActions(ctx: AppContext, grant: Grant<'meetings', 'read'>): Promise<MeetingAction[]> {
  return (await repo.openActionsOf(ctx.db, grant.planId!, grant.actor.id)).map(actionDto)
}

export async function markActionDone(ctx: AppContext, grant: Grant<'meetings', 'update'>, actionId: string): Promise<void> {
  const action = await repo.actionOfPlan(ctx.db, grant.planId!, actionId)
  if (!action) throw new AppError('not_found', 'Opfølgningspunktet findes ikke.')
  if (action.owner_id !== grant.actor.id) throw new AppError('forbidden', 'Kun den ansvarlige kan markere opfølgningspunktet som gjort.')
  if (action.done_at) return
  await ctx.db.transaction().execute(async (trx) => {
    await repo.markDone(trx, actionId, grant.actor.id)
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'meeting-action', entityId: actionId, planId: grant.planId!, details: { done: true } })
  })
}

/**
 * Deletes an action added by mistake: its owner or whoever recorded the meeting may, with a reason.
 * The audit row keeps what was deleted (text, owner, due date), since the action itself is gone.
 */
export async function deleteAction(ctx: AppContext, grant: Grant<'meetings', 'update'>, actionId: string, input: ActionDeletion): Promise<void> {
  const { reason } = ActionDeletion.parse(input)
  const action = await repo.actionOfPlan(ctx.db, grant.planId!, actionId)
  if (!action) throw new AppError('not_found', 'Opfølgningspunktet findes ikke.')
  if (action.owner_id !== grant.actor.id && action.meeting_author !== grant.actor.id) throw new AppError('forbidden', 'Kun den ansvarlige og den, der registrerede mødet, kan slette opfølgningspunktet.')
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteAction(trx, actionId)
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'delete',
      entity: 'meeting-action',
      entityId: actionId,
      planId: grant.planId!,
      details: { meetingId: action.meeting_id, reason, text: action.text, ownerId: action.owner_id, dueOn: action.due_on, done: action.done_at !== null },
    })
  })
}
