import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertAppRole, createDb, DatabaseRoleError } from '../../src/server/db/client.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

// The application runs as the restricted role indsats_app, which may not change the audit log. A
// database user that cannot take the role would leave it running as the owner: it must not start.

let t: TestDatabase
const outsider = `indsats_t_outsider_${process.pid}`
let outsiderUrl: string

async function asOwner(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: t.url })
  await client.connect()
  try {
    await client.query(query)
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  t = await testDatabase()
  await asOwner(`drop role if exists ${outsider}`)
  await asOwner(`create role ${outsider} login password 'udenfor'`)
  const url = new URL(t.url)
  url.username = outsider
  url.password = 'udenfor'
  outsiderUrl = url.href
})

afterAll(async () => {
  await asOwner(`drop role if exists ${outsider}`).catch(() => {})
})

describe('the restricted database role', () => {
  it('is what the application\'s connections run as', async () => {
    await expect(assertAppRole(t.url)).resolves.toBeUndefined()
    expect((await sql<{ role: string }>`select current_user as role`.execute(t.db)).rows).toEqual([{ role: 'indsats_app' }])
  })

  it('refuses to start, in Danish, when the database user cannot take the role', async () => {
    const error = await assertAppRole(outsiderUrl).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(DatabaseRoleError)
    expect((error as Error).message).toMatch(new RegExp(`^Databasebrugeren ${outsider} kan ikke skifte til rollen indsats_app`))
    expect((error as Error).message).toContain(`grant indsats_app to ${outsider};`)
  })

  it('is asked on the owner\'s own connection at start, which is left as the owner', async () => {
    const owner = createDb(t.url, { role: 'owner', max: 1 })
    const stranger = createDb(outsiderUrl, { role: 'owner', max: 1 })
    try {
      await expect(assertAppRole(owner)).resolves.toBeUndefined()
      expect((await sql<{ role: string }>`select current_role as role`.execute(owner)).rows[0]!.role).not.toBe('indsats_app')
      const error = await assertAppRole(stranger).then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(DatabaseRoleError)
      expect((error as Error).message).toContain(`grant indsats_app to ${outsider};`)
    } finally {
      await owner.destroy()
      await stranger.destroy()
    }
  })

  it('never lets a connection that could not take the role run a query as someone else', async () => {
    const db = createDb(outsiderUrl, { role: 'app', max: 1 })
    try {
      const ran = await sql<{ role: string }>`select current_user as role`.execute(db).then(
        (r) => r.rows[0]?.role,
        () => 'refused',
      )
      expect(ran).toBe('refused')
    } finally {
      await db.destroy()
    }
  })
})
