import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Parties by id only (decision 012). From here on the code reads who owns a resident from
// participant.owner_party_id and whom a consent names from consent_party; the text columns that
// named a kind ('boligsocial', 'jobcenter') are dropped, and the narrow role for external partners
// (samarbejdspartner) is allowed.
//
// What this migration does with existing data:
// - a consent that names no party in consent_party (none should: 0008 and every later insert wrote
//   both) gets, from its text column, every party of the kinds it named in the resident's plan,
//   archived ones included, so no consent loses a party it was given to; then consent.parties is
//   dropped;
// - participant.owner_party_id is already set for every resident (0008 made it not null), so
//   participant.owner_party is dropped without loss;
// - a membership without a party whose user works with residents (project leader, housing-social
//   staff, job-centre staff) gets the plan's first party of the kind its role acted for, as 0008
//   did, so nobody who could see residents before loses them.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into consent_party (consent_id, party_id)
    select c.id, pp.id
    from consent c
    join participant p on p.id = c.participant_id
    join plan_party pp on pp.plan_id = p.plan_id and pp.kind = any (c.parties)
    where not exists (select from consent_party cp where cp.consent_id = c.id)`.execute(db)
  await sql`alter table consent drop column parties`.execute(db)
  await sql`alter table participant drop column owner_party`.execute(db)

  await sql`
    update user_plan up set party_id = (
      select pp.id from plan_party pp
      where pp.plan_id = up.plan_id and pp.archived_at is null
        and pp.kind = case u.role when 'projektleder' then 'boligsocial' when 'boligsocial' then 'boligsocial' when 'jobcenter' then 'jobcenter' end
      order by pp.position limit 1)
    from app_user u
    where u.id = up.user_id and up.party_id is null and u.role in ('projektleder', 'boligsocial', 'jobcenter')`.execute(db)

  await sql`alter table app_user drop constraint app_user_role_check`.execute(db)
  await sql`alter table app_user add constraint app_user_role_check check (role in ('admin', 'projektleder', 'boligsocial', 'jobcenter', 'samarbejdspartner', 'bestyrelse'))`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
