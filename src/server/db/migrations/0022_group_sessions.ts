import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Group sessions (decision 030): a session of an activity may belong to one of the activity's
// groups (hold), so two groups of one year no longer share one list of sessions, and attendance and
// figures per group follow the sessions. The group must be the session's activity's own: the foreign
// key runs over (group, activity), so the database refuses a group of another activity. Existing
// sessions belong to no group, as before.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activity_group add constraint activity_group_id_activity_key unique (id, activity_id)`.execute(db)
  await sql`
    alter table activity_session
      add column group_id uuid,
      add constraint activity_session_group_fkey foreign key (group_id, activity_id) references activity_group (id, activity_id)`.execute(db)
  await sql`create index activity_session_group_idx on activity_session (group_id, held_on) where group_id is not null`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
