import { beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../src/server/features/users/users.service.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { makePlan } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Users of an organisation Indsats has not seen before, created at the same moment (two
// administrators, or a script): both are created, in one organisation.

let t: TestDatabase
let plan: string

beforeAll(async () => {
  t = await testDatabase()
  plan = await makePlan(t.ctx, 'Varde')
})

describe('a new organisation', () => {
  it('is made once when several of its users are created at once', async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createUser(t.ctx, systemAuthority('system'), { email: `medarbejder${i}@proVarde.dk`, name: `Medarbejder ${i}`, role: 'boligsocial', organisation: 'Pro Varde', planIds: [plan] }),
      ),
    )
    expect(created).toHaveLength(8)
    const organisations = await t.db.selectFrom('organisation').select('id').where('name', '=', 'Pro Varde').execute()
    expect(organisations).toHaveLength(1)
    expect(new Set(created.map((c) => c.user.organisation.id))).toEqual(new Set([organisations[0]!.id]))
  })
})
