import { type CompiledQuery, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type SelectQueryBuilder, type Transaction } from 'kysely'
import { poolOf } from './client.ts'
import type { DB } from './types.ts'

// A select a hot path runs on every request, built and compiled by Kysely once instead of on every
// call (decision 043): the SQL text is fixed, only the parameters change. Only selects: a write
// compiled ahead would not pass the session cache's plugin on each run (lib/session-cache.ts).

/** Kysely as a query builder only: compiles PostgreSQL, never connects. */
const builder = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

/** Stands for the n-th argument while the query is compiled. */
class Slot {
  constructor(readonly index: number) {}
}

/**
 * Compiles `build` once and gives a function that runs it with new arguments. Each argument must
 * reach the SQL as one parameter (`= ${x}`, or an array as `= any(${ids})`; not `in` with a list,
 * which Kysely spreads into as many parameters as the list has items): `build` is called with a
 * stand-in for each, and anything else fails here, when the module loads.
 */
export function preparedSelect<Args extends unknown[], O>(
  build: (db: Kysely<DB>, ...args: Args) => SelectQueryBuilder<any, any, O>,
): (db: Kysely<DB> | Transaction<DB>, ...args: Args) => Promise<O[]> {
  const slots = Array.from({ length: build.length - 1 }, (_, i) => new Slot(i))
  const compiled = build(builder, ...(slots as Args)).compile()
  const sources = compiled.parameters.map((p) => (p instanceof Slot ? p.index : { value: p }))
  const used = new Set(sources.filter((s) => typeof s === 'number'))
  // `in` with a stand-in compiles to `in $1`, which PostgreSQL would refuse at the first run.
  if (used.size !== slots.length || sources.filter((s) => typeof s === 'number').length !== slots.length || /\bin \$\d/i.test(compiled.sql)) {
    throw new Error(`preparedSelect: each argument must be one parameter of the query (${compiled.sql})`)
  }
  return async (db, ...args) => {
    const parameters = sources.map((s) => (typeof s === 'number' ? args[s] : s.value))
    // Straight to the pool when not in a transaction: the text is compiled, and Kysely would only
    // take a connection, run it on it and give it back, in more steps.
    const pool = poolOf(db)
    if (pool) return (await pool.query(compiled.sql, parameters)).rows as O[]
    const run: CompiledQuery<O> = { query: compiled.query, queryId: compiled.queryId, sql: compiled.sql, parameters }
    const { rows } = await db.executeQuery(run)
    return rows
  }
}
