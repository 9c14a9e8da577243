import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The application runs as `indsats_app` (SET ROLE on every pooled connection). The role is
  // cluster-wide and may already exist when several Indsats databases share a server.
  await sql`
    do $$ begin
      if not exists (select from pg_roles where rolname = 'indsats_app') then
        create role indsats_app nologin;
      end if;
    end $$`.execute(db)
  await sql`grant indsats_app to current_user`.execute(db)
  await sql`grant usage on schema public to indsats_app`.execute(db)
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to indsats_app`.execute(db)
  await sql`alter default privileges in schema public grant usage, select on sequences to indsats_app`.execute(db)

  await sql`
    create table organisation (
      id uuid primary key default gen_random_uuid(),
      name text not null unique,
      created_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    create table plan (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      municipality text not null,
      created_at timestamptz not null default now(),
      unique (name, municipality)
    )`.execute(db)

  await sql`
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation (id),
      email text not null,
      name text not null,
      role text not null check (role in ('admin', 'projektleder', 'boligsocial', 'jobcenter', 'bestyrelse')),
      password_hash text not null,
      must_change_password boolean not null default true,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create unique index app_user_email_key on app_user (lower(email))`.execute(db)

  await sql`
    create table user_plan (
      user_id uuid not null references app_user (id),
      plan_id uuid not null references plan (id),
      primary key (user_id, plan_id)
    )`.execute(db)

  // The session id stored here is the SHA-256 of the cookie's token, so a leaked table opens nothing.
  await sql`
    create table session (
      id text primary key,
      user_id uuid not null references app_user (id),
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db)
  await sql`create index session_user_idx on session (user_id)`.execute(db)

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_label text not null,
      action text not null,
      entity text not null,
      entity_id text,
      plan_id uuid,
      details jsonb not null default '{}'::jsonb,
      ip text
    )`.execute(db)
  await sql`create index audit_log_entity_idx on audit_log (entity, entity_id)`.execute(db)
  await sql`create index audit_log_actor_idx on audit_log (actor_id, at)`.execute(db)
  // Append-only twice over: the application role has no UPDATE/DELETE/TRUNCATE grant, and a trigger
  // refuses them for every role, the owner included.
  await sql`revoke update, delete, truncate on audit_log from indsats_app`.execute(db)
  await sql`
    create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db)
  await sql`create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_refuse_change()`.execute(db)
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change()`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
