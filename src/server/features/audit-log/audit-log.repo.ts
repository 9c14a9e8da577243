import { type Expression, type Kysely, type RawBuilder, sql, type SqlBool } from 'kysely'
import { type AuditEntity, type AuditLogFilter, auditEntities, storedNamesOf } from '../../../shared/audit-log.ts'
import type { DB } from '../../db/types.ts'

// The audit log read as answers: rows filtered by the questions people ask, each with the names of
// what it is about resolved here, in SQL, so every reader (page, CSV, CLI) shows the same words.

type Db = Kysely<DB>

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

/** A text holding a uuid as uuid, else null: entity ids are text, and some are composite keys. */
function uuidOf(text: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`(case when ${text} ~* ${UUID} then (${text})::uuid end)`
}

const entityId = uuidOf(sql`a.entity_id`)
const pseudonymOf = (id: RawBuilder<unknown>) => sql<string>`(select x.pseudonym from participant x where x.id = ${id})`
const agreementNameOf = (id: RawBuilder<unknown>) =>
  sql<string>`(select e.name from agreement g join effort_area e on e.funding_period = g.funding_period and e.code = g.effort_area where g.id = ${id})`
const companyNameOf = (id: RawBuilder<unknown>) => sql<string>`(select co.name from company co where co.id = ${id})`
const activityNameOf = (id: RawBuilder<unknown>) => sql<string>`(select ac.name from activity ac where ac.id = ${id})`

/**
 * How each entity's readable name is found (null: an entry of that kind is about nothing with a name).
 * A Record over the vocabulary, so a new entity must say how it is named before it compiles.
 */
const entityNames: Record<AuditEntity, RawBuilder<string> | null> = {
  'login-session': null,
  // The user whose second factor it is.
  'second-factor': sql`(select u2.name from app_user u2 where u2.id = ${entityId})`,
  'audit-log': null,
  'reference-data': sql`coalesce('Målgruppe ' || (a.details -> 'targetGroupCode' ->> 'code'), 'Prioriteringsperiode ' || (a.details -> 'fundingPeriod' ->> 'code'))`,
  database: null,
  user: sql`(select u2.name from app_user u2 where u2.id = ${entityId})`,
  plan: sql`(select p2.name from plan p2 where p2.id = ${entityId})`,
  'plan-members': sql`(select p2.name from plan p2 where p2.id = ${entityId})`,
  'plan-privacy': sql`(select p2.name from plan p2 where p2.id = ${entityId})`,
  'plan-party': sql`(select pp.name || coalesce(', ' || pp.unit, '') from plan_party pp where pp.id = ${entityId})`,
  agreement: agreementNameOf(entityId),
  'status-report': agreementNameOf(entityId),
  'indicator-value': sql`(select ${agreementNameOf(sql`v.agreement_id`)} || ' · ' || v.indicator_key || ' · ' || v.period from indicator_value v where v.id = ${entityId})`,
  // Keyed "<agreement id>:<period>".
  'indicator-period': sql`(${agreementNameOf(uuidOf(sql`split_part(a.entity_id, ':', 1)`))} || ' · ' || split_part(a.entity_id, ':', 2))`,
  'indicator-comment': sql`(${agreementNameOf(uuidOf(sql`a.details ->> 'agreementId'`))} || ' · ' || (a.details ->> 'period'))`,
  'value-import': sql`(select i.file_name from value_import i where i.id = ${entityId})`,
  'target-group-import': sql`(select i.file_name from value_import i where i.id = ${entityId})`,
  'value-mapping': sql`(select m.name from value_mapping m where m.id = ${entityId})`,
  // Keyed "<organisation id>:<source>".
  'source-credential': sql`((select o.name from organisation o where o.id = ${uuidOf(sql`split_part(a.entity_id, ':', 1)`)}) || ' · ' || split_part(a.entity_id, ':', 2))`,
  participants: pseudonymOf(entityId),
  'participant-cpr': pseudonymOf(entityId),
  'participant-rights': pseudonymOf(entityId),
  'erasure-request': pseudonymOf(entityId),
  // Keyed by the resident kept; the duplicate's row is gone, its pseudonym is in the details.
  'participant-merge': sql`(coalesce(a.details ->> 'mergedPseudonym', '?') || ' → ' || coalesce(${pseudonymOf(entityId)}, '?'))`,
  'participant-notes': pseudonymOf(uuidOf(sql`a.details ->> 'participantId'`)),
  consents: sql`(select x.pseudonym from consent c join participant x on x.id = c.participant_id where c.id = ${entityId})`,
  'consent-documents': sql`(select x.pseudonym from consent c join participant x on x.id = c.participant_id where c.id = ${entityId})`,
  // One enrolment is read by its id; an activity's roster by the activity's id.
  enrolments: sql`coalesce((select x.pseudonym || ' · ' || ac.name from enrolment e join participant x on x.id = e.participant_id join activity ac on ac.id = e.activity_id where e.id = ${entityId}), ${activityNameOf(entityId)})`,
  'enrolment-followups': sql`(select x.pseudonym || ' · ' || ac.name from enrolment_followup f join enrolment e on e.id = f.enrolment_id join participant x on x.id = e.participant_id join activity ac on ac.id = e.activity_id where f.id = ${entityId})`,
  activities: activityNameOf(entityId),
  company: companyNameOf(entityId),
  'company-network': companyNameOf(entityId),
  // The contact people are read by their company's id, and written by their own; a removed one is
  // gone with its name (decision 031), so its rows name the company from the details.
  'company-contact': sql`coalesce(${companyNameOf(entityId)}, (select co.name || ' · ' || cc.name from company_contact cc join company co on co.id = cc.company_id where cc.id = ${entityId}), ${companyNameOf(uuidOf(sql`a.details ->> 'companyId'`))})`,
  'company-contact-event': sql`(select co.name from company_contact_event ev join company co on co.id = ev.company_id where ev.id = ${entityId})`,
  opening: sql`(select co.name || ' · ' || o.title from opening o join company co on co.id = o.company_id where o.id = ${entityId})`,
  'csr-nomination': sql`(select co.name || ' · ' || n.year from csr_nomination n join company co on co.id = n.company_id where n.id = ${entityId})`,
  'company-import': sql`(select i.file_name from value_import i where i.id = ${entityId})`,
  // One placement is read and written by its id; the list of placements by the plan's id.
  placement: sql`coalesce((select x.pseudonym || ' · ' || co.name from placement pl join participant x on x.id = pl.participant_id join opening o on o.id = pl.opening_id join company co on co.id = o.company_id where pl.id = ${entityId}), (select p2.name from plan p2 where p2.id = ${entityId}))`,
  'placement-followup': sql`(select x.pseudonym || ' · ' || co.name from placement_followup f join placement pl on pl.id = f.placement_id join participant x on x.id = pl.participant_id join opening o on o.id = pl.opening_id join company co on co.id = o.company_id where f.id = ${entityId})`,
  // A session is written by its id; an activity's attendance list is read by the activity's id.
  'attendance-session': sql`coalesce((select ac.name || ' · ' || s.title from activity_session s join activity ac on ac.id = s.activity_id where s.id = ${entityId}), ${activityNameOf(entityId)})`,
  // An occurrence is named by its site and day; a week's list is read by the plan's id.
  'counselling-occurrence': sql`coalesce((select o.site || ' · ' || to_char(o.held_on, 'DD.MM.YYYY') from counselling_occurrence o where o.id = ${entityId}), (select p2.name from plan p2 where p2.id = ${entityId}))`,
  'counselling-checkin': sql`(select o.site || ' · ' || to_char(o.held_on, 'DD.MM.YYYY') from counselling_occurrence o where o.id = ${entityId})`,
  inquiry: sql`(select o.site || ' · ' || to_char(o.held_on, 'DD.MM.YYYY') || ' · ' || t.label from counselling_inquiry i join counselling_occurrence o on o.id = i.occurrence_id join inquiry_topic t on t.id = i.topic_id where i.id = ${entityId})`,
  'inquiry-topic': sql`(select t.label from inquiry_topic t where t.id = ${entityId})`,
  appointment: sql`coalesce((select coalesce(x.pseudonym, 'Tid') || ' · ' || to_char(ap.on_day, 'DD.MM.YYYY') from counselling_appointment ap left join participant x on x.id = ap.participant_id where ap.id = ${entityId}), (select p2.name from plan p2 where p2.id = ${entityId}))`,
  // A conversation is written by its id; the plan's calendar is read by the plan's id.
  'staff-conversation': sql`coalesce((select ac.name || ' · ' || to_char(c.held_on, 'DD.MM.YYYY') from staff_conversation c join activity ac on ac.id = c.activity_id where c.id = ${entityId}), (select p2.name from plan p2 where p2.id = ${entityId}))`,
  'time-entry': sql`(select u2.name || ' · uge ' || to_char(t.week_start, 'IYYY-"W"IW') from time_entry t join app_user u2 on u2.id = t.staff_id where t.id = ${entityId})`,
  'time-quarter-close': sql`(select q.resource_key || ' · ' || q.quarter from time_quarter_close q where q.id = ${entityId})`,
  'staff-time-settings': sql`(select p2.name from plan p2 where p2.id = ${entityId})`,
  meeting: sql`(select m.title from meeting m where m.id = ${entityId})`,
  // An activity's steps are written by the activity's id.
  pathway: activityNameOf(entityId),
  // A step reached is written by its own id; a resident's pathways are read by the resident's id, and a due list by the activity's.
  'pathway-progress': sql`coalesce((select x.pseudonym || ' · ' || st.name from pathway_progress pp join participant x on x.id = pp.participant_id join pathway_step st on st.id = pp.step_id where pp.id = ${entityId}), ${pseudonymOf(entityId)}, ${activityNameOf(entityId)})`,
  'activity-group': sql`(select ac.name || ' · ' || g.name from activity_group g join activity ac on ac.id = g.activity_id where g.id = ${entityId})`,
  // The front page's list of checks due is read per plan.
  'due-check': sql`(select p2.name from plan p2 where p2.id = ${entityId})`,
  'meeting-action': sql`(select x.text from meeting_action x where x.id = ${entityId})`,
}

const entityNameCase = sql<string | null>`(case ${sql.join(
  auditEntities.flatMap((entity) => {
    const name = entityNames[entity]
    return name ? [sql`when a.entity in (${sql.join(storedNamesOf(entity))}) then ${name}`] : []
  }),
  sql` `,
)} end)`

export interface AuditRow {
  id: number
  at: Date
  actor_id: string | null
  actor_label: string
  actor_name: string | null
  action: string
  entity: string
  entity_id: string | null
  plan_id: string | null
  plan_name: string | null
  party_name: string | null
  entity_name: string | null
  listed: number | null
  refused: boolean
}

/** The ids of the residents a filter's pseudonym or id names (a pseudonym recurs across plans). */
export async function residentIds(db: Db, wanted: string, planId: string | undefined): Promise<string[]> {
  let q = db
    .selectFrom('participant')
    .select('id')
    .where((eb) => eb.or([eb('pseudonym', '=', wanted.toUpperCase()), eb(sql<string>`id::text`, '=', wanted.toLowerCase())]))
  if (planId) q = q.where('plan_id', '=', planId)
  return (await q.execute()).map((r) => r.id)
}

/** Records that belong to these residents and are logged under their own id: consents, enrolments, placements, follow-ups. */
async function recordIdsOf(db: Db, participantIds: string[]): Promise<string[]> {
  const [consents, enrolments, followups, placements] = await Promise.all([
    db.selectFrom('consent').select('id').where('participant_id', 'in', participantIds).execute(),
    db.selectFrom('enrolment').select('id').where('participant_id', 'in', participantIds).execute(),
    db.selectFrom('enrolment_followup as f').innerJoin('enrolment as e', 'e.id', 'f.enrolment_id').select('f.id').where('e.participant_id', 'in', participantIds).execute(),
    db.selectFrom('placement').select('id').where('participant_id', 'in', participantIds).execute(),
  ])
  return [...participantIds, ...consents.map((r) => r.id), ...enrolments.map((r) => r.id), ...followups.map((r) => r.id), ...placements.map((r) => r.id)]
}

/** The filter as one SQL condition on `audit_log as a`; null when it can match nothing. */
export async function whereFilter(db: Db, filter: AuditLogFilter): Promise<Expression<SqlBool> | null> {
  const conditions: RawBuilder<SqlBool>[] = []
  if (filter.participant) {
    const ids = await residentIds(db, filter.participant, filter.planId)
    if (ids.length === 0) return null
    const recordIds = await recordIdsOf(db, ids)
    // By its record's id, by a list read that returned the resident, or by a write naming them.
    conditions.push(sql<SqlBool>`(a.entity_id = any(${recordIds}::text[])
      or ${sql.join(ids.map((id) => sql`a.details @> ${JSON.stringify({ ids: [id] })}::jsonb`), sql` or `)}
      or (a.details ->> 'participantId') = any(${ids}::text[]))`)
  }
  if (filter.userId) conditions.push(sql<SqlBool>`a.actor_id = ${filter.userId}`)
  if (filter.planId) conditions.push(sql<SqlBool>`a.plan_id = ${filter.planId}`)
  if (filter.entity) conditions.push(sql<SqlBool>`a.entity in (${sql.join(storedNamesOf(filter.entity))})`)
  if (filter.action) conditions.push(sql<SqlBool>`a.action = ${filter.action}`)
  // Days are Danish days.
  if (filter.from) conditions.push(sql<SqlBool>`a.at >= (${filter.from}::date::timestamp at time zone 'Europe/Copenhagen')`)
  if (filter.to) conditions.push(sql<SqlBool>`a.at < ((${filter.to}::date + 1)::timestamp at time zone 'Europe/Copenhagen')`)
  return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` and `)})` : sql<SqlBool>`true`
}

/** Up to `limit` rows matching `where`, newest first, below id `before`. */
export async function findEntries(db: Db, where: Expression<SqlBool>, page: { before?: number; limit: number }): Promise<AuditRow[]> {
  const result = await sql<AuditRow>`
    select a.id, a.at, a.actor_id, a.actor_label, u.name as actor_name, a.action, a.entity, a.entity_id, a.plan_id,
      p.name as plan_name,
      -- The party the actor acted for, as the resident would recognise it: the one a disclosure
      -- recorded, else the party the user belongs to in the entry's plan.
      coalesce(a.details -> 'disclosure' ->> 'partyName',
        (select pp.name || coalesce(', ' || pp.unit, '') from user_plan up join plan_party pp on pp.id = up.party_id where up.user_id = a.actor_id and up.plan_id = a.plan_id)) as party_name,
      ${entityNameCase} as entity_name,
      case when jsonb_typeof(a.details -> 'ids') = 'array' then jsonb_array_length(a.details -> 'ids') end as listed,
      coalesce((a.details ->> 'refused')::boolean, false) as refused
    from audit_log a
    left join app_user u on u.id = a.actor_id
    left join plan p on p.id = a.plan_id
    where ${where} ${page.before ? sql`and a.id < ${page.before}` : sql``}
    order by a.id desc
    limit ${page.limit}`.execute(db)
  return result.rows
}

export async function countEntries(db: Db, where: Expression<SqlBool>): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from audit_log a where ${where}`.execute(db)
  return Number(result.rows[0]!.n)
}
