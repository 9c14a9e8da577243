import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { preparedSelect } from '../../src/server/db/prepared-select.ts'
import { listPlans } from '../../src/server/features/plans/plans.repo.ts'
import { testDatabase } from '../support/db.ts'
import { makePlan } from '../support/app.ts'

// A select compiled once (decision 043) gives what the same Kysely query gives, on the pool and
// inside a transaction, and refuses at once an argument that would not be one parameter.

describe('a select compiled once', () => {
  const byMunicipality = preparedSelect((db, municipality: string, names: readonly string[]) =>
    db.selectFrom('plan').select(['id', 'name']).where('municipality', '=', municipality).where('name', '=', sql<string>`any(${names})`).orderBy('name'),
  )

  it('runs with new arguments each time, on the pool and in a transaction, as Kysely would', async () => {
    const t = await testDatabase()
    const aarhus = await makePlan(t.ctx, 'Aarhus')
    const odense = await makePlan(t.ctx, 'Odense')
    const kysely = (municipality: string, names: string[]) =>
      t.db.selectFrom('plan').select(['id', 'name']).where('municipality', '=', municipality).where('name', 'in', names).orderBy('name').execute()
    expect(await byMunicipality(t.db, 'Aarhus', ['Helhedsplan Aarhus'])).toEqual([{ id: aarhus, name: 'Helhedsplan Aarhus' }])
    expect(await byMunicipality(t.db, 'Odense', ['Helhedsplan Odense', 'x'])).toEqual(await kysely('Odense', ['Helhedsplan Odense', 'x']))
    expect(await byMunicipality(t.db, 'Odense', ['Helhedsplan Aarhus'])).toEqual([])
    expect(await t.db.transaction().execute((trx) => byMunicipality(trx, 'Odense', ['Helhedsplan Odense']))).toEqual([{ id: odense, name: 'Helhedsplan Odense' }])
  })

  it('lists every plan, or those among the ids, in the order of municipality and name, as the Kysely query did', async () => {
    const t = await testDatabase()
    const ids = [await makePlan(t.ctx, 'Vejle'), await makePlan(t.ctx, 'Aalborg'), await makePlan(t.ctx, 'Horsens')]
    const kysely = (only: string[] | null) => {
      const query = t.db.selectFrom('plan').select(['id', 'name', 'municipality']).orderBy('municipality').orderBy('name')
      return (only ? query.where('id', 'in', only) : query).execute()
    }
    expect(await listPlans(t.db, null)).toEqual(await kysely(null))
    expect(await listPlans(t.db, [ids[0]!, ids[1]!])).toEqual(await kysely([ids[0]!, ids[1]!]))
    expect(await listPlans(t.db, [ids[0]!, ids[1]!])).toHaveLength(2)
    expect(await listPlans(t.db, [])).toEqual([])
  })

  it('refuses, when it is made, an argument spread into several parameters or left out', () => {
    expect(() => preparedSelect((db, ids: string[]) => db.selectFrom('plan').select('id').where('id', 'in', ids))).toThrow(/one parameter/)
    expect(() => preparedSelect((db, _unused: string) => db.selectFrom('plan').select('id'))).toThrow(/one parameter/)
  })
})
