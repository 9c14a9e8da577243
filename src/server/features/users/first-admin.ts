import { systemAuthority } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { countUsers } from './users.repo.ts'
import { createUserWithPassword } from './users.service.ts'

/** On the very first start there is nobody to log in as: create an administrator with a one-time password. */
export async function createFirstAdmin(ctx: AppContext, planIds: string[]): Promise<{ email: string; oneTimePassword: string } | null> {
  if ((await countUsers(ctx.db)) > 0) return null
  const { user, oneTimePassword } = await createUserWithPassword(ctx, systemAuthority('system'), {
    email: ctx.config.ADMIN_EMAIL,
    name: 'Administrator',
    role: 'admin',
    organisation: 'Indsats',
    planIds,
  })
  return { email: user.email, oneTimePassword }
}
