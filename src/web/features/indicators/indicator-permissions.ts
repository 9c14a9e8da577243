import type { Role } from '../../../shared/users.ts'

// Who may do what on the follow-up pages. The server decides (src/server/lib/permissions.ts); the
// web only hides what would be refused. Everyone on the plan reads; the board only reads.

/** Enter values, import files and comment. */
export const VALUE_EDITORS: readonly Role[] = ['admin', 'projektleder', 'boligsocial', 'jobcenter']

/** Approve (lock) periods and open them again. */
export const PERIOD_APPROVERS: readonly Role[] = ['admin', 'projektleder']

export const canEnterValues = (role: Role) => VALUE_EDITORS.includes(role)
export const canLockPeriods = (role: Role) => PERIOD_APPROVERS.includes(role)
