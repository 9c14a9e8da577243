import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

// SQL for meetings, their participants, decisions and actions. Only the meetings service calls it.

type Db = Database | Transaction<DB>

export async function membersOf(db: Db, planId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set()
  const rows = await db.selectFrom('user_plan').select('user_id').where('plan_id', '=', planId).where('user_id', 'in', [...userIds]).execute()
  return new Set(rows.map((r) => r.user_id))
}

export async function revisionOf(db: Db, planId: string, agreementId: string, number: number) {
  return db
    .selectFrom('agreement_revision as r')
    .innerJoin('agreement as a', 'a.id', 'r.agreement_id')
    .select(['r.number', 'r.effective_from', 'r.content'])
    .where('a.plan_id', '=', planId)
    .where('a.id', '=', agreementId)
    .where('r.number', '=', number)
    .executeTakeFirst()
}

export async function agreementOfPlan(db: Db, planId: string, agreementId: string) {
  return db.selectFrom('agreement').select('id').where('plan_id', '=', planId).where('id', '=', agreementId).executeTakeFirst()
}

export async function insertMeeting(
  trx: Transaction<DB>,
  meeting: { plan_id: string; kind: string; held_on: string; title: string; agenda: string; minutes: string; created_by: string },
  participants: Participants,
  decisions: Decisions,
  actions: Actions,
  companies: Companies,
): Promise<string> {
  const { id } = await trx.insertInto('meeting').values(meeting).returning('id').executeTakeFirstOrThrow()
  await insertParticipants(trx, id, participants)
  await insertDecisions(trx, id, decisions)
  await insertActions(trx, id, actions)
  await insertCompanies(trx, id, companies)
  return id
}

type Participants = readonly { userId: string | null; name: string | null }[]
type Decisions = readonly { text: string; agreementId: string | null; revisionNumber: number | null; closesPeriod: string | null }[]
type Actions = readonly { text: string; ownerId: string; dueOn: string }[]
type Companies = readonly { companyId: string; attended: boolean }[]

async function insertParticipants(trx: Transaction<DB>, id: string, participants: Participants) {
  if (participants.length) await trx.insertInto('meeting_participant').values(participants.map((p) => ({ meeting_id: id, user_id: p.userId, name: p.name }))).execute()
}

async function insertDecisions(trx: Transaction<DB>, id: string, decisions: Decisions) {
  if (decisions.length) {
    await trx
      .insertInto('meeting_decision')
      .values(decisions.map((d) => ({ meeting_id: id, text: d.text, agreement_id: d.agreementId, revision_number: d.revisionNumber, closes_period: d.closesPeriod })))
      .execute()
  }
}

async function insertActions(trx: Transaction<DB>, id: string, actions: Actions) {
  if (actions.length) await trx.insertInto('meeting_action').values(actions.map((a) => ({ meeting_id: id, text: a.text, owner_id: a.ownerId, due_on: a.dueOn }))).execute()
}

async function insertCompanies(trx: Transaction<DB>, id: string, companies: Companies) {
  if (companies.length) await trx.insertInto('meeting_company').values(companies.map((c) => ({ meeting_id: id, company_id: c.companyId, attended: c.attended }))).execute()
}

/** Replaces what an edit replaces (decision 024) and adds the new actions; existing actions stay. */
export async function updateMeeting(
  trx: Transaction<DB>,
  id: string,
  meeting: { held_on: string; title: string; agenda: string; minutes: string },
  participants: Participants,
  decisions: Decisions,
  actions: Actions,
  companies: Companies,
): Promise<void> {
  await trx.updateTable('meeting').set({ ...meeting, updated_at: new Date() }).where('id', '=', id).execute()
  await trx.deleteFrom('meeting_participant').where('meeting_id', '=', id).execute()
  await trx.deleteFrom('meeting_decision').where('meeting_id', '=', id).execute()
  await trx.deleteFrom('meeting_company').where('meeting_id', '=', id).execute()
  await insertParticipants(trx, id, participants)
  await insertDecisions(trx, id, decisions)
  await insertActions(trx, id, actions)
  await insertCompanies(trx, id, companies)
}

export async function companiesOfPlan(db: Db, planId: string, companyIds: readonly string[]): Promise<Set<string>> {
  if (companyIds.length === 0) return new Set()
  const rows = await db.selectFrom('company').select('id').where('plan_id', '=', planId).where('id', 'in', [...companyIds]).execute()
  return new Set(rows.map((r) => r.id))
}

export async function companiesOf(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_company as mc')
    .innerJoin('company as c', 'c.id', 'mc.company_id')
    .select(['mc.company_id', 'c.name', 'mc.attended'])
    .where('mc.meeting_id', '=', meetingId)
    .orderBy('c.name')
    .execute()
}

export async function meetingsOfCompany(db: Db, planId: string, companyId: string) {
  return db
    .selectFrom('meeting_company as mc')
    .innerJoin('meeting as m', 'm.id', 'mc.meeting_id')
    .select(['m.id', 'm.kind', 'm.held_on', 'm.title', 'mc.attended'])
    .where('m.plan_id', '=', planId)
    .where('mc.company_id', '=', companyId)
    .orderBy('m.held_on', 'desc')
    .execute()
}

export async function meetingsOfPlan(db: Db, planId: string) {
  return db.selectFrom('meeting').select(['id', 'kind', 'held_on', 'title']).where('plan_id', '=', planId).orderBy('held_on', 'desc').limit(200).execute()
}

export async function meeting(db: Db, planId: string, meetingId: string) {
  return db.selectFrom('meeting').selectAll().where('plan_id', '=', planId).where('id', '=', meetingId).executeTakeFirst()
}

export async function participantsOf(db: Db, meetingId: string) {
  return db.selectFrom('meeting_participant as p').leftJoin('app_user as u', 'u.id', 'p.user_id').select(['p.user_id', 'p.name', 'u.name as user_name'])
    .where('p.meeting_id', '=', meetingId)
    // Users of the plan first, then the people typed in, each by name.
    .orderBy(sql`p.user_id is null`)
    .orderBy(sql`coalesce(u.name, p.name)`)
    .execute()
}

export async function decisionsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_decision as d')
    .leftJoin('agreement_revision as r', (j) => j.onRef('r.agreement_id', '=', 'd.agreement_id').onRef('r.number', '=', 'd.revision_number'))
    .select(['d.id', 'd.text', 'd.agreement_id', 'd.revision_number', 'd.closes_period', 'r.effective_from', 'r.content'])
    .where('d.meeting_id', '=', meetingId)
    .execute()
}

const actionColumns = ['x.id', 'x.meeting_id', 'm.title as meeting_title', 'x.text', 'x.owner_id', 'u.name as owner_name', 'x.due_on', 'x.done_at'] as const

export async function actionsOf(db: Db, meetingId: string) {
  return db.selectFrom('meeting_action as x').innerJoin('meeting as m', 'm.id', 'x.meeting_id').innerJoin('app_user as u', 'u.id', 'x.owner_id').select(actionColumns).where('x.meeting_id', '=', meetingId).orderBy('x.due_on').execute()
}

export async function openActionsOf(db: Db, planId: string, ownerId: string) {
  return db
    .selectFrom('meeting_action as x')
    .innerJoin('meeting as m', 'm.id', 'x.meeting_id')
    .innerJoin('app_user as u', 'u.id', 'x.owner_id')
    .select(actionColumns)
    .where('m.plan_id', '=', planId)
    .where('x.owner_id', '=', ownerId)
    .where('x.done_at', 'is', null)
    .orderBy('x.due_on')
    .execute()
}

export async function actionOfPlan(db: Db, planId: string, actionId: string) {
  return db
    .selectFrom('meeting_action as x')
    .innerJoin('meeting as m', 'm.id', 'x.meeting_id')
    .select(['x.id', 'x.meeting_id', 'x.text', 'x.owner_id', 'x.due_on', 'x.done_at', 'm.created_by as meeting_author'])
    .where('m.plan_id', '=', planId)
    .where('x.id', '=', actionId)
    .executeTakeFirst()
}

export async function deleteAction(trx: Transaction<DB>, actionId: string): Promise<void> {
  await trx.deleteFrom('meeting_action').where('id', '=', actionId).execute()
}

export async function markDone(trx: Transaction<DB>, actionId: string, by: string): Promise<void> {
  await trx.updateTable('meeting_action').set({ done_at: new Date(), done_by: by }).where('id', '=', actionId).execute()
}
