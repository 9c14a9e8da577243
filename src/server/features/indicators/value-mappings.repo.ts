import type { Transaction } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

type Db = Database | Transaction<DB>

const columns = [
  'm.id',
  'm.agreement_id',
  'm.name',
  'm.source',
  'm.definition',
  'm.created_by_label',
  'm.created_at',
  'm.updated_by_label',
  'm.updated_at',
  'cu.name as created_by_name',
  'uu.name as updated_by_name',
] as const

function mappings(db: Db) {
  return db
    .selectFrom('value_mapping as m')
    .leftJoin('app_user as cu', 'cu.id', 'm.created_by')
    .leftJoin('app_user as uu', 'uu.id', 'm.updated_by')
    .select(columns)
}

export type MappingRow = Awaited<ReturnType<typeof mappingById>> & object

export async function listMappings(db: Db, agreementId: string) {
  return mappings(db).where('m.agreement_id', '=', agreementId).orderBy('m.name').execute()
}

export async function mappingById(db: Db, agreementId: string, id: string) {
  return mappings(db).where('m.agreement_id', '=', agreementId).where('m.id', '=', id).executeTakeFirst()
}

export async function mappingByName(db: Db, agreementId: string, name: string) {
  return mappings(db).where('m.agreement_id', '=', agreementId).where((eb) => eb(eb.fn('lower', ['m.name']), '=', name.toLowerCase())).executeTakeFirst()
}

export async function insertMapping(db: Db, row: { agreementId: string; name: string; definition: unknown; by: string | null; byLabel: string }): Promise<string> {
  const inserted = await db
    .insertInto('value_mapping')
    .values({
      agreement_id: row.agreementId,
      name: row.name,
      source: 'beboerdata',
      definition: JSON.stringify(row.definition),
      created_by: row.by,
      created_by_label: row.byLabel,
      updated_by: row.by,
      updated_by_label: row.byLabel,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

export async function replaceMapping(db: Db, id: string, row: { name: string; definition: unknown; by: string | null; byLabel: string }): Promise<void> {
  await db
    .updateTable('value_mapping')
    .set({ name: row.name, definition: JSON.stringify(row.definition), updated_by: row.by, updated_by_label: row.byLabel, updated_at: new Date() })
    .where('id', '=', id)
    .execute()
}
