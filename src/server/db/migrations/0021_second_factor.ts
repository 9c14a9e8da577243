import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// A second sign-in factor (decision 027): a TOTP secret per user, its own count of wrong codes
// (apart from the password's, which a right password resets), the last time step used (a code
// works once), hashed recovery codes, and on each session when its second factor was given.
// Existing users get no secret: those whose role needs one enrol at their next sign-in. Existing
// sessions get no second factor: their users give (or enrol) one before anything else.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user
      add column totp_secret text,
      add column totp_pending_secret text,
      add column totp_enabled_at timestamptz,
      add column totp_last_step bigint,
      add column totp_failures integer not null default 0,
      add column totp_locked_until timestamptz`.execute(db)

  await sql`
    create table recovery_code (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user (id),
      code_hash text not null,
      created_at timestamptz not null default now(),
      used_at timestamptz
    )`.execute(db)
  await sql`create index recovery_code_user_idx on recovery_code (user_id)`.execute(db)

  await sql`
    alter table session
      add column second_factor_at timestamptz,
      add column second_factor_method text check (second_factor_method in ('totp', 'recovery_code'))`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
