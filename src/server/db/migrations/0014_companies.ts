import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Companies per plan (decision 016): the local network the job centre's company service builds,
// the people there the staff talk to, the timeline of those contacts, the openings a company
// offers (a placement will point at one), and the yearly CSR award. Company data is shared by the
// plan's staff; only the contact people are personal data (of company staff).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table company (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      cvr text not null check (cvr ~ '^[1-9][0-9]{7}$'),
      name text not null check (btrim(name) <> ''),
      address text,
      postal_code text,
      city text,
      -- DB07 (Danmarks Statistik's branchekode, 6 digits) where known; the words otherwise, or both.
      industry_code text check (industry_code is null or industry_code ~ '^[0-9]{6}$'),
      industry_text text,
      size_band text check (size_band is null or size_band in ('0', '1-9', '10-49', '50-249', '250+')),
      marked_in_momentum boolean not null default false,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (plan_id, cvr),
      unique (id, plan_id)
    )`.execute(db)
  await sql`create index company_plan_name_idx on company (plan_id, lower(name))`.execute(db)

  // Membership of the network as periods, so "in the network on a day" can be answered for any day.
  await sql`
    create table company_network_period (
      id uuid primary key default gen_random_uuid(),
      company_id uuid not null references company (id),
      joined_on date not null,
      left_on date,
      marked_by uuid references app_user (id),
      marked_at timestamptz not null default now(),
      left_marked_by uuid references app_user (id),
      check (left_on is null or left_on >= joined_on)
    )`.execute(db)
  await sql`create unique index company_network_open_idx on company_network_period (company_id) where left_on is null`.execute(db)

  await sql`
    create table company_contact (
      id uuid primary key default gen_random_uuid(),
      company_id uuid not null references company (id),
      name text not null check (btrim(name) <> ''),
      job_title text,
      phone text,
      email text,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      removed_at timestamptz
    )`.execute(db)
  await sql`create index company_contact_company_idx on company_contact (company_id)`.execute(db)

  await sql`
    create table company_contact_event (
      id uuid primary key default gen_random_uuid(),
      company_id uuid not null references company (id),
      kind text not null check (kind in ('visit', 'call', 'meeting', 'email')),
      happened_on date not null,
      recorded_by uuid references app_user (id),
      -- The party the user acted for on the plan when the contact was recorded.
      party_id uuid references plan_party (id),
      note text,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index company_contact_event_company_idx on company_contact_event (company_id, happened_on desc)`.execute(db)

  await sql`
    create table opening (
      id uuid primary key default gen_random_uuid(),
      company_id uuid not null,
      plan_id uuid not null,
      kind text not null check (kind in ('virksomhedspraktik', 'smaajob', 'fritidsjob', 'lommepengejob', 'loentilskud', 'ordinaert-job', 'virksomhedscenter', 'snusepraktik')),
      title text not null check (btrim(title) <> ''),
      hours_per_week numeric(5, 2) check (hours_per_week is null or (hours_per_week > 0 and hours_per_week <= 60)),
      starts_on date,
      ends_on date,
      places integer not null default 1 check (places >= 1),
      requirements text,
      status text not null default 'open' check (status in ('open', 'filled', 'closed')),
      created_on date not null default current_date,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_on is null or starts_on is null or ends_on >= starts_on),
      foreign key (company_id, plan_id) references company (id, plan_id)
    )`.execute(db)
  await sql`create index opening_company_idx on opening (company_id)`.execute(db)
  await sql`create index opening_plan_created_idx on opening (plan_id, created_on)`.execute(db)

  await sql`
    create table csr_nomination (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null,
      company_id uuid not null,
      year integer not null check (year between 2000 and 2100),
      reason text not null check (btrim(reason) <> ''),
      winner boolean not null default false,
      nominated_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      unique (company_id, year),
      foreign key (company_id, plan_id) references company (id, plan_id)
    )`.execute(db)
  await sql`create unique index csr_nomination_winner_idx on csr_nomination (plan_id, year) where winner`.execute(db)

  await sql`alter table value_import drop constraint value_import_kind_check`.execute(db)
  await sql`alter table value_import add constraint value_import_kind_check check (kind in ('values', 'target-groups', 'companies'))`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
