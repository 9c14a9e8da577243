import type { Transaction } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

type Db = Database | Transaction<DB>

export type CredentialSource = 'jobindsats'

export async function organisationByName(db: Db, name: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('organisation').select(['id', 'name']).where('name', '=', name).executeTakeFirst()
}

export async function organisationNames(db: Db): Promise<string[]> {
  return (await db.selectFrom('organisation').select('name').orderBy('name').execute()).map((o) => o.name)
}

/** The key itself: only for calling the source, never for showing. */
export async function apiKey(db: Db, organisationId: string, source: CredentialSource): Promise<string | null> {
  const row = await db.selectFrom('source_credential').select('api_key').where('organisation_id', '=', organisationId).where('source', '=', source).executeTakeFirst()
  return row?.api_key ?? null
}

/** Inserts or replaces the organisation's key; says whether there was one. */
export async function upsertKey(
  db: Db,
  input: { organisationId: string; source: CredentialSource; apiKey: string; setBy: string | null; setByLabel: string },
): Promise<{ setAt: Date; replaced: boolean }> {
  const existed = await db
    .selectFrom('source_credential')
    .select('organisation_id')
    .where('organisation_id', '=', input.organisationId)
    .where('source', '=', input.source)
    .forUpdate()
    .executeTakeFirst()
  const row = await db
    .insertInto('source_credential')
    .values({ organisation_id: input.organisationId, source: input.source, api_key: input.apiKey, set_by: input.setBy, set_by_label: input.setByLabel })
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'source']).doUpdateSet((eb) => ({
        api_key: eb.ref('excluded.api_key'),
        set_by: eb.ref('excluded.set_by'),
        set_by_label: eb.ref('excluded.set_by_label'),
        set_at: eb.fn('now'),
      })),
    )
    .returning('set_at')
    .executeTakeFirstOrThrow()
  return { setAt: row.set_at, replaced: existed !== undefined }
}

/** Which organisations have a key and since when; deliberately without the key. */
export async function listKeys(db: Db): Promise<{ organisation_name: string; source: string; set_at: Date; set_by_name: string | null; set_by_label: string }[]> {
  return db
    .selectFrom('source_credential as c')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .leftJoin('app_user as u', 'u.id', 'c.set_by')
    .select(['o.name as organisation_name', 'c.source', 'c.set_at', 'u.name as set_by_name', 'c.set_by_label'])
    .orderBy('o.name')
    .orderBy('c.source')
    .execute()
}
