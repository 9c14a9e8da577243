import type { Role } from '../../shared/users.ts'

// The permission table: every resource, every action, which roles. authorize() reads nothing else.
// `scope: 'plan'` means the request names a plan (the :planId parameter) and the actor must be a
// member of it; membership is required of every role, admin included, so plan data is seen only by
// people given access to that plan. `personalData` reads are written to the audit log.

export type Action = 'read' | 'create' | 'update' | 'delete'

interface ResourceRule {
  scope: 'global' | 'plan'
  personalData: boolean
  actions: Partial<Record<Action, readonly Role[]>>
}

const ALL: readonly Role[] = ['admin', 'projektleder', 'boligsocial', 'jobcenter', 'bestyrelse']
const STAFF: readonly Role[] = ['admin', 'projektleder', 'boligsocial', 'jobcenter']
// Who works with residents. Administrators run the system and board members decide on the plan;
// neither has any business reading a vulnerable resident's record, so neither is here. Within these
// roles, what a reader sees of each resident is decided by participant-access.ts (own party, project
// leader, or the other party within the resident's consent).
const RESIDENT_STAFF: readonly Role[] = ['projektleder', 'boligsocial', 'jobcenter']

export const permissions = {
  plans: { scope: 'global', personalData: false, actions: { read: ALL } },
  // Agreements are the plan's public-facing documents: everyone on the plan reads them, and only the
  // project leader (and an administrator on the plan) saves new revisions.
  agreements: { scope: 'plan', personalData: false, actions: { read: ALL, update: ['admin', 'projektleder'] } },
  // Follow-up figures are aggregates: everyone on the plan reads them (board members with small counts
  // hidden); staff who run the work enter and import them; the project leader locks approved periods.
  'indicator-values': { scope: 'plan', personalData: false, actions: { read: ALL, create: STAFF } },
  // The overview across every plan the user is on (each plan's data is still read under that plan).
  'follow-up-overview': { scope: 'global', personalData: false, actions: { read: ALL } },
  'indicator-periods': { scope: 'plan', personalData: false, actions: { update: ['admin', 'projektleder'] } },
  'indicator-comments': { scope: 'plan', personalData: false, actions: { create: STAFF } },
  // Residents (decision 008). Reads are logged with the ids returned and, for the other party, the
  // consents the disclosure rests on.
  participants: { scope: 'plan', personalData: true, actions: { read: RESIDENT_STAFF, create: RESIDENT_STAFF, update: RESIDENT_STAFF } },
  consents: { scope: 'plan', personalData: true, actions: { read: RESIDENT_STAFF, create: RESIDENT_STAFF, update: RESIDENT_STAFF } },
  enrolments: { scope: 'plan', personalData: true, actions: { read: RESIDENT_STAFF, create: RESIDENT_STAFF, update: RESIDENT_STAFF } },
  sessions: { scope: 'plan', personalData: true, actions: { read: RESIDENT_STAFF, create: RESIDENT_STAFF } },
  // Revealing a CPR number is its own action, so every reveal is a logged read of its own.
  'participant-cpr': { scope: 'plan', personalData: true, actions: { read: RESIDENT_STAFF } },
  // A resident's rights (export of their data, erasure) are exercised through the project leader.
  'participant-rights': { scope: 'plan', personalData: true, actions: { read: ['projektleder'], delete: ['projektleder'] } },
  // Activities with capacity and occupancy counts, and the figures computed from enrolments: no
  // names, so everyone on the plan reads them (board members with small numbers hidden).
  activities: { scope: 'plan', personalData: false, actions: { read: ALL, update: ['admin', 'projektleder'] } },
  'participant-figures': { scope: 'plan', personalData: false, actions: { read: ALL } },
  // The plan's privacy settings (CPR on/off, retention periods) and the retention run.
  'plan-privacy': { scope: 'plan', personalData: false, actions: { read: ['admin', 'projektleder'], update: ['projektleder'] } },
  'plan-members': { scope: 'plan', personalData: true, actions: { read: STAFF } },
  users: { scope: 'global', personalData: true, actions: { read: ['admin'], create: ['admin'], update: ['admin'] } },
  'audit-log': { scope: 'global', personalData: true, actions: { read: ['admin'] } },
} as const satisfies Record<string, ResourceRule>

export type Resource = keyof typeof permissions

export function rule(resource: Resource): ResourceRule {
  return permissions[resource]
}

export function roleMay(role: Role, resource: Resource, action: Action): boolean {
  const allowed: readonly Role[] | undefined = (permissions[resource].actions as ResourceRule['actions'])[action]
  return allowed?.includes(role) ?? false
}
