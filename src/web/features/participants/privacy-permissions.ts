import type { Role } from '../../../shared/users.ts'

// Who may see and change a plan's privacy settings. The server decides (src/server/lib/permissions.ts);
// the web only hides what would be refused. The project leader answers for the residents' data; an
// administrator on the plan may read the settings but not change them.

export const PRIVACY_READERS: readonly Role[] = ['projektleder', 'admin']

/** Change the settings and run the retention rule now. */
export const PRIVACY_EDITORS: readonly Role[] = ['projektleder']

export const canReadPrivacy = (role: Role) => PRIVACY_READERS.includes(role)
export const canEditPrivacy = (role: Role) => PRIVACY_EDITORS.includes(role)
