import iconv from 'iconv-lite'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { commitImport, commitRead, previewImport, readImport } from '../../src/server/features/indicators/indicators.service.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

// A large value import is staged with COPY and written with one statement in the commit's transaction (decision 039): every row
// arrives, with its file row as provenance, and a row the database refuses halfway leaves nothing. The command line's import,
// read and written in one go without staging (decision 045), writes the same rows, all or none.

const ROWS = 20_000
const cli = systemAuthority('cli')
let t: TestDatabase
let agreementId: string

/** A job-centre extract: every row a different series and day, so none repeats. */
function extract(): Buffer {
  const agreement = readSeedAgreement('soenderborg-beskaeftigelse').file.agreement
  const series = agreement.goals.flatMap((g) => g.indicators.flatMap((i) => i.rows.map((r) => ({ indicator: i.name, row: r.label ?? '' }))))
  const lines = ['indikator;række;gruppe;periode;andel;antal']
  for (let i = 0; i < ROWS; i++) {
    const s = series[i % series.length]!
    const day = new Date(Date.UTC(1990, 0, 1) + Math.floor(i / series.length) * 86_400_000)
    const period = `${String(day.getUTCDate()).padStart(2, '0')}.${String(day.getUTCMonth() + 1).padStart(2, '0')}.${day.getUTCFullYear()}`
    lines.push(`${s.indicator};${s.row};område;${period};${((i % 9000) / 100).toFixed(2).replace('.', ',')};${i % 500}`)
  }
  return iconv.encode(lines.join('\r\n'), 'win1252')
}

async function asOwner(statement: string): Promise<void> {
  const owner = new pg.Client({ connectionString: t.url })
  await owner.connect()
  try {
    await owner.query(statement)
  } finally {
    await owner.end()
  }
}

const valuesOf = async (importId: string) =>
  Number((await t.db.selectFrom('indicator_value').select((eb) => eb.fn.countAll<string>().as('n')).where('import_id', '=', importId).executeTakeFirstOrThrow()).n)

beforeAll(async () => {
  t = await testDatabase()
  agreementId = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).agreementId
})

describe('a 20 000-row value import', () => {
  it('writes nothing when the database refuses a row halfway, and every row once that is mended', async () => {
    const preview = await previewImport(t.ctx, cli, agreementId, { name: 'udtraek.csv', bytes: extract() })
    expect(preview.problems).toEqual([])
    expect(preview.valueCount).toBe(ROWS)

    // The database refuses the file's row 12 001, well inside the one statement that writes the
    // rows, as it would a value that broke a rule only it knows.
    await asOwner(`create function refuse_row() returns trigger language plpgsql as $$
      begin if new.import_row = 12001 then raise exception 'row 12001 refused'; end if; return new; end $$`)
    await asOwner('create trigger refuse_row before insert on indicator_value for each row execute function refuse_row()')
    await expect(commitImport(t.ctx, cli, agreementId, preview.importId)).rejects.toThrow(/12001/)
    expect(await valuesOf(preview.importId)).toBe(0)
    const audit = () => t.db.selectFrom('audit_log').select('id').where('entity', '=', 'value-import').where('entity_id', '=', preview.importId).execute()
    expect(await audit()).toHaveLength(0)
    const staged = await t.db.selectFrom('value_import').select(['status']).where('id', '=', preview.importId).executeTakeFirstOrThrow()
    expect(staged.status).toBe('preview')

    await asOwner('drop trigger refuse_row on indicator_value')
    expect(await commitImport(t.ctx, cli, agreementId, preview.importId)).toEqual({ valueCount: ROWS, unchanged: 0 })
    expect(await valuesOf(preview.importId)).toBe(ROWS)
    expect(await audit()).toHaveLength(1)
    // The preview's rows are not kept once written.
    expect(await t.db.selectFrom('staged_value').select('row').where('import_id', '=', preview.importId).execute()).toEqual([])
    // Each value keeps its file row, share and count as read (decimal comma, Windows-1252 names).
    const last = await t.db
      .selectFrom('indicator_value')
      .select(['import_row', 'share', 'count', 'population', 'source', 'recorded_by_label'])
      .where('import_id', '=', preview.importId)
      .where('import_row', '=', ROWS + 1)
      .executeTakeFirstOrThrow()
    expect(last).toEqual({ import_row: ROWS + 1, share: ((ROWS - 1) % 9000) / 100, count: (ROWS - 1) % 500, population: 'area', source: 'imported', recorded_by_label: 'Kommandolinjen' })

    // The same file again adds nothing: every value equals the current one.
    const again = await previewImport(t.ctx, cli, agreementId, { name: 'udtraek.csv', bytes: extract() })
    expect(await commitImport(t.ctx, cli, agreementId, again.importId)).toEqual({ valueCount: 0, unchanged: ROWS })
  }, 120_000)

  it('writes the same rows when read and committed at once, as the command line does, and nothing when a row is refused', async () => {
    const atOnce = (await importAgreementFile(t.ctx, systemAuthority('system'), { ...readSeedAgreement('soenderborg-beskaeftigelse').file, agreement: { ...readSeedAgreement('soenderborg-beskaeftigelse').file.agreement, key: 'at-once' } }, 'import')).agreementId
    const file = { name: 'udtraek.csv', bytes: extract() }
    const read = await readImport(t.ctx, cli, atOnce, file)
    expect(read.problems).toEqual([])
    expect(read.valueCount).toBe(ROWS)
    expect(read.rows).toHaveLength(ROWS)

    await asOwner(`create or replace function refuse_row() returns trigger language plpgsql as $$
      begin if new.import_row = 12001 then raise exception 'row 12001 refused'; end if; return new; end $$`)
    await asOwner('create trigger refuse_row before insert on indicator_value for each row execute function refuse_row()')
    await expect(commitRead(t.ctx, cli, atOnce, file, read)).rejects.toThrow(/12001/)
    await asOwner('drop trigger refuse_row on indicator_value')
    const imports = () => t.db.selectFrom('value_import').select(['id', 'status', 'value_count']).where('agreement_id', '=', atOnce).execute()
    // Nothing at all: no values, and no record of the import.
    expect(await imports()).toEqual([])

    expect(await commitRead(t.ctx, cli, atOnce, file, read)).toEqual({ valueCount: ROWS, unchanged: 0 })
    const [record] = await imports()
    expect(record).toEqual({ id: expect.any(String), status: 'committed', value_count: ROWS })
    expect(await t.db.selectFrom('audit_log').select('details').where('entity', '=', 'value-import').where('entity_id', '=', record!.id).execute()).toHaveLength(1)

    // The same values, provenance and order as the staged import of the same file wrote.
    const written = (agreementId: string) =>
      t.db
        .selectFrom('indicator_value')
        .select(['indicator_key', 'row_key', 'population', 'period', 'period_end', 'share', 'count', 'definition_version', 'source', 'import_row', 'import_sheet', 'recorded_by_label', 'retracted'])
        .where('agreement_id', '=', agreementId)
        .orderBy('seq')
        .execute()
    const staged = await written(agreementId)
    expect(staged).toHaveLength(ROWS)
    expect(await written(atOnce)).toEqual(staged)

    // Again: every value equals the current one, so nothing is added.
    const again = await readImport(t.ctx, cli, atOnce, file)
    expect([again.unchanged, again.replacing]).toEqual([ROWS, 0])
    expect(await commitRead(t.ctx, cli, atOnce, file, again)).toEqual({ valueCount: 0, unchanged: ROWS })
  }, 120_000)
})
