import { type RawBuilder, sql } from 'kysely'

// Running and waiting enrolments of one resident as SQL, for lists that build their rows in one
// statement (the residents list, decision 038): running = started and not ended, waiting =
// neither started nor ended.

/** `{ active, waiting }` of the resident `participant` (a column reference, a constant of the caller). */
export function enrolmentCountsSql(participant: string): RawBuilder<{ active: number; waiting: number }> {
  return sql`(select json_build_object(
      'active', count(*) filter (where e.start_on is not null and e.exit_on is null),
      'waiting', count(*) filter (where e.start_on is null and e.exit_on is null))
    from enrolment e where e.participant_id = ${sql.raw(participant)})`
}
