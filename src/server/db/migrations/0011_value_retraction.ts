import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// A value can be retracted: a correction to "no value", with its reason, for a figure that should
// never have been recorded (the wrong period, the wrong indicator). Values are still never changed
// or deleted; a retraction is one more row in the series' history, with neither share nor count,
// and the series' current value is then none.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table indicator_value add column retracted boolean not null default false`.execute(db)
  // The rule "a share or a count" now holds for every row but a retraction, which has neither and
  // must say why.
  await sql`
    do $$
    declare c text;
    begin
      select conname into c from pg_constraint
      where conrelid = 'indicator_value'::regclass and contype = 'c'
        and pg_get_constraintdef(oid) like '%share IS NOT NULL) OR (count IS NOT NULL)%';
      execute format('alter table indicator_value drop constraint %I', c);
    end $$`.execute(db)
  await sql`alter table indicator_value add constraint indicator_value_measure_or_retraction check (
    case when retracted then share is null and count is null and note is not null and source = 'typed'
         else share is not null or count is not null end)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
