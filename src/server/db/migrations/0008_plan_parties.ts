import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Parties of a plan (decision 012): the organisations, and where it matters their units, that the
// agreements name and that handle residents' information: the housing-social team, each job-centre
// unit, external partners (an erhvervsguide, UU, SSP) and companies taking a resident in a placement.
// Until now there were two fixed parties, 'boligsocial' and 'jobcenter', named by text in
// participant.owner_party and consent.parties, and a user's party followed from the role.
//
// What this migration does with existing data:
// - every plan gets two parties: "Den boligsociale helhedsplan" (kind boligsocial) and "Jobcentret"
//   (kind jobcenter), the names the consent text has read to residents so far, so an existing
//   consent still reads the same; the project leader can rename them and add units and partners;
// - every plan membership gets the party its role acted for: project leaders and housing-social
//   staff the housing-social party, job-centre staff the job-centre party, everyone else none;
// - every resident is owned by the plan's party of the kind owner_party named;
// - every consent names, in consent_party, the plan's parties of the kinds it named.
// The old text columns stay until no code reads them; a later migration drops them.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table plan_party (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      name text not null check (btrim(name) <> ''),
      unit text check (unit is null or btrim(unit) <> ''),
      kind text not null check (kind in ('boligsocial', 'jobcenter', 'partner', 'company')),
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      archived_at timestamptz,
      -- The plan's data controller for every resident, whoever registers them (a plan where the
      -- housing-social staff are employed by the job centre). None: the registering party owns the
      -- record. A flag here rather than a column on plan, so the tables keep one direction of keys.
      data_controller boolean not null default false,
      -- The order the parties were added in: lists show them so, and where a record names only a
      -- kind ('jobcenter'), the first party of that kind stands for it.
      position bigint generated always as identity,
      unique nulls not distinct (plan_id, name, unit),
      -- So memberships and residents can require a party of their own plan (composite keys below).
      unique (id, plan_id)
    )`.execute(db)
  await sql`create index plan_party_plan_idx on plan_party (plan_id)`.execute(db)
  await sql`create unique index plan_party_data_controller_idx on plan_party (plan_id) where data_controller`.execute(db)

  await sql`insert into plan_party (plan_id, name, kind) select id, 'Den boligsociale helhedsplan', 'boligsocial' from plan`.execute(db)
  await sql`insert into plan_party (plan_id, name, kind) select id, 'Jobcentret', 'jobcenter' from plan`.execute(db)

  await sql`alter table user_plan add column party_id uuid`.execute(db)
  await sql`alter table user_plan add foreign key (party_id, plan_id) references plan_party (id, plan_id)`.execute(db)
  await sql`
    update user_plan up set party_id = pp.id
    from app_user u, plan_party pp
    where u.id = up.user_id and pp.plan_id = up.plan_id
      and pp.kind = case u.role when 'projektleder' then 'boligsocial' when 'boligsocial' then 'boligsocial' when 'jobcenter' then 'jobcenter' end`.execute(db)

  await sql`alter table participant add column owner_party_id uuid`.execute(db)
  await sql`
    update participant p set owner_party_id = pp.id
    from plan_party pp
    where pp.plan_id = p.plan_id and pp.kind = p.owner_party`.execute(db)
  await sql`alter table participant alter column owner_party_id set not null`.execute(db)
  await sql`alter table participant add foreign key (owner_party_id, plan_id) references plan_party (id, plan_id)`.execute(db)

  await sql`
    create table consent_party (
      consent_id uuid not null references consent (id),
      party_id uuid not null references plan_party (id),
      primary key (consent_id, party_id)
    )`.execute(db)
  await sql`create index consent_party_party_idx on consent_party (party_id)`.execute(db)
  await sql`
    insert into consent_party (consent_id, party_id)
    select c.id, pp.id
    from consent c
    join participant p on p.id = c.participant_id
    join plan_party pp on pp.plan_id = p.plan_id and pp.kind = any (c.parties)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
