import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { forgetSessions, SessionCache, sessionGeneration, sessionTableWrites } from './session-cache.ts'

// A Kysely that compiles but never runs: enough to see which statements the plugin reacts to.
const db = new Kysely<{ session: { id: string; last_seen_at: Date; second_factor_at: Date | null }; app_user: { id: string; name: string }; note: { id: string } }>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => ({
      init: async () => {},
      acquireConnection: async () => ({ executeQuery: async () => ({ rows: [] }), streamQuery: async function* () {} }),
      beginTransaction: async () => {},
      commitTransaction: async () => {},
      rollbackTransaction: async () => {},
      releaseConnection: async () => {},
      destroy: async () => {},
    }),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
  plugins: [sessionTableWrites],
})

async function forgets(run: () => Promise<unknown>): Promise<boolean> {
  const before = sessionGeneration()
  await run()
  return sessionGeneration() !== before
}

describe('remembered sessions', () => {
  it('gives back a row until its time is up', () => {
    const cache = new SessionCache<string>(5000)
    cache.set('a', 'row', cache.generation(), 1000)
    expect(cache.get('a', 5999)).toBe('row')
    expect(cache.get('a', 6000)).toBeUndefined()
  })

  it('remembers nothing when switched off', () => {
    const cache = new SessionCache<string>(0)
    cache.set('a', 'row', cache.generation(), 0)
    expect(cache.get('a', 0)).toBeUndefined()
  })

  it('forgets every row when anything forgets sessions', () => {
    const cache = new SessionCache<string>(5000)
    cache.set('a', 'row', cache.generation(), 0)
    forgetSessions()
    expect(cache.get('a', 1)).toBeUndefined()
  })

  it('does not keep a row read before a change, even if it arrives after it', () => {
    const cache = new SessionCache<string>(5000)
    const readAt = cache.generation()
    forgetSessions() // a user was disabled while the row was on its way
    cache.set('a', 'old row', readAt, 0)
    expect(cache.get('a', 1)).toBeUndefined()
  })

  it('forgets on writes to what authentication reads, not on the renewal of a last-seen time or a new session', async () => {
    expect(await forgets(() => db.updateTable('app_user').set({ name: 'x' }).where('id', '=', '1').execute())).toBe(true)
    expect(await forgets(() => db.updateTable('session').set({ second_factor_at: new Date() }).where('id', '=', '1').execute())).toBe(true)
    expect(await forgets(() => db.deleteFrom('session').where('id', '=', '1').execute())).toBe(true)
    expect(await forgets(() => db.updateTable('session as s').set({ second_factor_at: null }).execute())).toBe(true)
    expect(await forgets(() => db.updateTable('session').set({ last_seen_at: new Date() }).where('id', '=', '1').execute())).toBe(false)
    expect(await forgets(() => db.insertInto('session').values({ id: '1', last_seen_at: new Date(), second_factor_at: null }).execute())).toBe(false)
    expect(await forgets(() => db.insertInto('note').values({ id: '1' }).execute())).toBe(false)
    expect(await forgets(() => db.selectFrom('app_user').selectAll().execute())).toBe(false)
    expect(await forgets(() => sql`select 1`.execute(db))).toBe(false)
  })
})
