import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Follow-up (decision 006): indicator values over time, each with its provenance; corrections are new
// rows, never updates, so the history of every figure stays; periods the board has approved are
// locked by events (lock/unlock, with reasons); comments per indicator and period; imports keep the
// parsed file until it is committed or discarded.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table value_import (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      agreement_id uuid references agreement (id),
      kind text not null check (kind in ('values', 'target-groups')),
      file_name text not null,
      format text not null,
      sha256 text not null,
      status text not null default 'preview' check (status in ('preview', 'committed', 'discarded')),
      value_count integer not null,
      problems jsonb not null,
      payload jsonb not null,
      created_by uuid references app_user (id),
      created_by_label text not null,
      created_at timestamptz not null default now(),
      committed_at timestamptz
    )`.execute(db)

  // seq orders the rows of one series and period: the highest is the current value.
  await sql`
    create table indicator_value (
      seq bigint generated always as identity primary key,
      id uuid not null unique default gen_random_uuid(),
      agreement_id uuid not null references agreement (id),
      indicator_key text not null,
      row_key text not null,
      population text not null check (population in ('area', 'comparison')),
      period text not null,
      period_end date not null,
      share double precision check (share is null or (share >= 0 and share <= 100)),
      count double precision check (count is null or count >= 0),
      note text,
      definition_version text not null,
      source text not null check (source in ('typed', 'imported', 'computed')),
      import_id uuid references value_import (id),
      import_row integer,
      import_sheet text,
      rule text,
      rule_version text,
      recorded_by uuid references app_user (id),
      recorded_by_label text not null,
      recorded_at timestamptz not null default now(),
      check (share is not null or count is not null),
      check ((source = 'imported') = (import_id is not null)),
      check ((source = 'computed') = (rule is not null))
    )`.execute(db)
  await sql`create index indicator_value_series_idx on indicator_value (agreement_id, indicator_key, row_key, population, period, seq desc)`.execute(db)
  await sql`revoke update, delete, truncate on indicator_value from indsats_app`.execute(db)
  await sql`
    create function indicator_value_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'indicator values are never changed; record a correction' using errcode = 'insufficient_privilege';
    end $$`.execute(db)
  await sql`create trigger indicator_value_immutable before update or delete on indicator_value
    for each row execute function indicator_value_refuse_change()`.execute(db)

  await sql`
    create table indicator_period_event (
      seq bigint generated always as identity primary key,
      agreement_id uuid not null references agreement (id),
      period text not null,
      locked boolean not null,
      reason text,
      by_user uuid references app_user (id),
      by_label text not null,
      at timestamptz not null default now(),
      check (locked or reason is not null)
    )`.execute(db)
  await sql`create index indicator_period_event_idx on indicator_period_event (agreement_id, period, seq desc)`.execute(db)
  await sql`revoke update, delete, truncate on indicator_period_event from indsats_app`.execute(db)

  await sql`
    create table indicator_comment (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references agreement (id),
      indicator_key text not null,
      period text not null,
      text text not null,
      by_user uuid references app_user (id),
      by_label text not null,
      at timestamptz not null default now()
    )`.execute(db)
  await sql`create index indicator_comment_idx on indicator_comment (agreement_id, period)`.execute(db)

  await sql`
    create table target_group_count (
      seq bigint generated always as identity primary key,
      plan_id uuid not null references plan (id),
      counted_on date not null,
      code text not null,
      label text not null,
      department text,
      count double precision not null check (count >= 0),
      import_id uuid references value_import (id),
      import_row integer,
      recorded_by uuid references app_user (id),
      recorded_by_label text not null,
      recorded_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index target_group_count_idx on target_group_count (plan_id, counted_on, code, department, seq desc)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
