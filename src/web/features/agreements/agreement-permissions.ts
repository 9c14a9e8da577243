import type { Role } from '../../../shared/users.ts'

// Who may save a new revision. The server decides (src/server/lib/permissions.ts); the web only
// hides what would be refused.
export const AGREEMENT_EDITORS: readonly Role[] = ['projektleder', 'admin']

export const canEditAgreements = (role: Role) => AGREEMENT_EDITORS.includes(role)
