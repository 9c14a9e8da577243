import type { Role } from '../../../shared/users.ts'

// Who may do what on the activity pages. The server decides (src/server/lib/permissions.ts); the web
// only hides what would be refused. Everyone on the plan reads the activities, their occupancy and
// the figures computed from them, board members included: none of it names anyone. Who may see the
// roster and take attendance is the residents' staff (../participants/participant-permissions.ts).

/** Change an activity's number of places and default length. */
export const ACTIVITY_EDITORS: readonly Role[] = ['admin', 'projektleder']

export const canEditActivities = (role: Role) => ACTIVITY_EDITORS.includes(role)
