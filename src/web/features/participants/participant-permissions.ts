import type { Role } from '../../../shared/users.ts'

// Who may work with residents. The server decides (src/server/lib/permissions.ts), and per resident
// the consents decide how much each reader sees (Participant.access); the web only hides what would
// be refused. Administrators run the system and board members decide on the plan: neither reads a
// resident's record.

/** Register, read and follow residents, their consents and enrolments. */
export const RESIDENT_STAFF: readonly Role[] = ['projektleder', 'boligsocial', 'jobcenter']

/** A resident's rights (their own copy of their data, erasure) are exercised through the project leader. */
export const RESIDENT_RIGHTS: readonly Role[] = ['projektleder']

export const canWorkWithResidents = (role: Role) => RESIDENT_STAFF.includes(role)
export const canExerciseResidentRights = (role: Role) => RESIDENT_RIGHTS.includes(role)
