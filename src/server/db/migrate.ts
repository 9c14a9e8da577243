import type { Kysely, Migration, MigrationProvider } from 'kysely'
import { Migrator, sql } from 'kysely'
import * as m0001 from './migrations/0001_platform.ts'
import * as m0002 from './migrations/0002_agreements.ts'
import * as m0003 from './migrations/0003_follow_up.ts'
import * as m0004 from './migrations/0004_value_mappings.ts'
import * as m0005 from './migrations/0005_source_credentials.ts'
import * as m0006 from './migrations/0006_participants.ts'
import * as m0007 from './migrations/0007_audit_log_questions.ts'
import * as m0008 from './migrations/0008_plan_parties.ts'
import * as m0009 from './migrations/0009_safe_retention_default.ts'
import * as m0010 from './migrations/0010_target_group_reform.ts'
import * as m0011 from './migrations/0011_value_retraction.ts'
import * as m0012 from './migrations/0012_parties_by_id.ts'
import * as m0013 from './migrations/0013_open_counselling.ts'
import * as m0014 from './migrations/0014_companies.ts'
import * as m0015 from './migrations/0015_staff_time.ts'
import * as m0016 from './migrations/0016_placements.ts'
import * as m0017 from './migrations/0017_young_people.ts'
import * as m0018 from './migrations/0018_meeting_companies.ts'
import * as m0019 from './migrations/0019_participant_merge.ts'
import * as m0020 from './migrations/0020_free_text_categories.ts'
import * as m0021 from './migrations/0021_second_factor.ts'
import * as m0022 from './migrations/0022_group_sessions.ts'
import * as m0023 from './migrations/0023_identity_provider.ts'
import * as m0024 from './migrations/0024_totp_secret_at_rest.ts'
import * as m0025 from './migrations/0025_quarter_reopen.ts'
import * as m0026 from './migrations/0026_erasure_requests.ts'
import * as m0027 from './migrations/0027_residents_list_indexes.ts'
import * as m0028 from './migrations/0028_staged_values.ts'
import * as m0029 from './migrations/0029_sign_out_and_access_notices.ts'

// Every migration, in order. Listed by hand rather than read from the folder so the same code runs
// under tsx, vitest and a bundler alike; a test checks that no file in migrations/ is missing here.
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_agreements': m0002,
  '0003_follow_up': m0003,
  '0004_value_mappings': m0004,
  '0005_source_credentials': m0005,
  '0006_participants': m0006,
  '0007_audit_log_questions': m0007,
  '0008_plan_parties': m0008,
  '0009_safe_retention_default': m0009,
  '0010_target_group_reform': m0010,
  '0011_value_retraction': m0011,
  '0012_parties_by_id': m0012,
  '0013_open_counselling': m0013,
  '0014_companies': m0014,
  '0015_staff_time': m0015,
  '0016_placements': m0016,
  '0017_young_people': m0017,
  '0018_meeting_companies': m0018,
  '0019_participant_merge': m0019,
  '0020_free_text_categories': m0020,
  '0021_second_factor': m0021,
  '0022_group_sessions': m0022,
  '0023_identity_provider': m0023,
  '0024_totp_secret_at_rest': m0024.migration(),
  '0025_quarter_reopen': m0025,
  '0026_erasure_requests': m0026,
  '0027_residents_list_indexes': m0027,
  '0028_staged_values': m0028,
  '0029_sign_out_and_access_notices': m0029,
}

/** What some migrations need from outside the database. */
export interface MigrationInputs {
  /** The key that encrypts second-factor secrets (migration 0024); asked for only when needed. */
  totpKey?: () => Promise<Buffer>
}

export function migrator(db: Kysely<any>, inputs: MigrationInputs = {}): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations, '0024_totp_secret_at_rest': m0024.migration(inputs.totpKey) }) }
  return new Migrator({ db, provider })
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, inputs: MigrationInputs = {}): Promise<string[]> {
  if (await upToDate(db)) return []
  const { error, results } = await migrator(db, inputs).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/**
 * Whether the database has run exactly the migrations this code knows. One query, where the
 * migrator takes a dozen on a new connection (tables, lock row, lock, state) to find nothing to do
 * at every start (decision 046). Anything else (a new database, a pending or an unknown migration)
 * is left to the migrator, which applies or refuses as before.
 */
async function upToDate(db: Kysely<any>): Promise<boolean> {
  let applied: string[]
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
    applied = rows.map((r) => r.name).sort()
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return false // no migration table yet: a new database
    throw error
  }
  const known = knownMigrations()
  return applied.length === known.length && applied.every((name, i) => name === known[i])
}

/** Names of the migrations this code knows, in order. */
export function knownMigrations(): string[] {
  return Object.keys(migrations).sort()
}
