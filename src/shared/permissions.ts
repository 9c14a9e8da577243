import type { PartyKind } from './parties.ts'
import type { Role } from './users.ts'

// The access policy: who may do what, and how much of it they see. The server's authorize() reads
// nothing else, and the web asks the same table which menu items, pages and buttons to show, so the
// two cannot disagree. No other file compares a role name (a test searches the source for it).
//
// `scope: 'plan'` means the request names a plan (the :planId parameter) and the actor must be a
// member of it; membership is required of every role, admin included, so plan data is seen only by
// people given access to that plan. `personalData` reads are written to the audit log.

export type Action = 'read' | 'create' | 'update' | 'delete'

/**
 * How much of what a role may read it gets: `full`, or `aggregate`, which is the figures with small
 * counts hidden (decision 006, suppression.ts), for readers outside the team that does the work.
 */
export type View = 'full' | 'aggregate'

/** The roles allowed an action, each with its view. A role not named is refused. */
type Permit = Partial<Record<Role, View>>

export interface ResourceRule {
  scope: 'global' | 'plan'
  personalData: boolean
  actions: Partial<Record<Action, Permit>>
}

const ALL: readonly Role[] = ['admin', 'projektleder', 'boligsocial', 'jobcenter', 'samarbejdspartner', 'bestyrelse']
const STAFF: readonly Role[] = ['admin', 'projektleder', 'boligsocial', 'jobcenter']
// Who works with residents. Administrators run the system and board members decide on the plan;
// neither has any business reading a vulnerable resident's record, so neither is here. Within these
// roles, what a reader sees of each resident is decided by participant-access.ts (own party, project
// leader, or the other party within the resident's consent).
const RESIDENT_STAFF: readonly Role[] = ['projektleder', 'boligsocial', 'jobcenter']
// Those who read residents: the staff, and external partners (an erhvervsguide, UU, SSP, a company
// mentor), who read only what a consent in force gives their party (participant-access.ts) and
// register, change and record nothing.
const RESIDENT_READERS: readonly Role[] = [...RESIDENT_STAFF, 'samarbejdspartner']
// Who works with the plan's companies: the project leader, the housing-social staff and the job
// centre (its company consultant is the daily contact). An administrator on the plan may look, not
// record; board members get the company figures only.
const COMPANY_STAFF: readonly Role[] = ['projektleder', 'boligsocial', 'jobcenter']

function full(roles: readonly Role[]): Permit {
  return Object.fromEntries(roles.map((role) => [role, 'full']))
}

// Figures about residents without names: the staff see them as they are; board members follow the
// plan from outside the team, so they get them with small counts hidden; so do external partners,
// who see no more of the plan's figures than the board.
const FIGURES: Permit = { ...full(STAFF), bestyrelse: 'aggregate', samarbejdspartner: 'aggregate' }

export const permissions = {
  plans: { scope: 'global', personalData: false, actions: { read: full(ALL) } },
  // Agreements are the plan's public-facing documents: everyone on the plan reads them, and only the
  // project leader (and an administrator on the plan) saves new revisions.
  agreements: { scope: 'plan', personalData: false, actions: { read: full(ALL), update: full(['admin', 'projektleder']) } },
  // Follow-up figures are aggregates: everyone on the plan reads them (board members with small counts
  // hidden); staff who run the work enter and import them; the project leader locks approved periods.
  'indicator-values': { scope: 'plan', personalData: false, actions: { read: FIGURES, create: full(STAFF) } },
  // The overview across every plan the user is on (each plan's data is still read under that plan).
  'follow-up-overview': { scope: 'global', personalData: false, actions: { read: FIGURES } },
  'indicator-periods': { scope: 'plan', personalData: false, actions: { update: full(['admin', 'projektleder']) } },
  'indicator-comments': { scope: 'plan', personalData: false, actions: { create: full(STAFF) } },
  // Residents (decision 008). Reads are logged with the ids returned and, for the other party, the
  // consents the disclosure rests on.
  participants: { scope: 'plan', personalData: true, actions: { read: full(RESIDENT_READERS), create: full(RESIDENT_STAFF), update: full(RESIDENT_STAFF) } },
  consents: { scope: 'plan', personalData: true, actions: { read: full(RESIDENT_READERS), create: full(RESIDENT_STAFF), update: full(RESIDENT_STAFF) } },
  enrolments: { scope: 'plan', personalData: true, actions: { read: full(RESIDENT_STAFF), create: full(RESIDENT_STAFF), update: full(RESIDENT_STAFF) } },
  sessions: { scope: 'plan', personalData: true, actions: { read: full(RESIDENT_STAFF), create: full(RESIDENT_STAFF), update: full(RESIDENT_STAFF), delete: full(RESIDENT_STAFF) } },
  // Revealing a CPR number is its own action, so every reveal is a logged read of its own.
  'participant-cpr': { scope: 'plan', personalData: true, actions: { read: full(RESIDENT_STAFF) } },
  // A resident's rights (decision 036). Their own copy is fetched by the project leader or the
  // housing-social worker who meets them (of a resident their party holds: the resident gate asks);
  // erasure is the project leader's, who erases directly or decides a request a worker took.
  'participant-rights': { scope: 'plan', personalData: true, actions: { read: full(['projektleder', 'boligsocial']), delete: full(['projektleder']) } },
  'erasure-requests': { scope: 'plan', personalData: true, actions: { read: full(['projektleder', 'boligsocial']), create: full(['projektleder', 'boligsocial']), update: full(['projektleder']) } },
  // Merging a resident registered twice into the other (decision 025): only the project leader, who
  // sees every resident of the plan in full, so no one moves what they could not see.
  'participant-merges': { scope: 'plan', personalData: true, actions: { create: full(['projektleder']) } },
  // Activities with capacity and occupancy counts, and the figures computed from enrolments: no
  // names, so everyone on the plan reads them (board members with small numbers hidden).
  activities: { scope: 'plan', personalData: false, actions: { read: FIGURES, update: full(['admin', 'projektleder']) } },
  'participant-figures': { scope: 'plan', personalData: false, actions: { read: FIGURES } },
  // The plan's privacy settings (CPR on/off, retention periods) and the retention run.
  'plan-privacy': { scope: 'plan', personalData: false, actions: { read: full(['admin', 'projektleder']), update: full(['projektleder']) } },
  // The plan's parties (decision 012): everyone on the plan reads the list (consents and records name
  // them); the project leader keeps it as the agreements name them.
  'plan-parties': { scope: 'plan', personalData: false, actions: { read: full(ALL), create: full(['projektleder']), update: full(['projektleder']) } },
  // Companies (decision 016): shared by the plan's staff; not resident data. Their openings, the
  // timeline of contacts and the network marks are recorded under the same resource.
  companies: { scope: 'plan', personalData: false, actions: { read: full(STAFF), create: full(COMPANY_STAFF), update: full(COMPANY_STAFF) } },
  // The people at a company the staff talk to: personal data of company staff, so every read is
  // logged, and the board never sees them. Removing one deletes it (decision 031).
  'company-contacts': { scope: 'plan', personalData: true, actions: { read: full(STAFF), create: full(COMPANY_STAFF), update: full(COMPANY_STAFF), delete: full(COMPANY_STAFF) } },
  // The network's figures, without names: the board follows them with small numbers hidden.
  'company-figures': { scope: 'plan', personalData: false, actions: { read: FIGURES } },
  // The local CSR award: the staff nominate companies with reasons; the project leader names the
  // year's winner.
  // Placements (decision 022): a resident in a company's opening. Who is placed is the resident's
  // employment information, so the rows are shown through the resident gate (the other party only
  // under consent); the company side (places taken, the opening's status) is company data.
  placements: { scope: 'plan', personalData: true, actions: { read: full(RESIDENT_STAFF), create: full(RESIDENT_STAFF), update: full(RESIDENT_STAFF) } },
  'csr-awards': { scope: 'plan', personalData: false, actions: { read: full(STAFF), create: full(COMPANY_STAFF), update: full(['projektleder']) } },
  // Young people's pathways (decision 023). An activity's steps are no one's data: the staff read
  // them and the project leader defines them. A young person's steps reached are resident data, read
  // and recorded through the resident gate (consent category employment). Groups (hold) of an
  // activity have no names. The funnel's figures: everyone on the plan, board with small numbers hidden.
  pathways: { scope: 'plan', personalData: false, actions: { read: full(STAFF), update: full(['projektleder']) } },
  'pathway-progress': { scope: 'plan', personalData: true, actions: { read: full(RESIDENT_STAFF), create: full(RESIDENT_STAFF) } },
  'activity-groups': { scope: 'plan', personalData: false, actions: { read: full(STAFF), create: full(RESIDENT_STAFF) } },
  'funnel-figures': { scope: 'plan', personalData: false, actions: { read: FIGURES } },
  // The checks due on the front page (decision 031): placements' and pathways' 3-month questions of
  // residents the reader may see, each part only where the reader may read placements or pathways.
  'due-checks': { scope: 'plan', personalData: true, actions: { read: full(RESIDENT_STAFF) } },
  'plan-members': { scope: 'plan', personalData: true, actions: { read: full(STAFF) } },
  // Open counselling (decision 014). An occurrence's page names the staff who checked in and the
  // residents inquiries are linked to, so reading it is a personal-data read; the staff who run the
  // drop-in desk check in, log inquiries (and undo the last), cancel and book appointments. The
  // project leader keeps the list of topics. The figures hold no names: board members get them with
  // small numbers hidden.
  'counselling-occurrences': { scope: 'plan', personalData: true, actions: { read: full(RESIDENT_STAFF), update: full(RESIDENT_STAFF) } },
  inquiries: { scope: 'plan', personalData: true, actions: { create: full(RESIDENT_STAFF), update: full(RESIDENT_STAFF), delete: full(RESIDENT_STAFF) } },
  'inquiry-topics': { scope: 'plan', personalData: false, actions: { read: full(STAFF), create: full(['admin', 'projektleder']), update: full(['admin', 'projektleder']) } },
  appointments: { scope: 'plan', personalData: true, actions: { read: full(RESIDENT_STAFF), create: full(RESIDENT_STAFF), update: full(RESIDENT_STAFF) } },
  'counselling-figures': { scope: 'plan', personalData: false, actions: { read: FIGURES } },
  // Staff time against the agreements' promises (decision 015). The conversation calendar may name a
  // resident, so it is personal data and read by those who work with residents; the resident in it
  // is still shown only through the resident gate. Hours per person are the staff's own work, read
  // by the staff; the quarter's figures (no names) by everyone on the plan, board members with small
  // numbers hidden. The fixed outreach employee closes a quarter's total; the project leader sets
  // how a post's percentage and a day read as hours.
  conversations: { scope: 'plan', personalData: true, actions: { read: full(RESIDENT_STAFF), create: full(RESIDENT_STAFF) } },
  'time-entries': { scope: 'plan', personalData: false, actions: { read: full(STAFF), create: full(RESIDENT_STAFF) } },
  'staff-time-figures': { scope: 'plan', personalData: false, actions: { read: FIGURES } },
  'time-quarters': { scope: 'plan', personalData: false, actions: { create: full(RESIDENT_STAFF), update: full(['projektleder']) } },
  'staff-time-settings': { scope: 'plan', personalData: false, actions: { update: full(['projektleder']) } },
  // Meetings (cooperation, board, company network): the plan's own record, read by everyone on it,
  // kept by the staff; an action's owner marks it done.
  meetings: { scope: 'plan', personalData: false, actions: { read: full(ALL), create: full(STAFF), update: full(ALL) } },
  users: { scope: 'global', personalData: true, actions: { read: full(['admin']), create: full(['admin']), update: full(['admin']) } },
  'audit-log': { scope: 'global', personalData: true, actions: { read: full(['admin']) } },
  // Target-group codes, funding periods and effort areas (decision 021): the administrator keeps them
  // current as the law changes. Everyone reads the codes in force through the forms that use them.
  'reference-data': { scope: 'global', personalData: false, actions: { read: full(['admin']), create: full(['admin']), update: full(['admin']) } },
} as const satisfies Record<string, ResourceRule>

export type Resource = keyof typeof permissions

/** What a page, a menu item or a route needs: one action on one resource. */
export interface Permission {
  resource: Resource
  action: Action
}

export function rule(resource: Resource): ResourceRule {
  return permissions[resource]
}

/**
 * Whether a role signs in with a second factor (decision 027): every role that can read residents or
 * administer users, read from the table above so a role given such access later needs one too.
 */
export function needsSecondFactor(role: Role): boolean {
  return may(role, 'participants', 'read') || may(role, 'users', 'update')
}

/**
 * Whether `role` on a plan is told when someone is given access to the plan's residents (issue 13,
 * finding 9): the one who answers for the residents' rights on the plan, the project leader.
 */
export function hearsOfResidentAccess(role: Role): boolean {
  return may(role, 'participant-rights', 'delete')
}

/** The view `role` gets of `action` on `resource`, or null if it may not do it at all. */
export function viewOf(role: Role, resource: Resource, action: Action): View | null {
  return rule(resource).actions[action]?.[role] ?? null
}

export function may(role: Role, resource: Resource, action: Action): boolean {
  return viewOf(role, resource, action) !== null
}

/** What a role is, beyond the actions it may take: the facts other rules read instead of its name. */
export interface RoleRule {
  /**
   * The kind of party (decision 012) a user with this role belongs to in a plan when no party is
   * chosen for them: the plan's first party of that kind. Which party a user acts for with residents
   * is their membership's (user_plan.party_id), not the role's. The project leader leads the
   * housing-social team, so belongs to it. null: the role works with no resident, and never acts
   * for a party whatever its membership says.
   */
  party: PartyKind | null
  /**
   * Sees a resident only under a consent in force naming its party, never in full, even where its
   * party owns the record: external partners collect nothing themselves.
   */
  onlyUnderConsent: boolean
  /** Sees all of every resident on its plans, whichever party holds them and whatever the consents. */
  seesEveryResident: boolean
  /** Lists every plan, not only its own, so it can give other users access to them. */
  listsEveryPlan: boolean
  /** Sees nothing without a plan, so a user with this role must be given at least one. */
  needsPlan: boolean
}

export const roles = {
  admin: { party: null, onlyUnderConsent: false, seesEveryResident: false, listsEveryPlan: true, needsPlan: false },
  projektleder: { party: 'boligsocial', onlyUnderConsent: false, seesEveryResident: true, listsEveryPlan: false, needsPlan: true },
  boligsocial: { party: 'boligsocial', onlyUnderConsent: false, seesEveryResident: false, listsEveryPlan: false, needsPlan: true },
  jobcenter: { party: 'jobcenter', onlyUnderConsent: false, seesEveryResident: false, listsEveryPlan: false, needsPlan: true },
  samarbejdspartner: { party: 'partner', onlyUnderConsent: true, seesEveryResident: false, listsEveryPlan: false, needsPlan: true },
  bestyrelse: { party: null, onlyUnderConsent: false, seesEveryResident: false, listsEveryPlan: false, needsPlan: true },
} as const satisfies Record<Role, RoleRule>

export function roleRule(role: Role): RoleRule {
  return roles[role]
}

/** The kind of party a role's users belong to unless another party of the plan is chosen for them. */
export function partyOf(role: Role): PartyKind | null {
  return roles[role].party
}
