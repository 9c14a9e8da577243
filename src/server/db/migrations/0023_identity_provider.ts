import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Sign-in through the organisation's identity provider (OpenID Connect, decision 032). A user is
// linked to the provider's account by (issuer, subject), which never changes, unlike an e-mail
// address; the link is made at the first sign-in by verified e-mail. Each session records how it was
// signed in, and a provider that asserts MFA gives the session its second factor (decision 027).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table user_identity (
      issuer text not null,
      subject text not null,
      user_id uuid not null references app_user (id),
      created_at timestamptz not null default now(),
      last_sign_in_at timestamptz not null default now(),
      primary key (issuer, subject)
    )`.execute(db)
  await sql`create index user_identity_user_idx on user_identity (user_id)`.execute(db)

  await sql`alter table session add column sign_in_method text not null default 'password' check (sign_in_method in ('password', 'identity_provider'))`.execute(db)
  await sql`alter table session drop constraint session_second_factor_method_check`.execute(db)
  await sql`
    alter table session add constraint session_second_factor_method_check
      check (second_factor_method in ('totp', 'recovery_code', 'identity_provider'))`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
