import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { CONSENT_CATEGORIES, type ConsentCategory, type ConsentState } from '../../src/shared/consents.ts'
import type { PlanParty, PlanPartyList } from '../../src/shared/parties.ts'
import type { Activity, Enrolment, Roster } from '../../src/shared/enrolments.ts'
import type { ErrorCode } from '../../src/shared/errors.ts'
import type { Placement, PlacementList } from '../../src/shared/placements.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import type { Participant, ParticipantExport, ParticipantList, PrivacyOverview, PrivacySettings } from '../../src/shared/participants.ts'
import type { SessionList } from '../../src/shared/sessions.ts'
import { Role } from '../../src/shared/users.ts'
import { type TestUser, login, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Who sees which resident, generated over every role × party × resource × action × consent state,
// over HTTP against a real database (decisions 008, 012). The residents' plan has four kinds of
// party a consent can name: the housing-social team, two units of the job centre (which serve
// different residents, so a consent to one is not a consent to the other) and an external partner. The expected outcome of every case comes from the
// small policy table below, written out in plain terms and never computed by the server's own
// rules (participantScope, disclosure), so that a bug in those rules fails a case here.

// ---- days -------------------------------------------------------------------------------------

const DAY = 86_400_000
/** Danish calendar days, as the server counts them. */
const today = isoDay(new Date())
const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * DAY))
const daysAhead = (n: number) => isoDay(new Date(Date.now() + n * DAY))

// ---- the policy -------------------------------------------------------------------------------

type PlanKey = 'A' | 'B'
/**
 * The parties of a plan the matrix works with: the housing-social team, the job centre's first and
 * second unit, and an external partner (in plan A added by the project leader for the test).
 */
type PartyKey = 'boligsocial' | 'jobcenter' | 'jobcenter2' | 'partner'
interface ActorKey {
  role: Role
  /** 'A' is the residents' plan; 'B' is the other plan, where these users are members instead. */
  plan: PlanKey
  /** The party of the plan the user belongs to; null for roles that act for none. */
  party: PartyKey | null
}

/** The parties that register residents: every resident is owned by one of these. */
const OWNERS: readonly PartyKey[] = ['boligsocial', 'jobcenter']
/** The party each role belongs to unless another is chosen (the first of its kind in the plan). */
const DEFAULT_PARTY: Record<Role, PartyKey | null> = { admin: null, projektleder: 'boligsocial', boligsocial: 'boligsocial', jobcenter: 'jobcenter', samarbejdspartner: 'partner', bestyrelse: null }
/** What an external partner may do at all: read residents and their signed consents, nothing else. */
const PARTNER_ACTIONS = new Set(['list residents', 'GET resident', 'download consent document'])

// The categories of the consents in the fixtures. The two consents in force are cut so that one
// shows contact details without courses and the other courses without contact details; the
// consents not in force name nearly everything, so a consent wrongly taken as in force shows a lot.
const ORAL: readonly ConsentCategory[] = ['contact', 'notes', 'housing']
const WRITTEN: readonly ConsentCategory[] = ['employment', 'benefits', 'health']
const WIDE: readonly ConsentCategory[] = ['contact', 'employment', 'benefits', 'health', 'notes']
// What a young person lets the business guide see: contact details and employment, never notes.
const PARTNER: readonly ConsentCategory[] = ['contact', 'employment']

interface ConsentFixture {
  form: 'oral' | 'written'
  /** Whether the signed document is attached (uploaded as a PDF). */
  document: boolean
  categories: readonly ConsentCategory[]
  /** Whether the consent names the party that did not register the resident (the housing-social team and the job centre's first unit). */
  namesOtherParty: boolean
  /** Whether the consent names the external partner too. */
  namesPartner: boolean
  givenOn: string
  validUntil: string | null
  /** Withdrawn today through the API, after it was recorded. */
  withdrawnToday: boolean
  /** Given in the future: the API rightly refuses to record it, so it is inserted directly. */
  directInsert: boolean
  /** The plain fact this table asserts: is this consent in force today? */
  inForce: boolean
  /** The state the resident's page shows for it. */
  shownAs: ConsentState
}

const consent = (c: Omit<ConsentFixture, 'withdrawnToday' | 'directInsert' | 'namesOtherParty' | 'namesPartner'> & Partial<ConsentFixture>): ConsentFixture => ({
  withdrawnToday: false,
  directInsert: false,
  namesOtherParty: true,
  namesPartner: false,
  ...c,
})

/** The consent states of the fixtures: one resident per owner and state, each with at most one consent. */
const STATES = {
  none: { label: 'no consent', consent: null },
  oral: {
    label: 'oral consent in force (contact, notes, housing)',
    consent: consent({ form: 'oral', document: false, categories: ORAL, givenOn: daysAgo(30), validUntil: null, inForce: true, shownAs: 'in-force' }),
  },
  written: {
    label: 'written consent with document, last day today (employment, benefits, health)',
    consent: consent({ form: 'written', document: true, categories: WRITTEN, givenOn: daysAgo(30), validUntil: today, inForce: true, shownAs: 'in-force' }),
  },
  'missing-document': {
    label: 'written consent without its document',
    consent: consent({ form: 'written', document: false, categories: WIDE, givenOn: daysAgo(30), validUntil: null, inForce: false, shownAs: 'missing-document' }),
  },
  expired: {
    label: 'consent expired yesterday',
    consent: consent({ form: 'written', document: true, categories: WIDE, givenOn: daysAgo(60), validUntil: daysAgo(1), inForce: false, shownAs: 'expired' }),
  },
  withdrawn: {
    label: 'consent withdrawn today',
    consent: consent({ form: 'written', document: true, categories: WIDE, givenOn: daysAgo(30), validUntil: null, withdrawnToday: true, inForce: false, shownAs: 'withdrawn' }),
  },
  'not-yet': {
    label: 'consent given from next week',
    consent: consent({ form: 'written', document: true, categories: WIDE, givenOn: daysAhead(7), validUntil: null, directInsert: true, inForce: false, shownAs: 'not-yet' }),
  },
  'not-named': {
    label: 'oral consent in force naming only the owner',
    consent: consent({ form: 'oral', document: false, categories: WIDE, givenOn: daysAgo(30), validUntil: null, namesOtherParty: false, inForce: true, shownAs: 'in-force' }),
  },
  partner: {
    label: 'oral consent in force naming the owner and the external partner (contact, employment)',
    consent: consent({ form: 'oral', document: false, categories: PARTNER, givenOn: daysAgo(30), validUntil: null, namesOtherParty: false, namesPartner: true, inForce: true, shownAs: 'in-force' }),
  },
} satisfies Record<string, { label: string; consent: ConsentFixture | null }>
type StateKey = keyof typeof STATES
const STATE_KEYS = Object.keys(STATES) as StateKey[]
const CONSENT_STATE_KEYS = STATE_KEYS.filter((s) => STATES[s].consent !== null)

/** What one reader may see of one resident. */
type Access =
  /** Refused by role or by plan: 403 forbidden, and nothing logged as a read. */
  | { kind: 'forbidden' }
  /** May work with residents, but not this one: 403 consent_required, logged as a refused read. */
  | { kind: 'refused' }
  /** The whole record. */
  | { kind: 'full' }
  /** The other party: only the categories of the consent in force that names it. */
  | { kind: 'consent'; categories: readonly ConsentCategory[] }

/** The parties a consent fixture names, for a resident owned by `owner`. */
function namedBy(c: ConsentFixture, owner: PartyKey): PartyKey[] {
  return [...(c.namesOtherParty ? (['boligsocial', 'jobcenter'] as const) : [owner]), ...(c.namesPartner ? (['partner'] as const) : [])]
}

/**
 * The policy (decisions 008 and 012), in plain terms:
 * - any role on the other plan: forbidden;
 * - administrators and board members: never (forbidden);
 * - the project leader: full, for every resident of their own plan;
 * - staff of the party that registered the resident: full;
 * - any other party (the other job-centre unit and the external partner included): only while a
 *   consent naming THAT party is in force, and then only its categories;
 * - the external partner never gets more than a consent gives, and does nothing but read.
 */
function access(actor: ActorKey, owner: PartyKey, state: StateKey): Access {
  if (actor.plan !== 'A') return { kind: 'forbidden' }
  if (actor.role === 'admin' || actor.role === 'bestyrelse') return { kind: 'forbidden' }
  if (actor.role === 'projektleder') return { kind: 'full' }
  if (actor.role !== 'samarbejdspartner' && actor.party === owner) return { kind: 'full' }
  const c = STATES[state].consent
  if (c && c.inForce && actor.party && namedBy(c, owner).includes(actor.party)) return { kind: 'consent', categories: c.categories }
  return { kind: 'refused' }
}

/** The categories a reader with this access sees, in the canonical order. */
function categoriesOf(a: Access): readonly ConsentCategory[] {
  if (a.kind === 'full') return CONSENT_CATEGORIES
  if (a.kind === 'consent') return CONSENT_CATEGORIES.filter((c) => a.categories.includes(c))
  return []
}
const sees = (a: Access, category: ConsentCategory) => categoriesOf(a).includes(category)

// ---- expected outcomes ------------------------------------------------------------------------

interface Outcome {
  status: number
  code?: ErrorCode
  note?: string
}
const STATUS: Partial<Record<ErrorCode, number>> = { forbidden: 403, consent_required: 403, not_found: 404, conflict: 409, validation: 400 }
const fail = (code: ErrorCode): Outcome => ({ status: STATUS[code]!, code })
const done = (status: number, note?: string): Outcome => ({ status, ...(note ? { note } : {}) })
const label = (o: Outcome) => (o.code ? `${o.status} ${o.code}` : `${o.status}${o.note ? ` ${o.note}` : ''}`)
const scopeNote = (a: Access) => (a.kind === 'consent' ? `consent (${categoriesOf(a).join(', ')})` : a.kind)

/** An action on the record itself (correcting it, recording consent, revealing CPR): full access only. */
function wholeRecord(a: Access, success: Outcome): Outcome {
  if (a.kind === 'forbidden') return fail('forbidden')
  if (a.kind === 'refused') return fail('consent_required')
  if (a.kind === 'consent') return fail('forbidden')
  return success
}

/** An action on one category of the record: full access, or a consent naming that category. */
function withinCategory(a: Access, category: ConsentCategory, success: Outcome): Outcome {
  if (a.kind === 'forbidden') return fail('forbidden')
  if (!sees(a, category)) return fail('consent_required')
  return success
}

/** An action open to anyone who may see the resident at all. */
function seesResident(a: Access, success: Outcome): Outcome {
  if (a.kind === 'forbidden') return fail('forbidden')
  if (a.kind === 'refused') return fail('consent_required')
  return success
}

// ---- the matrix -------------------------------------------------------------------------------

// Every role in its usual party, and job-centre staff of the second unit as well.
const ACTORS: ActorKey[] = (['A', 'B'] as const).flatMap((plan) => [
  ...Role.options.map((role) => ({ role, plan, party: DEFAULT_PARTY[role] })),
  { role: 'jobcenter' as const, plan, party: 'jobcenter2' as const },
])
const actorId = (a: { role: Role; party: PartyKey | null }) => (a.party && a.party !== DEFAULT_PARTY[a.role] ? `${a.role} of ${a.party}` : a.role)
const actorName = (a: ActorKey) => (a.plan === 'A' ? actorId(a) : `${actorId(a)} on the other plan`)

interface Case {
  actor: ActorKey
  owner: PartyKey
  state: StateKey
  access: Access
  who: string
}

function matrix(states: readonly StateKey[] = STATE_KEYS): Case[] {
  return ACTORS.flatMap((actor) =>
    OWNERS.flatMap((owner) =>
      states.map((state) => ({ actor, owner, state, access: access(actor, owner, state), who: `${actorName(actor)} · resident owned by ${owner} · ${STATES[state].label}` })),
    ),
  )
}

/** it.each over named cases, with the whole name as the test's title. */
const each = <T extends { name: string }>(list: T[]) => it.each(list.map((c): [string, T] => [c.name, c]))

/** Cases named "who · action → outcome", with the outcome the policy gives. */
function cases<T extends Case>(list: T[], action: string, outcome: (c: T) => Outcome): (T & { name: string; expected: Outcome })[] {
  return list.map((original) => {
    // The external partner may only read: any other action is refused by role, before any resident is looked at.
    const c = original.actor.role === 'samarbejdspartner' && !PARTNER_ACTIONS.has(action) ? { ...original, access: { kind: 'forbidden' } as Access } : original
    const expected = outcome(c)
    return { ...c, expected, name: `${c.who} · ${action} → ${label(expected)}` }
  })
}

// ---- fixtures -------------------------------------------------------------------------------

let t: TestDatabase
let app: App
const planIds = {} as Record<PlanKey, string>
const users = { A: {}, B: {} } as Record<PlanKey, Record<string, TestUser>>
/** The ids and names of the matrix's parties in each plan. */
const parties = { A: {}, B: {} } as Record<PlanKey, Record<PartyKey, PlanParty>>
const partyName = (p: PlanParty) => (p.unit ? `${p.name}, ${p.unit}` : p.name)
const cookies = new Map<string, string>()
/** Per user: the last audit row already looked at, so each request's own read rows can be found. */
const auditCursor = new Map<string, number>()
let course: Activity
/** The opening every placement of the matrix goes into (places enough for all of them). */
let openingId: string
/** The activity each resident-staff role enrols into, so enrolments by different roles never collide. */
const enrolActivity = {} as Record<'projektleder' | 'boligsocial' | 'jobcenter', string>
/** The actors who may see some resident on plan A and so get withdrawal copies of their own. */
const WITHDRAWERS = ['projektleder', 'boligsocial', 'jobcenter', 'jobcenter of jobcenter2'] as const
let baseSessionId: string
let privacy: PrivacySettings

interface Resident {
  id: string
  pseudonym: string
  name: string
  owner: PartyKey
  state: StateKey
  consentId: string | null
  enrolmentId: string | null
  /** The resident's placement in the matrix's opening (made by the project leader). */
  placementId: string | null
  cpr: string | null
  notes: { id: string; category: ConsentCategory }[]
  /** Follow-ups on the enrolment, each filed under a category by its writer (decision 026). */
  followups: { id: string; category: ConsentCategory }[]
}

/** The residents read by the matrix: never withdrawn or erased, nothing added that changes who sees them. */
const residents = new Map<string, Resident>()
/** Copies without enrolments, for the enrol cases. */
const enrolCopies = new Map<string, Resident>()
/** Copies for the withdrawal cases: one per resident-staff role, and one shared by the roles refused outright. */
const withdrawCopies = new Map<string, Resident>()
/** For erasure: one per owner for the project leader, and one per owner that must never be erased. */
const erasable = new Map<string, Resident>()

const key = (owner: PartyKey, state: StateKey) => `${owner}|${state}`
const fixture = (c: { owner: PartyKey; state: StateKey }) => residents.get(key(c.owner, c.state))!

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n')
const NOTE_CATEGORIES: readonly ConsentCategory[] = ['contact', 'notes', 'health', 'finances']
// Every resident here shares a phone number; registering them is a conscious choice (decision 025).
const registration = {
  confirmDuplicates: true,
  phone: '20 30 40 50',
  email: 'beboer@example.dk',
  address: 'Stenbjergparken 1',
  birthYear: 1990,
  ageBand: null,
  housingAreaId: null,
  departmentId: null,
  targetGroupCode: '6.3',
  targetGroupOn: daysAgo(30),
}

function userOf(actor: ActorKey): TestUser {
  return users[actor.plan][actorId(actor)]!
}

async function cookieOf(user: TestUser): Promise<string> {
  if (!cookies.has(user.email)) cookies.set(user.email, await login(app, user))
  return cookies.get(user.email)!
}

type Method = 'GET' | 'POST' | 'PUT'

interface AuditRow {
  entity: string
  entity_id: string | null
  plan_id: string | null
  details: Record<string, unknown>
}

/** A request as `actor` to a path under /api/plans/:planId, with the read rows it wrote to the audit log. */
async function request(actor: ActorKey, method: Method, path: string, options: { payload?: unknown; plan?: PlanKey; headers?: Record<string, string> } = {}) {
  const user = userOf(actor)
  const res = await app.inject({
    method,
    url: `/api/plans/${planIds[options.plan ?? 'A']}${path}`,
    headers: { cookie: await cookieOf(user), ...options.headers },
    ...(options.payload !== undefined ? { payload: options.payload as object } : {}),
  })
  let reads: AuditRow[] = []
  if (method === 'GET') {
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['id', 'entity', 'entity_id', 'plan_id', 'details'])
      .where('actor_id', '=', user.id)
      .where('action', '=', 'read')
      .where('id', '>', auditCursor.get(user.id) ?? 0)
      .orderBy('id')
      .execute()
    if (rows.length) auditCursor.set(user.id, rows.at(-1)!.id)
    reads = rows.map((r) => ({ entity: r.entity, entity_id: r.entity_id, plan_id: r.plan_id, details: r.details as Record<string, unknown> }))
  }
  return { res, reads }
}

const staff = (role: Role, party: PartyKey | null = DEFAULT_PARTY[role]): ActorKey => ({ role, plan: 'A', party })

function expectDone(res: { statusCode: number; body: string }, status = 201): void {
  expect(res.statusCode, res.body).toBe(status)
}

/** Where plan A's residents live: a housing area and a department in it (category 'housing'), made once. */
let place: Promise<{ housingAreaId: string; departmentId: string }> | null = null
function placeInPlanA(): Promise<{ housingAreaId: string; departmentId: string }> {
  place ??= (async () => {
    const area = await t.db.insertInto('housing_area').values({ plan_id: planIds.A, name: 'Matrixparken' }).returning('id').executeTakeFirstOrThrow()
    const department = await t.db.insertInto('department').values({ plan_id: planIds.A, number: '9901', name: 'Matrixparken Øst', housing_area_id: area.id }).returning('id').executeTakeFirstOrThrow()
    return { housingAreaId: area.id, departmentId: department.id }
  })()
  return place
}

async function register(owner: PartyKey, state: StateKey, name: string, cpr: string | null): Promise<Resident> {
  const place = await placeInPlanA()
  const { res } = await request(staff(owner as Role), 'POST', '/participants', { payload: { ...registration, ...place, name, registeredOn: daysAgo(40), ...(cpr ? { cpr } : {}) } })
  expectDone(res)
  const { id, pseudonym } = res.json() as { id: string; pseudonym: string }
  const consentId = await giveConsent(owner, id, state)
  return { id, pseudonym, name, owner, state, consentId, enrolmentId: null, placementId: null, cpr, notes: [], followups: [] }
}

async function giveConsent(owner: PartyKey, participantId: string, state: StateKey): Promise<string | null> {
  const c = STATES[state].consent
  if (!c) return null
  const ownerActor = staff(owner as Role)
  const body = {
    parties: namedBy(c, owner).map((party) => parties.A[party].id),
    categories: [...c.categories],
    purpose: 'At helhedsplanen og jobcentret sammen kan hjælpe beboeren i job.',
    form: c.form,
    givenOn: c.givenOn,
    validUntil: c.validUntil,
  }
  let consentId: string
  if (c.directInsert) {
    // Recording a consent before the day it is given is refused by the API, rightly.
    const refused = await request(ownerActor, 'POST', `/participants/${participantId}/consents`, { payload: body })
    expect(refused.res.statusCode).toBe(400)
    const row = await t.db
      .insertInto('consent')
      .values({ participant_id: participantId, categories: body.categories, purpose: body.purpose, form: body.form, given_on: body.givenOn, valid_until: body.validUntil, recorded_by: userOf(ownerActor).id })
      .returning('id')
      .executeTakeFirstOrThrow()
    consentId = row.id
    await t.db.insertInto('consent_party').values(body.parties.map((party_id) => ({ consent_id: consentId, party_id }))).execute()
  } else {
    const { res } = await request(ownerActor, 'POST', `/participants/${participantId}/consents`, { payload: body })
    expectDone(res)
    consentId = (res.json() as { id: string }).id
  }
  if (c.document) {
    const { res } = await request(ownerActor, 'PUT', `/consents/${consentId}/document?fileName=samtykke.pdf`, { payload: PDF, headers: { 'content-type': 'application/pdf' } })
    expectDone(res, 204)
  }
  if (c.withdrawnToday) {
    const { res } = await request(ownerActor, 'POST', `/consents/${consentId}/withdrawal`, { payload: { withdrawnOn: today } })
    expectDone(res, 204)
  }
  return consentId
}

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  planIds.A = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  planIds.B = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')).planId
  expect(planIds.A).not.toBe(planIds.B)
  // Built side by side where nothing depends on order: users and their sign-ins (argon2 is slow on
  // purpose), then one chain of requests per resident. Users are made one plan at a time, since the
  // users of a role share an organisation, made with the first of them.
  for (const plan of ['A', 'B'] as const) {
    const leader = await makeUser(t.ctx, 'projektleder', [planIds[plan]])
    users[plan].projektleder = leader
    const cookie = await login(app, leader)
    cookies.set(leader.email, cookie)
    const partiesUrl = `/api/plans/${planIds[plan]}/parties`
    // A plan starts with the housing-social team and the job centre; its project leader adds the
    // job centre's second unit and an external partner, as the agreements name them.
    for (const party of [
      { name: 'Jobcentret', unit: 'Virksomhedsservice', kind: 'jobcenter' },
      { name: 'UU Sønderborg', unit: 'Ungdommens Uddannelsesvejledning', kind: 'partner' },
    ]) {
      const added = await app.inject({ method: 'POST', url: partiesUrl, headers: { cookie }, payload: party })
      expect(added.statusCode, added.body).toBe(201)
    }
    const list = (await app.inject({ method: 'GET', url: partiesUrl, headers: { cookie } })).json() as PlanPartyList
    const ofKind = (kind: PlanParty['kind']) => list.parties.filter((p) => p.kind === kind)
    parties[plan] = { boligsocial: ofKind('boligsocial')[0]!, jobcenter: ofKind('jobcenter')[0]!, jobcenter2: ofKind('jobcenter')[1]!, partner: ofKind('partner')[0]! }
    await Promise.all(
      ACTORS.filter((a) => a.plan === plan && a.role !== 'projektleder').map(async (actor) => {
        const partyIds = actor.party && actor.party !== DEFAULT_PARTY[actor.role] ? { [planIds[plan]]: parties[plan][actor.party].id } : undefined
        users[plan][actorId(actor)] = await makeUser(t.ctx, actor.role, [planIds[plan]], { ...(partyIds ? { partyIds } : {}) })
      }),
    )
  }
  await Promise.all(ACTORS.map((actor) => cookieOf(userOf(actor))))
  const leader = staff('projektleder')

  // CPR numbers on for plan A, as the project leader does it.
  const settings = await request(leader, 'GET', '/privacy')
  expect(settings.res.statusCode).toBe(200)
  privacy = { ...(settings.res.json() as PrivacyOverview).settings, cprEnabled: true }
  expectDone((await request(leader, 'PUT', '/privacy', { payload: privacy })).res, 204)

  const activities = (await request(leader, 'GET', '/activities')).res.json() as Activity[]
  course = activities.find((a) => a.key === 'beskaeftigelsesfremmende-forloeb')!
  const others = activities.filter((a) => a.id !== course.id)
  expect(others.length).toBeGreaterThanOrEqual(2)
  // The enrol cases put residents on waiting lists only, so the course's active roster stays as built.
  enrolActivity.projektleder = others[0]!.id
  enrolActivity.boligsocial = others[1]!.id
  enrolActivity.jobcenter = course.id

  // A company with an internship opening, kept by the project leader.
  const company = await request(leader, 'POST', '/companies', { payload: { cvr: '20165715', name: 'Danfoss A/S' } })
  expectDone(company.res)
  const opening = await request(leader, 'POST', `/companies/${(company.res.json() as { id: string }).id}/openings`, { payload: { kind: 'virksomhedspraktik', title: 'Lagermedhjælper', places: 500 } })
  expectDone(opening.res)
  openingId = (opening.res.json() as { id: string }).id

  const chains = OWNERS.flatMap((owner, i) => STATE_KEYS.map((state, j) => ({ owner, state, n: i * STATE_KEYS.length + j + 1 })))
  await Promise.all([
    ...chains.map(async ({ owner, state, n }) => {
      const cpr = `${String(n).padStart(2, '0')}01901234`
      const r = await register(owner, state, `Beboer ${n} (${owner}, ${state})`, cpr)
      // Every resident is in the course (its capacity of 12 is overbooked on purpose) and has a
      // note in four categories, written by the project leader, who sees everything.
      const enrolment = await request(leader, 'POST', `/participants/${r.id}/enrolments`, {
        payload: { activityId: course.id, referredOn: daysAgo(12), referredBy: 'Fremskudt jobcenter', startOn: daysAgo(10), selection: null, allowOverbooking: true },
      })
      expectDone(enrolment.res)
      r.enrolmentId = (enrolment.res.json() as { id: string }).id
      // And placed in the company's internship, by the project leader.
      const placement = await request(leader, 'POST', '/placements', { payload: { openingId, participantId: r.id, startOn: daysAgo(3), mentor: 'Mentor Mads' } })
      expectDone(placement.res)
      r.placementId = (placement.res.json() as { id: string }).id
      for (const category of NOTE_CATEGORIES) {
        const note = await request(leader, 'POST', `/participants/${r.id}/notes`, { payload: { category, body: `Note om ${category}`, writtenOn: daysAgo(5) } })
        expectDone(note.res)
        r.notes.push({ id: (note.res.json() as { id: string }).id, category })
      }
      // Free text on the enrolment, filed under employment and under health: a follow-up in each,
      // and an exit note under health.
      for (const category of ['employment', 'health'] as const) {
        const followup = await request(leader, 'POST', `/enrolments/${r.enrolmentId}/followups`, { payload: { heldOn: daysAgo(3), note: `Opfølgning om ${category}`, category } })
        expectDone(followup.res)
        r.followups.push({ id: (followup.res.json() as { id: string }).id, category })
      }
      await t.db.updateTable('enrolment').set({ exit_note: 'Exitnote om helbred', exit_note_category: 'health' }).where('id', '=', r.enrolmentId).execute()
      residents.set(key(owner, state), r)
    }),
    ...chains.map(async ({ owner, state, n }) => enrolCopies.set(key(owner, state), await register(owner, state, `Tilmelding ${n} (${owner}, ${state})`, null))),
    ...chains.flatMap(({ owner, state, n }) =>
      STATES[state].consent
        ? [...WITHDRAWERS, 'refused-by-role'].map(async (who) =>
            withdrawCopies.set(`${key(owner, state)}|${who}`, await register(owner, state, `Tilbagetrækning ${n} ${who}`, null)),
          )
        : [],
    ),
    ...OWNERS.flatMap((owner) => [
      (async () => erasable.set(`${owner}|projektleder`, await register(owner, 'oral', `Sletning (${owner})`, null)))(),
      (async () => erasable.set(`${owner}|kept`, await register(owner, 'oral', `Beholdes (${owner})`, null)))(),
    ]),
  ])

  // One session with the whole course present, taken by the project leader.
  const session = await request(leader, 'POST', `/activities/${course.id}/sessions`, {
    payload: { kind: 'group', heldOn: daysAgo(1), title: 'Gruppesamtale', anonymousCount: null, attendance: [...residents.values()].map((r) => ({ enrolmentId: r.enrolmentId, status: 'present' })) },
  })
  expectDone(session.res)
  baseSessionId = (session.res.json() as { id: string }).id

  // Start looking at the audit log from here.
  const last = await t.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()
  for (const actor of ACTORS) auditCursor.set(userOf(actor).id, Number(last.id))
})

// ---- assertions shared by the cases -------------------------------------------------------------

function expectStatus(res: { statusCode: number; body: string; json: () => unknown }, expected: Outcome): void {
  expect(res.statusCode, res.body).toBe(expected.status)
  if (expected.code) expect((res.json() as { code: string }).code).toBe(expected.code)
}

/** The audit rows a read route wrote, checked against the outcome of the read. */
function expectAudit(
  reads: AuditRow[],
  c: Case,
  expected: Outcome,
  row: { entity: string; entityId: string; participantId: string; consentId?: string | null; disclosure: boolean; refusedByRole?: boolean },
): void {
  if (expected.code === 'forbidden' && (row.refusedByRole ?? c.access.kind === 'forbidden')) {
    // Refused by role or plan: nothing was read, so nothing is logged as a read.
    expect(reads).toEqual([])
    return
  }
  if (expected.status === 403) {
    expect(reads).toHaveLength(1)
    expect(reads[0]).toMatchObject({ entity: row.entity, entity_id: row.entityId, plan_id: planIds.A, details: { refused: true } })
    return
  }
  if (expected.status !== 200) {
    expect(reads).toEqual([])
    return
  }
  expect(reads).toHaveLength(1)
  const logged = reads[0]!
  expect(logged).toMatchObject({ entity: row.entity, entity_id: row.entityId, plan_id: planIds.A })
  expect(logged.details.refused).toBeUndefined()
  expect(logged.details.ids).toContain(row.participantId)
  if (!row.disclosure) return
  if (c.access.kind === 'consent') {
    const party = parties.A[c.actor.party!]
    expect(logged.details.disclosure).toEqual({ party: party.id, partyName: partyName(party), consentIds: [row.consentId], categories: categoriesOf(c.access) })
  } else {
    expect(logged.details.disclosure).toBeUndefined()
  }
}

/** One request per actor for pages that show many residents, shared by that actor's cases. */
const pageCache = new Map<string, Promise<Awaited<ReturnType<typeof request>>>>()
function page(actor: ActorKey, path: string) {
  const k = `${actor.plan}|${actorId(actor)}|${path}`
  if (!pageCache.has(k)) pageCache.set(k, request(actor, 'GET', path))
  return pageCache.get(k)!
}

/** How many of the matrix's residents this actor may not see the courses of. */
function hiddenFromCourse(actor: ActorKey): number {
  return OWNERS.flatMap((owner) => STATE_KEYS.map((state) => access(actor, owner, state))).filter((a) => !sees(a, 'employment')).length
}

// ---- participants -------------------------------------------------------------------------------

describe('GET /participants (the list)', () => {
  const list = cases(matrix(), 'list residents', (c) => {
    if (c.access.kind === 'forbidden') return fail('forbidden')
    if (c.access.kind === 'refused') return done(200, 'not listed')
    return done(200, `listed, name ${sees(c.access, 'contact') ? 'shown' : 'hidden'}`)
  })
  each(list)('%s', async (_name, c) => {
    const { res, reads } = await page(c.actor, '/participants?pageSize=200')
    expectStatus(res, c.expected)
    if (c.access.kind === 'forbidden') return expect(reads).toEqual([])
    const r = fixture(c)
    const body = res.json() as ParticipantList
    expect(body.items).toHaveLength(body.total)
    const item = body.items.find((i) => i.id === r.id)
    expect(reads).toHaveLength(1)
    // One row, written by the list's own statement (decision 044) as the audit hook writes others:
    // the plan as the entity read, the route, the ids in the order shown, and those under consent.
    expect(reads[0]).toMatchObject({ entity: 'participants', entity_id: planIds.A, plan_id: planIds.A, details: { route: '/api/plans/:planId/participants' } })
    const ids = reads[0]!.details.ids as string[]
    expect(ids).toEqual(body.items.map((i) => i.id))
    expect((reads[0]!.details.disclosure as { ids: string[] } | undefined)?.ids ?? []).toEqual(body.items.filter((i) => i.scope === 'consent').map((i) => i.id))
    if (c.access.kind === 'refused') {
      expect(item).toBeUndefined()
      expect(body.hiddenByConsent).toBeGreaterThanOrEqual(1)
      return
    }
    // Each resident shown to the other party under consent is logged as a disclosure.
    const disclosed = (reads[0]!.details.disclosure as { ids: string[] } | undefined)?.ids ?? []
    expect(disclosed.includes(r.id)).toBe(c.access.kind === 'consent')
    expect(item).toMatchObject({
      pseudonym: r.pseudonym,
      scope: c.access.kind,
      name: sees(c.access, 'contact') ? r.name : null,
      ageBand: sees(c.access, 'contact') ? '30-39' : null,
      housingArea: sees(c.access, 'housing') ? expect.any(String) : null,
      activeEnrolments: sees(c.access, 'employment') ? 1 : null,
      waitingEnrolments: sees(c.access, 'employment') ? 0 : null,
    })
  })
})

describe('GET /participants/:id (one resident)', () => {
  const read = cases(matrix(), 'GET resident', (c) => seesResident(c.access, done(200, scopeNote(c.access))))
  each(read)('%s', async (_name, c) => {
    const r = fixture(c)
    const { res, reads } = await request(c.actor, 'GET', `/participants/${r.id}`)
    expectStatus(res, c.expected)
    expectAudit(reads, c, c.expected, { entity: 'participants', entityId: r.id, participantId: r.id, consentId: r.consentId, disclosure: true })
    if (res.statusCode !== 200) {
      expect(res.body).not.toContain(r.name)
      return
    }
    const p = res.json() as Participant
    const cats = categoriesOf(c.access)
    expect(p.id).toBe(r.id)
    expect(p.access).toMatchObject({ scope: c.access.kind, categories: [...cats] })
    expect(p.contact).toEqual(sees(c.access, 'contact') ? { name: r.name, phone: registration.phone, email: registration.email, address: registration.address, birthYear: registration.birthYear } : null)
    expect(p.targetGroup).toEqual(sees(c.access, 'benefits') ? { code: registration.targetGroupCode, on: registration.targetGroupOn } : null)
    if (sees(c.access, 'employment')) expect(p.enrolments?.map((e) => e.id)).toContain(r.enrolmentId)
    else expect(p.enrolments).toBeNull()
    expect(p.cprMasked).toBe(c.access.kind === 'full' ? `${r.cpr!.slice(0, 6)}-xxxx` : null)
    // Each field under its category (issue 13, finding 15): the age band with contact, where the
    // resident lives with housing, the signed consent's file name (it may name the resident) with contact.
    const place = await placeInPlanA()
    expect(p.ageBand).toBe(sees(c.access, 'contact') ? '30-39' : null)
    expect(p.housingArea?.id ?? null).toBe(sees(c.access, 'housing') ? place.housingAreaId : null)
    expect(p.department?.id ?? null).toBe(sees(c.access, 'housing') ? place.departmentId : null)
    for (const k of p.consents) if (k.document) expect(k.document.fileName).toBe(sees(c.access, 'contact') ? 'samtykke.pdf' : null)
    if (!sees(c.access, 'contact')) expect(res.body).not.toContain('samtykke.pdf')
    // Notes only in the categories the reader sees; those seeded in them are all there.
    for (const note of p.notes) expect(cats).toContain(note.category)
    const shown = p.notes.map((note) => note.id)
    for (const note of r.notes) expect(shown.includes(note.id), `note in ${note.category}`).toBe(cats.includes(note.category))
    if (!sees(c.access, 'contact')) expect(res.body).not.toContain(r.name)
    // Consents: the whole record shows every consent; the other party sees those naming it.
    const consents = p.consents.map((k) => k.id)
    if (c.access.kind === 'full') {
      if (r.consentId) expect(p.consents.find((k) => k.id === r.consentId)?.state).toBe(STATES[c.state].consent!.shownAs)
    } else {
      expect(consents).toEqual([r.consentId])
      for (const k of p.consents) expect(k.parties.map((party) => party.id)).toContain(parties.A[c.actor.party!].id)
    }
  })
})

describe('PUT /participants/:id (correct the record)', () => {
  const update = cases(matrix(), 'PUT resident', (c) => wholeRecord(c.access, done(204)))
  each(update)('%s', async (_name, c) => {
    const r = fixture(c)
    const before = await t.db.selectFrom('participant').select('version').where('id', '=', r.id).executeTakeFirstOrThrow()
    const { res } = await request(c.actor, 'PUT', `/participants/${r.id}`, { payload: { ...registration, name: r.name, version: before.version } })
    expectStatus(res, c.expected)
    const after = await t.db.selectFrom('participant').select(['version', 'name']).where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(after).toEqual({ version: res.statusCode === 204 ? before.version + 1 : before.version, name: r.name })
  })
})

describe('POST /participants/:id/notes (write a note)', () => {
  // 'notes' is named by the oral consent and 'health' by the written one; each is out of scope for the other.
  const notes = (['notes', 'health'] as const).flatMap((category) =>
    cases(matrix(), `add note in '${category}'`, (c) => withinCategory(c.access, category, done(201))).map((c) => ({ ...c, category })),
  )
  each(notes)('%s', async (_name, c) => {
    const r = fixture(c)
    const body = `Note fra ${actorName(c.actor)} om ${c.category} (${c.state})`
    const { res } = await request(c.actor, 'POST', `/participants/${r.id}/notes`, { payload: { category: c.category, body, writtenOn: today } })
    expectStatus(res, c.expected)
    const stored = await t.db.selectFrom('participant_note').select('category').where('participant_id', '=', r.id).where('body', '=', body).execute()
    expect(stored).toEqual(res.statusCode === 201 ? [{ category: c.category }] : [])
  })
})

describe('GET /participants/:id/cpr (reveal the CPR number)', () => {
  const reveal = cases(matrix(), 'reveal CPR', (c) => wholeRecord(c.access, done(200)))
  each(reveal)('%s', async (_name, c) => {
    const r = fixture(c)
    const { res, reads } = await request(c.actor, 'GET', `/participants/${r.id}/cpr`)
    expectStatus(res, c.expected)
    expectAudit(reads, c, c.expected, { entity: 'participant-cpr', entityId: r.id, participantId: r.id, disclosure: false })
    if (res.statusCode === 200) {
      expect(res.json()).toEqual({ cpr: r.cpr })
      expect(res.headers['cache-control']).toBe('no-store')
    } else {
      expect(res.body).not.toContain(r.cpr!.slice(6))
    }
  })
})

describe('GET /participants/:id/export (the resident’s own copy)', () => {
  // A resident's rights are exercised by the project leader and by the housing-social worker of the
  // party holding the resident (decision 036), whatever a consent says: the whole record's rule.
  const RIGHTS_ROLES: readonly Role[] = ['projektleder', 'boligsocial']
  const byRole = (c: Case) => !RIGHTS_ROLES.includes(c.actor.role) || c.access.kind === 'forbidden'
  const exports = cases(matrix(), 'export', (c) => (byRole(c) ? fail('forbidden') : wholeRecord(c.access, done(200))))
  each(exports)('%s', async (_name, c) => {
    const r = fixture(c)
    const { res, reads } = await request(c.actor, 'GET', `/participants/${r.id}/export`)
    expectStatus(res, c.expected)
    expectAudit(reads, c, c.expected, { entity: 'participant-rights', entityId: r.id, participantId: r.id, disclosure: false, refusedByRole: byRole(c) })
    if (res.statusCode === 200) {
      const data = res.json() as ParticipantExport
      expect(data.participant).toMatchObject({ Id: r.pseudonym, Navn: r.name })
    } else {
      expect(res.body).not.toContain(r.name)
    }
  })
})

describe('POST /participants/:id/erasure (erase on request)', () => {
  const list = ACTORS.flatMap((actor) =>
    OWNERS.map((owner) => {
      const allowed = actor.plan === 'A' && actor.role === 'projektleder'
      const expected = allowed ? done(204) : fail('forbidden')
      return { actor, owner, expected, name: `${actorName(actor)} · resident owned by ${owner} · erase → ${label(expected)}` }
    }),
  )
  each(list)('%s', async (_name, c) => {
    const allowed = c.expected.status === 204
    // The project leader erases a resident kept for this case; everyone else tries one that must stay.
    const r = erasable.get(`${c.owner}|${allowed ? 'projektleder' : 'kept'}`)!
    const { res } = await request(c.actor, 'POST', `/participants/${r.id}/erasure`, { payload: { confirmPseudonym: r.pseudonym } })
    expectStatus(res, c.expected)
    const row = await t.db.selectFrom('participant').select(['name', 'anonymised_reason']).where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(row).toEqual(allowed ? { name: null, anonymised_reason: 'erasure' } : { name: r.name, anonymised_reason: null })
  })
})

// ---- consents -------------------------------------------------------------------------------

describe('POST /participants/:id/consents (record a consent)', () => {
  const create = cases(matrix(), 'record consent', (c) => wholeRecord(c.access, done(201)))
  each(create)('%s', async (_name, c) => {
    const r = fixture(c)
    // A consent between the owner and itself: recording it changes no one's view of the resident.
    const purpose = `Registreret af ${actorName(c.actor)}`
    const { res } = await request(c.actor, 'POST', `/participants/${r.id}/consents`, {
      payload: { parties: [parties.A[c.owner].id], categories: ['housing'], purpose, form: 'oral', givenOn: today, validUntil: null },
    })
    expectStatus(res, c.expected)
    const stored = await t.db.selectFrom('consent').select('id').where('participant_id', '=', r.id).where('purpose', '=', purpose).execute()
    expect(stored).toHaveLength(res.statusCode === 201 ? 1 : 0)
  })
})

describe('POST /consents/:id/withdrawal (withdraw a consent)', () => {
  // Anyone who sees the resident may record a withdrawal: it only ever narrows what is shared.
  const whenSeen = (state: StateKey): Outcome => (state === 'withdrawn' ? fail('conflict') : state === 'not-yet' ? fail('validation') : done(204))
  const withdraw = cases(matrix(CONSENT_STATE_KEYS), 'withdraw consent', (c) => seesResident(c.access, whenSeen(c.state)))
  each(withdraw)('%s', async (_name, c) => {
    const who = c.actor.plan === 'A' && c.access.kind !== 'forbidden' ? actorId(c.actor) : 'refused-by-role'
    const r = withdrawCopies.get(`${key(c.owner, c.state)}|${who}`)!
    const before = await t.db.selectFrom('consent').select('withdrawn_on').where('id', '=', r.consentId!).executeTakeFirstOrThrow()
    const { res } = await request(c.actor, 'POST', `/consents/${r.consentId}/withdrawal`, { payload: { withdrawnOn: today } })
    expectStatus(res, c.expected)
    const after = await t.db.selectFrom('consent').select('withdrawn_on').where('id', '=', r.consentId!).executeTakeFirstOrThrow()
    expect(after.withdrawn_on).toBe(res.statusCode === 204 ? today : before.withdrawn_on)
  })
})

describe('GET /consents/:id/document (the signed consent)', () => {
  const download = cases(matrix(CONSENT_STATE_KEYS), 'download consent document', (c) =>
    // The signed paper names the resident, so the other party needs 'contact' in its consent.
    withinCategory(c.access, 'contact', STATES[c.state].consent!.document ? done(200) : fail('not_found')),
  )
  each(download)('%s', async (_name, c) => {
    const r = fixture(c)
    const { res, reads } = await request(c.actor, 'GET', `/consents/${r.consentId}/document`)
    expectStatus(res, c.expected)
    expectAudit(reads, c, c.expected, { entity: 'consents', entityId: r.consentId!, participantId: r.id, consentId: r.consentId, disclosure: true })
    if (res.statusCode === 200) {
      expect(res.headers['content-type']).toBe('application/pdf')
      expect(res.rawPayload.equals(PDF)).toBe(true)
    }
  })
})

// ---- enrolments -------------------------------------------------------------------------------

describe('POST /participants/:id/enrolments (enrol)', () => {
  const enrol = cases(matrix(), 'enrol on a waiting list', (c) => withinCategory(c.access, 'employment', done(201)))
  each(enrol)('%s', async (_name, c) => {
    const r = enrolCopies.get(key(c.owner, c.state))!
    const activityId = c.actor.role in enrolActivity ? enrolActivity[c.actor.role as keyof typeof enrolActivity] : course.id
    const { res } = await request(c.actor, 'POST', `/participants/${r.id}/enrolments`, {
      payload: { activityId, referredOn: daysAgo(1), referredBy: actorName(c.actor), startOn: null, selection: null },
    })
    expectStatus(res, c.expected)
    const stored = await t.db.selectFrom('enrolment').select('id').where('participant_id', '=', r.id).where('referred_by', '=', actorName(c.actor)).execute()
    expect(stored).toHaveLength(res.statusCode === 201 ? 1 : 0)
  })
})

describe('GET /enrolments/:id (one enrolment)', () => {
  const read = cases(matrix(), 'GET enrolment', (c) => withinCategory(c.access, 'employment', done(200, `name ${sees(c.access, 'contact') ? 'shown' : 'hidden'}`)))
  each(read)('%s', async (_name, c) => {
    const r = fixture(c)
    const { res, reads } = await request(c.actor, 'GET', `/enrolments/${r.enrolmentId}`)
    expectStatus(res, c.expected)
    expectAudit(reads, c, c.expected, { entity: 'enrolments', entityId: r.enrolmentId!, participantId: r.id, consentId: r.consentId, disclosure: true })
    if (res.statusCode === 200) {
      const e = res.json() as Enrolment
      expect(e).toMatchObject({ id: r.enrolmentId, participantId: r.id, pseudonym: r.pseudonym, activityId: course.id, status: 'active', name: sees(c.access, 'contact') ? r.name : null })
      expect(e.attendance.map((a) => a.sessionId)).toContain(baseSessionId)
      // Follow-ups and the exit note only under the categories the reader sees (issue 13, finding 15).
      const cats = categoriesOf(c.access)
      expect(e.followups.map((f) => f.id).sort()).toEqual(r.followups.filter((f) => cats.includes(f.category)).map((f) => f.id).sort())
      expect(e.exitNote).toBe(cats.includes('health') ? 'Exitnote om helbred' : null)
      if (!cats.includes('health')) expect(res.body).not.toContain('om helbred')
    } else {
      expect(res.body).not.toContain(r.name)
    }
  })
})

describe('PUT /enrolments/:id (update an enrolment)', () => {
  const update = cases(matrix(), 'PUT enrolment', (c) => withinCategory(c.access, 'employment', done(204)))
  each(update)('%s', async (_name, c) => {
    const r = fixture(c)
    const e = await t.db.selectFrom('enrolment').select(['version', 'start_on', 'planned_end_on', 'internship_contact']).where('id', '=', r.enrolmentId!).executeTakeFirstOrThrow()
    const { res } = await request(c.actor, 'PUT', `/enrolments/${r.enrolmentId}`, {
      payload: { version: e.version, startOn: e.start_on, plannedEndOn: e.planned_end_on, exitOn: null, exitReason: null, destinationOn: null, exitNote: null, internshipContact: !e.internship_contact },
    })
    expectStatus(res, c.expected)
    const after = await t.db.selectFrom('enrolment').select(['version', 'start_on', 'exit_on']).where('id', '=', r.enrolmentId!).executeTakeFirstOrThrow()
    expect(after).toEqual({ version: res.statusCode === 204 ? e.version + 1 : e.version, start_on: e.start_on, exit_on: null })
  })
})

describe('POST /enrolments/:id/followups (follow up)', () => {
  const followup = cases(matrix(), 'add follow-up', (c) => withinCategory(c.access, 'employment', done(201)))
  each(followup)('%s', async (_name, c) => {
    const r = fixture(c)
    const note = `Opfølgning fra ${actorName(c.actor)} (${c.state})`
    const { res } = await request(c.actor, 'POST', `/enrolments/${r.enrolmentId}/followups`, { payload: { heldOn: today, note } })
    expectStatus(res, c.expected)
    const stored = await t.db.selectFrom('enrolment_followup').select('id').where('enrolment_id', '=', r.enrolmentId!).where('note', '=', note).execute()
    expect(stored).toHaveLength(res.statusCode === 201 ? 1 : 0)
  })
})

// ---- young people's pathways (decision 023) ------------------------------------------------------

describe('a young person\'s pathway: read and record a step', () => {
  // A step of the course per actor, so each actor's recording is its own and none collide.
  const stepOf = new Map<string, string>()
  beforeAll(async () => {
    const rows = await t.db
      .insertInto('pathway_step')
      .values(ACTORS.map((_a, i) => ({ activity_id: course.id, position: i + 1, key: `trin-${i + 1}`, name: `Trin ${i + 1}` })))
      .returning(['id', 'position'])
      .execute()
    ACTORS.forEach((a, i) => stepOf.set(actorName(a), rows.find((r) => r.position === i + 1)!.id))
  })

  const read = cases(matrix(), 'GET pathways', (c) => withinCategory(c.access, 'employment', done(200)))
  each(read)('%s', async (_name, c) => {
    const r = fixture(c)
    const { res, reads } = await request(c.actor, 'GET', `/participants/${r.id}/pathways`)
    expectStatus(res, c.expected)
    expectAudit(reads, c, c.expected, { entity: 'pathway-progress', entityId: r.id, participantId: r.id, consentId: r.consentId, disclosure: true })
    if (res.statusCode === 200) expect((res.json() as { activityId: string }[]).map((p) => p.activityId)).toEqual([course.id])
  })

  const record = cases(matrix(), 'record a step', (c) => withinCategory(c.access, 'employment', done(201)))
  each(record)('%s', async (_name, c) => {
    const r = fixture(c)
    const stepId = stepOf.get(actorName(c.actor))!
    const { res } = await request(c.actor, 'POST', `/participants/${r.id}/pathway-progress`, { payload: { stepId, reachedOn: daysAgo(1), stillHeld: null, note: null } })
    expectStatus(res, c.expected)
    const stored = await t.db.selectFrom('pathway_progress').select('id').where('participant_id', '=', r.id).where('step_id', '=', stepId).execute()
    expect(stored).toHaveLength(res.statusCode === 201 ? 1 : 0)
  })
})

describe('GET /activities/:id/roster (who is in the course)', () => {
  const roster = cases(matrix(), 'roster', (c) => {
    if (c.access.kind === 'forbidden') return fail('forbidden')
    if (!sees(c.access, 'employment')) return done(200, 'counted in hiddenActive')
    return done(200, `listed, name ${sees(c.access, 'contact') ? 'shown' : 'hidden'}`)
  })
  each(roster)('%s', async (_name, c) => {
    const { res, reads } = await page(c.actor, `/activities/${course.id}/roster`)
    expectStatus(res, c.expected)
    if (c.access.kind === 'forbidden') return expect(reads).toEqual([])
    const r = fixture(c)
    const body = res.json() as Roster
    const entry = body.active.find((a) => a.participantId === r.id)
    expect(body.hiddenActive).toBe(hiddenFromCourse(c.actor))
    expect(body.active).toHaveLength(residents.size - hiddenFromCourse(c.actor))
    expect(reads).toHaveLength(1)
    expect(reads[0]).toMatchObject({ entity: 'enrolments', entity_id: course.id, plan_id: planIds.A })
    const ids = reads[0]!.details.ids as string[]
    if (!sees(c.access, 'employment')) {
      expect(entry).toBeUndefined()
      expect(ids).not.toContain(r.id)
      expect(res.body).not.toContain(r.pseudonym)
      return
    }
    expect(entry).toMatchObject({ enrolmentId: r.enrolmentId, pseudonym: r.pseudonym, name: sees(c.access, 'contact') ? r.name : null })
    expect(ids).toContain(r.id)
    // A resident shown to the other party under consent is a disclosure, and logged as one.
    const disclosed = ((reads[0]!.details.disclosure as { ids?: string[] } | undefined)?.ids ?? []).includes(r.id)
    expect(disclosed).toBe(c.access.kind === 'consent')
  })
})

// ---- placements -------------------------------------------------------------------------------
// Who is placed in a company is the resident's employment information (decision 022): the other
// party sees and records placements only under a consent naming 'employment'; the external
// partner, administrators and board members never. The company side (places taken) is not here.

describe('POST /placements (place a resident in an opening)', () => {
  const create = cases(matrix(), 'place in an opening', (c) => withinCategory(c.access, 'employment', done(201)))
  each(create)('%s', async (_name, c) => {
    const r = enrolCopies.get(key(c.owner, c.state))!
    const mentor = `Mentor for ${actorName(c.actor)}`
    const { res } = await request(c.actor, 'POST', '/placements', { payload: { openingId, participantId: r.id, startOn: today, mentor } })
    expectStatus(res, c.expected)
    const stored = await t.db.selectFrom('placement').select('id').where('participant_id', '=', r.id).where('mentor', '=', mentor).execute()
    expect(stored).toHaveLength(res.statusCode === 201 ? 1 : 0)
  })
})

describe('GET /placements/:id (one placement)', () => {
  const read = cases(matrix(), 'GET placement', (c) => withinCategory(c.access, 'employment', done(200, `name ${sees(c.access, 'contact') ? 'shown' : 'hidden'}`)))
  each(read)('%s', async (_name, c) => {
    const r = fixture(c)
    const { res, reads } = await request(c.actor, 'GET', `/placements/${r.placementId}`)
    expectStatus(res, c.expected)
    expectAudit(reads, c, c.expected, { entity: 'placement', entityId: r.placementId!, participantId: r.id, consentId: r.consentId, disclosure: true })
    if (res.statusCode === 200) {
      expect(res.json() as Placement).toMatchObject({ id: r.placementId, participantId: r.id, pseudonym: r.pseudonym, openingId, companyName: 'Danfoss A/S', status: 'running', name: sees(c.access, 'contact') ? r.name : null })
    } else {
      expect(res.body).not.toContain(r.name)
      expect(res.body).not.toContain('Mentor Mads')
    }
  })
})

describe('PUT /placements/:id (change a placement)', () => {
  const update = cases(matrix(), 'PUT placement', (c) => withinCategory(c.access, 'employment', done(204)))
  each(update)('%s', async (_name, c) => {
    const r = fixture(c)
    const before = await t.db.selectFrom('placement').select(['version', 'hours_per_week']).where('id', '=', r.placementId!).executeTakeFirstOrThrow()
    const { res } = await request(c.actor, 'PUT', `/placements/${r.placementId}`, { payload: { version: before.version, plannedEndOn: null, hoursPerWeek: 10 + before.version, mentor: 'Mentor Mads' } })
    expectStatus(res, c.expected)
    const after = await t.db.selectFrom('placement').select(['version', 'end_on']).where('id', '=', r.placementId!).executeTakeFirstOrThrow()
    expect(after).toEqual({ version: res.statusCode === 204 ? before.version + 1 : before.version, end_on: null })
  })
})

describe('POST /placements/:id/followups (follow up on a placement)', () => {
  const followup = cases(matrix(), 'follow up on a placement', (c) => withinCategory(c.access, 'employment', done(201)))
  each(followup)('%s', async (_name, c) => {
    const r = fixture(c)
    const note = `Opfølgning på praktik fra ${actorName(c.actor)} (${c.state})`
    const { res } = await request(c.actor, 'POST', `/placements/${r.placementId}/followups`, { payload: { kind: 'status', heldOn: today, note } })
    expectStatus(res, c.expected)
    const stored = await t.db.selectFrom('placement_followup').select('id').where('placement_id', '=', r.placementId!).where('note', '=', note).execute()
    expect(stored).toHaveLength(res.statusCode === 201 ? 1 : 0)
  })
})

describe('GET /placements (the placements one may see)', () => {
  const list = cases(matrix(), 'list placements', (c) => {
    if (c.access.kind === 'forbidden') return fail('forbidden')
    if (!sees(c.access, 'employment')) return done(200, 'counted as hidden')
    return done(200, `listed, name ${sees(c.access, 'contact') ? 'shown' : 'hidden'}`)
  })
  each(list)('%s', async (_name, c) => {
    const r = fixture(c)
    const { res, reads } = await request(c.actor, 'GET', `/placements?participantId=${r.id}`)
    expectStatus(res, c.expected)
    if (c.access.kind === 'forbidden') return expect(reads).toEqual([])
    const body = res.json() as PlacementList
    const entry = body.placements.find((p) => p.id === r.placementId)
    expect(reads).toHaveLength(1)
    expect(reads[0]).toMatchObject({ entity: 'placement', entity_id: planIds.A, plan_id: planIds.A })
    const ids = reads[0]!.details.ids as string[]
    if (!sees(c.access, 'employment')) {
      expect(entry).toBeUndefined()
      expect(body.hidden).toBeGreaterThanOrEqual(1)
      expect(ids).not.toContain(r.id)
      expect(res.body).not.toContain(r.pseudonym)
      return
    }
    expect(entry).toMatchObject({ pseudonym: r.pseudonym, name: sees(c.access, 'contact') ? r.name : null, companyName: 'Danfoss A/S' })
    expect(ids).toContain(r.id)
    const disclosed = ((reads[0]!.details.disclosure as { ids?: string[] } | undefined)?.ids ?? []).includes(r.id)
    expect(disclosed).toBe(c.access.kind === 'consent')
  })
})

// ---- sessions -------------------------------------------------------------------------------

describe('GET /activities/:id/sessions (attendance)', () => {
  const sessions = cases(matrix(), 'list sessions', (c) => {
    if (c.access.kind === 'forbidden') return fail('forbidden')
    if (!sees(c.access, 'employment')) return done(200, 'attendance hidden and counted')
    return done(200, `attendance shown, name ${sees(c.access, 'contact') ? 'shown' : 'hidden'}`)
  })
  each(sessions)('%s', async (_name, c) => {
    const { res, reads } = await page(c.actor, `/activities/${course.id}/sessions`)
    expectStatus(res, c.expected)
    if (c.access.kind === 'forbidden') return expect(reads).toEqual([])
    const r = fixture(c)
    const base = (res.json() as SessionList).sessions.find((s) => s.id === baseSessionId)!
    expect(base).toMatchObject({ present: residents.size, hidden: hiddenFromCourse(c.actor) })
    expect(base.attendance).toHaveLength(residents.size - hiddenFromCourse(c.actor))
    const row = base.attendance.find((a) => a.enrolmentId === r.enrolmentId)
    expect(reads).toHaveLength(1)
    expect(reads[0]).toMatchObject({ entity: 'attendance-session', entity_id: course.id, plan_id: planIds.A })
    const ids = reads[0]!.details.ids as string[]
    if (!sees(c.access, 'employment')) {
      expect(row).toBeUndefined()
      expect(ids).not.toContain(r.id)
      return
    }
    expect(row).toMatchObject({ pseudonym: r.pseudonym, name: sees(c.access, 'contact') ? r.name : null, status: 'present' })
    expect(ids).toContain(r.id)
    const disclosed = ((reads[0]!.details.disclosure as { ids?: string[] } | undefined)?.ids ?? []).includes(r.id)
    expect(disclosed).toBe(c.access.kind === 'consent')
  })
})

describe('POST /activities/:id/sessions (take attendance)', () => {
  const create = cases(matrix(), 'create session with the resident present', (c) => withinCategory(c.access, 'employment', done(201)))
  each(create)('%s', async (_name, c) => {
    const r = fixture(c)
    const title = `Samtale: ${actorName(c.actor)} (${c.owner}, ${c.state})`
    const { res } = await request(c.actor, 'POST', `/activities/${course.id}/sessions`, {
      payload: { kind: 'individual', heldOn: daysAgo(2), title, anonymousCount: null, attendance: [{ enrolmentId: r.enrolmentId, status: 'present' }] },
    })
    expectStatus(res, c.expected)
    const stored = await t.db.selectFrom('activity_session').select('id').where('title', '=', title).execute()
    expect(stored).toHaveLength(res.statusCode === 201 ? 1 : 0)
  })
})

// ---- activities, figures and privacy: not about one resident ----------------------------------

describe('activities, figures and privacy settings', () => {
  // Activities and figures carry no names: every role on the plan reads them, board members too.
  const onPlan = (a: ActorKey) => a.plan === 'A'
  const plain = ACTORS.flatMap((actor) => {
    const everyone = onPlan(actor) ? done(200) : fail('forbidden')
    const privacyRead = onPlan(actor) && (actor.role === 'admin' || actor.role === 'projektleder') ? done(200) : fail('forbidden')
    const privacyUpdate = onPlan(actor) && actor.role === 'projektleder' ? done(204) : fail('forbidden')
    return [
      { actor, method: 'GET' as Method, path: () => '/activities', what: 'list activities', expected: everyone },
      { actor, method: 'GET' as Method, path: () => `/activities/${course.id}/figures?period=${today.slice(0, 4)}`, what: 'read figures', expected: everyone },
      { actor, method: 'GET' as Method, path: () => '/privacy', what: 'read privacy settings', expected: privacyRead },
      { actor, method: 'PUT' as Method, path: () => '/privacy', what: 'update privacy settings', expected: privacyUpdate },
    ].map((c) => ({ ...c, name: `${actorName(actor)} · ${c.what} → ${label(c.expected)}` }))
  })
  each(plain)('%s', async (_name, c) => {
    const { res, reads } = await request(c.actor, c.method, c.path(), c.method === 'PUT' ? { payload: privacy } : {})
    expectStatus(res, c.expected)
    expect(reads).toEqual([])
    if (res.statusCode !== 200) return
    if (c.what === 'list activities') expect((res.json() as Activity[]).map((a) => a.id)).toContain(course.id)
    if (c.what === 'read privacy settings') expect((res.json() as PrivacyOverview).settings).toEqual(privacy)
    // Figures and activities are counts: no resident's name or pseudonym is in them.
    for (const r of residents.values()) expect(res.body).not.toContain(r.name)
  })
})

// ---- another plan's residents through one's own plan ------------------------------------------

describe('plan A’s residents asked for through plan B', () => {
  // The other plan's users name their own plan in the path and plan A's ids: the role check comes
  // first (403 forbidden for roles without the action), and then plan A's records do not exist in
  // plan B (404), so nothing of plan A is read or changed.
  const RESIDENT_ROLES: readonly Role[] = ['projektleder', 'boligsocial', 'jobcenter']
  // Those who may read residents at all: the staff and the external partner.
  const READERS: readonly Role[] = [...RESIDENT_ROLES, 'samarbejdspartner']
  const PROJECT_LEADER: readonly Role[] = ['projektleder']
  const r = () => fixture({ owner: 'boligsocial', state: 'written' })
  const routes: { what: string; method: Method; roles: readonly Role[]; path: () => string; payload?: () => unknown }[] = [
    { what: 'GET resident', method: 'GET', roles: READERS, path: () => `/participants/${r().id}` },
    { what: 'PUT resident', method: 'PUT', roles: RESIDENT_ROLES, path: () => `/participants/${r().id}`, payload: () => ({ ...registration, name: 'Overskrevet', version: 1 }) },
    { what: 'add note', method: 'POST', roles: RESIDENT_ROLES, path: () => `/participants/${r().id}/notes`, payload: () => ({ category: 'health', body: 'Fra plan B', writtenOn: today }) },
    { what: 'reveal CPR', method: 'GET', roles: RESIDENT_ROLES, path: () => `/participants/${r().id}/cpr` },
    { what: 'export', method: 'GET', roles: ['projektleder', 'boligsocial'], path: () => `/participants/${r().id}/export` },
    { what: 'erase', method: 'POST', roles: PROJECT_LEADER, path: () => `/participants/${erasable.get('boligsocial|kept')!.id}/erasure`, payload: () => ({ confirmPseudonym: erasable.get('boligsocial|kept')!.pseudonym }) },
    {
      what: 'record consent',
      method: 'POST',
      roles: RESIDENT_ROLES,
      path: () => `/participants/${r().id}/consents`,
      payload: () => ({ parties: [parties.A.boligsocial.id, parties.A.jobcenter.id], categories: ['contact'], purpose: 'Fra plan B', form: 'oral', givenOn: today, validUntil: null }),
    },
    { what: 'withdraw consent', method: 'POST', roles: RESIDENT_ROLES, path: () => `/consents/${withdrawCopies.get('boligsocial|written|refused-by-role')!.consentId}/withdrawal`, payload: () => ({ withdrawnOn: today }) },
    { what: 'download consent document', method: 'GET', roles: READERS, path: () => `/consents/${r().consentId}/document` },
    { what: 'enrol', method: 'POST', roles: RESIDENT_ROLES, path: () => `/participants/${r().id}/enrolments`, payload: () => ({ activityId: course.id, referredOn: today, referredBy: 'Plan B', startOn: null, selection: null }) },
    { what: 'GET enrolment', method: 'GET', roles: RESIDENT_ROLES, path: () => `/enrolments/${r().enrolmentId}` },
    {
      what: 'PUT enrolment',
      method: 'PUT',
      roles: RESIDENT_ROLES,
      path: () => `/enrolments/${r().enrolmentId}`,
      payload: () => ({ version: 1, startOn: daysAgo(10), plannedEndOn: null, exitOn: today, exitReason: 'andet', destinationOn: null, exitNote: null, internshipContact: false }),
    },
    { what: 'add follow-up', method: 'POST', roles: RESIDENT_ROLES, path: () => `/enrolments/${r().enrolmentId}/followups`, payload: () => ({ heldOn: today, note: 'Fra plan B' }) },
    { what: 'roster', method: 'GET', roles: RESIDENT_ROLES, path: () => `/activities/${course.id}/roster` },
    { what: 'place in an opening', method: 'POST', roles: RESIDENT_ROLES, path: () => '/placements', payload: () => ({ openingId, participantId: r().id, startOn: today, mentor: 'Fra plan B' }) },
    { what: 'GET placement', method: 'GET', roles: RESIDENT_ROLES, path: () => `/placements/${r().placementId}` },
    { what: 'PUT placement', method: 'PUT', roles: RESIDENT_ROLES, path: () => `/placements/${r().placementId}`, payload: () => ({ version: 1, plannedEndOn: null, hoursPerWeek: 37, mentor: 'Fra plan B', endOn: today, outcome: 'job' }) },
    { what: 'follow up on a placement', method: 'POST', roles: RESIDENT_ROLES, path: () => `/placements/${r().placementId}/followups`, payload: () => ({ kind: 'status', heldOn: today, note: 'Fra plan B' }) },
    { what: 'list sessions', method: 'GET', roles: RESIDENT_ROLES, path: () => `/activities/${course.id}/sessions` },
    {
      what: 'create session',
      method: 'POST',
      roles: RESIDENT_ROLES,
      path: () => `/activities/${course.id}/sessions`,
      payload: () => ({ kind: 'individual', heldOn: daysAgo(2), title: 'Fra plan B', anonymousCount: null, attendance: [{ enrolmentId: r().enrolmentId, status: 'present' }] }),
    },
    { what: 'read figures', method: 'GET', roles: Role.options, path: () => `/activities/${course.id}/figures?period=${today.slice(0, 4)}` },
  ]
  const list = Role.options.flatMap((role) =>
    routes.map((route) => {
      const actor: ActorKey = { role, plan: 'B', party: DEFAULT_PARTY[role] }
      const expected = route.roles.includes(role) ? fail('not_found') : fail('forbidden')
      return { ...route, actor, expected, name: `${actorName(actor)} · plan A’s resident through plan B · ${route.what} → ${label(expected)}` }
    }),
  )
  each(list)('%s', async (_name, c) => {
    const auditBefore = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_id', '=', planIds.A).executeTakeFirstOrThrow()
    const { res, reads } = await request(c.actor, c.method, c.path(), { plan: 'B', ...(c.payload ? { payload: c.payload() } : {}) })
    expectStatus(res, c.expected)
    expect(reads).toEqual([])
    expect(res.body).not.toContain(r().name)
    // Nothing happened to plan A: not a read, not a write.
    const auditAfter = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_id', '=', planIds.A).executeTakeFirstOrThrow()
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n))
  })

  it.each(Role.options)('lists none of plan A’s residents to a %s on plan B', async (role) => {
    const { res } = await request({ role, plan: 'B', party: DEFAULT_PARTY[role] }, 'GET', '/participants?pageSize=200', { plan: 'B' })
    if (!READERS.includes(role)) return expectStatus(res, fail('forbidden'))
    expect(res.statusCode).toBe(200)
    const ids = new Set((res.json() as ParticipantList).items.map((i) => i.id))
    for (const resident of residents.values()) expect(ids.has(resident.id)).toBe(false)
    expect(res.json()).toMatchObject({ total: 0, hiddenByConsent: 0 })
  })
})
