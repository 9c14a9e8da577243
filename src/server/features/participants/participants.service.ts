import path from 'node:path'
import { type Consent, guardianConsentStanding } from '../../../shared/consents.ts'
import { partyName } from '../../../shared/parties.ts'
import { enrolmentStatusOf } from '../../../shared/enrolments.ts'
import {
  type AgeBand,
  type Note,
  type NoteCreate,
  type Participant,
  ParticipantCreate,
  type ParticipantForm,
  type ParticipantList,
  type ParticipantListQuery,
  ParticipantUpdate,
  DuplicateCheck,
  type DuplicateReason,
  type PossibleDuplicate,
  FIELD_CATEGORIES,
  LIST_COUNT_LIMIT,
  ageBandOf,
  birthYearProblem,
} from '../../../shared/participants.ts'
import { type AuditEntry, writeAudit } from '../../lib/audit-log.ts'
import type { Grant } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import type { ConsentRow } from '../consents/consent-records.service.ts'
import { CONSENT_CATEGORIES, consentState } from '../consents/consent-validity.ts'
import { loadCheckedCprKey } from './cpr-key.ts'
import { cprLookupHash, decryptCpr, encryptCpr, maskCpr, parseCpr } from './cpr.ts'
import { type ParticipantView, readerOf, residentReach, sees } from './participant-access.ts'
import { targetGroupsInForce } from '../reference-data/reference-data.service.ts'
import * as repo from './participants.repo.ts'
import { refuseErasedResident } from './erased-guard.ts'
import { decideView, requireView, scopesOf } from './resident-gate.ts'

// Residents (decision 008). Every function takes the Grant the route's access declaration produced,
// and every function that returns a resident's data first gets a ParticipantView for that reader
// from the resident gate (resident-gate.ts) and builds the response from it: the view is the only
// way in.

let cprKey: { file: string; key: Promise<Buffer> } | null = null
/**
 * The CPR key, read once and checked against a stored CPR number (`loadCheckedCprKey`); a key that does
 * not fit is not kept, so a key file restored while the server runs is read again on the next use.
 */
export function cprKeyOf(ctx: AppContext): Promise<Buffer> {
  const file = cprKeyFile(ctx.config)
  if (!cprKey || cprKey.file !== file) {
    const key = repo.anyEncryptedCpr(ctx.db).then((stored) => loadCheckedCprKey(file, stored))
    const entry = { file, key }
    cprKey = entry
    key.catch(() => {
      if (cprKey === entry) cprKey = null
    })
  }
  return cprKey.key
}

/** Where the CPR key lives: CPR_KEY_FILE, or cpr.key in the data folder. */
export function cprKeyFile(config: AppContext['config']): string {
  return config.CPR_KEY_FILE ?? path.join(config.dataDir, 'cpr.key')
}

/** Checks the key file against the CPR numbers in `db` (after a restore): throws cpr_key_missing, naming the file. */
export async function checkCprKey(db: AppContext['db'], config: AppContext['config']): Promise<void> {
  await loadCheckedCprKey(cprKeyFile(config), await repo.anyEncryptedCpr(db))
}

/** Forgets the key read, so the next use reads and checks the file again (after a restore). */
export function forgetCprKey(): void {
  cprKey = null
}

/** `seesFileName`: whether the reader's scope covers the category of the document's name (contact). */
export function toConsentDto(c: ConsentRow, asOf: string, seesFileName = true): Consent {
  return {
    id: c.id,
    parties: c.partyRefs,
    categories: c.categories,
    purpose: c.purpose,
    form: c.form,
    givenOn: c.givenOn,
    validUntil: c.validUntil,
    withdrawnOn: c.withdrawnOn,
    document: c.documentFileName ? { fileName: seesFileName ? c.documentFileName : null, uploadedAt: c.documentUploadedAt!.toISOString() } : null,
    state: consentState(c, asOf),
    givenBy: c.givenBy,
    guardian: c.guardian,
    asksForOwnConsent: c.givenBy === 'guardian' && guardianConsentStanding(c.birthYear ?? null, asOf) === 'ask-own-consent' && !['withdrawn', 'expired', 'outgrown'].includes(consentState(c, asOf)),
    recordedAt: c.recordedAt.toISOString(),
    recordedBy: c.recordedBy,
  }
}

export async function getParticipant(ctx: AppContext, grant: Grant<'participants', 'read'>, participantId: string): Promise<{ dto: Participant; view: ParticipantView }> {
  // One statement reads the resident, their consents and everything the page may show; the gate
  // then decides from the consents what this reader sees, as for every resident read (decision 038).
  const loaded = await repo.residentPageOf(ctx.db, grant.planId!, participantId)
  const record = loaded?.record
  const head = record
    ? { id: record.id, planId: record.plan_id, pseudonym: record.pseudonym, ownerParty: record.owner_party_id, anonymised: record.anonymised_at !== null }
    : null
  const { view } = await decideView(ctx, grant, participantId, head, loaded?.consents ?? [])
  const dto = await presentParticipant(ctx, view, loaded!)
  return { dto, view }
}

async function presentParticipant(ctx: AppContext, view: ParticipantView, loaded: NonNullable<Awaited<ReturnType<typeof repo.residentPageOf>>>): Promise<Participant> {
  const { record: row, consents } = loaded
  // A plan whose privacy row was never written has the defaults; privacyOf writes it.
  const cprEnabled = loaded.cprEnabled ?? (await repo.privacyOf(ctx.db, row.plan_id)).cpr_enabled
  const enrolments = sees(view, FIELD_CATEGORIES.enrolments) ? loaded.enrolments : null
  const allNotes = loaded.notes
  const asOf = today(ctx)
  const full = view.scope.kind === 'full'
  const notes = allNotes.filter((n) => sees(view, n.category as Note['category']))
  const party = view.scope.kind === 'consent' ? view.scope.party : null
  let cprMasked: string | null = null
  if (full && cprEnabled && row.cpr_encrypted) {
    const cpr = decryptCpr(row.cpr_encrypted, await cprKeyOf(ctx))
    cprMasked = maskCpr(cpr)
  }
  return {
    id: row.id,
    planId: row.plan_id,
    pseudonym: row.pseudonym,
    ownerParty: { id: row.owner_party_id, name: partyName({ name: row.owner_name, unit: row.owner_unit }) },
    registeredOn: row.registered_on,
    ageBand: sees(view, FIELD_CATEGORIES.ageBand) ? ((row.age_band as AgeBand | null) ?? null) : null,
    housingArea: sees(view, FIELD_CATEGORIES.housingArea) && row.housing_area_id && row.housing_area_name ? { id: row.housing_area_id, name: row.housing_area_name } : null,
    department: sees(view, FIELD_CATEGORIES.department) && row.department_id && row.department_number ? { id: row.department_id, number: row.department_number, name: row.department_name } : null,
    anonymised: row.anonymised_at !== null,
    version: row.version,
    access: { scope: view.scope.kind, categories: [...view.scope.categories], reason: view.scope.reason },
    contact: sees(view, FIELD_CATEGORIES.contact) ? { name: row.name, phone: row.phone, email: row.email, address: row.address, birthYear: row.birth_year } : null,
    targetGroup: sees(view, FIELD_CATEGORIES.targetGroup) ? { code: row.target_group_code, on: row.target_group_on } : null,
    cprMasked,
    enrolments:
      enrolments?.map((e) => ({
        id: e.id,
        activityId: e.activity_id,
        activityName: e.activity_name,
        status: enrolmentStatusOf({ startOn: e.start_on, exitOn: e.exit_on }),
        referredOn: e.referred_on,
        startOn: e.start_on,
        exitOn: e.exit_on,
      })) ?? null,
    notes: notes.map((n) => ({ id: n.id, category: n.category as Note['category'], body: n.body, writtenOn: n.written_on, writtenBy: n.written_by_name })),
    // The other party sees the consents that name it: the ground it stands on, and no more.
    consents: consents.filter((c) => party === null || c.parties.includes(party)).map((c) => toConsentDto(c, asOf, sees(view, FIELD_CATEGORIES.consentDocumentName))),
  }
}

/**
 * A page of the residents list. With `audit` (the route's readAuditEntry), the read's audit row is
 * written by the list's own statement (decision 044) and `recorded` says so; a reader who may see
 * no resident is read without it (`recorded` false), for the audit hook to log.
 */
export async function listParticipants(
  ctx: AppContext,
  grant: Grant<'participants', 'read'>,
  query: ParticipantListQuery,
  audit: AuditEntry | null = null,
): Promise<ParticipantList & { ids: string[]; disclosedIds: string[]; recorded: boolean }> {
  const planId = grant.planId!
  const page = Number(query.page ?? 1)
  const pageSize = Number(query.pageSize ?? 50)
  const reach = residentReach(readerOf(grant))
  // The consent rule, search, counting and paging run in PostgreSQL (participants.repo.ts listPage):
  // the list must not show or count anyone the reader may not see, and a page costs the same
  // whatever the plan's size. The reader's part of the rule is decided here, once, by the same
  // function participantScope() starts from.
  const reader: repo.ListReader | null =
    reach.kind === 'all' ? { kind: 'all' } : reach.kind === 'party' ? { kind: 'party', partyId: reach.party.id, ownerSeesFull: reach.ownerSeesFull } : null
  const q = query.q?.trim().toLowerCase() ?? ''
  const includeAnonymised = query.includeAnonymised === 'true'
  // Counts stop above the limit, or above the end of this page where that is further (decision 038).
  const countLimit = Math.max(LIST_COUNT_LIMIT, page * pageSize)
  const capped = (n: number) => (n > countLimit ? { count: countLimit, capped: true } : { count: n, capped: false })
  if (reader === null) {
    const hidden = capped(await repo.countResidents(ctx.db, planId, includeAnonymised, countLimit))
    return { items: [], total: 0, totalCapped: false, page, pageSize, hiddenByConsent: hidden.count, hiddenCapped: hidden.capped, ids: [], disclosedIds: [], recorded: false }
  }
  const { total, hidden, rows } = await repo.listPage(ctx.db, {
    planId,
    reader,
    asOf: today(ctx),
    includeAnonymised,
    search: q === '' ? null : q,
    offset: (page - 1) * pageSize,
    limit: pageSize,
    countLimit,
    audit,
  })
  const items: ParticipantList['items'] = rows.map((r) => {
    const categories = r.categories === null ? CONSENT_CATEGORIES : CONSENT_CATEGORIES.filter((c) => r.categories!.includes(c))
    const seesEmployment = categories.includes(FIELD_CATEGORIES.enrolments)
    const count = r.enrolments
    return {
      id: r.id,
      pseudonym: r.pseudonym,
      name: categories.includes(FIELD_CATEGORIES.contact) ? r.name : null,
      ageBand: categories.includes(FIELD_CATEGORIES.ageBand) ? ((r.age_band as AgeBand | null) ?? null) : null,
      housingArea: categories.includes(FIELD_CATEGORIES.housingArea) ? r.housing_area_name : null,
      activeEnrolments: seesEmployment ? count.active : null,
      waitingEnrolments: seesEmployment ? count.waiting : null,
      scope: r.categories === null ? 'full' : 'consent',
      // Shared when a consent in force names any party besides the one that owns the record.
      sharedWithOtherParty: r.shared_with_other_party,
      anonymised: r.anonymised,
    }
  })
  const counted = capped(total)
  const hiddenCounted = capped(hidden)
  return {
    items,
    total: counted.count,
    totalCapped: counted.capped,
    page,
    pageSize,
    hiddenByConsent: hiddenCounted.count,
    hiddenCapped: hiddenCounted.capped,
    ids: items.map((i) => i.id),
    disclosedIds: items.filter((i) => i.scope === 'consent').map((i) => i.id),
    recorded: audit !== null,
  }
}

export async function participantForm(ctx: AppContext, grant: Grant<'participants', 'read' | 'create'>): Promise<ParticipantForm> {
  const planId = grant.planId!
  const [privacy, [areas, departments], targetGroups] = await Promise.all([
    repo.privacyOf(ctx.db, planId),
    repo.formChoices(ctx.db, planId),
    // Codes in force today, with today's words; an older code stays readable on residents who have it.
    targetGroupsInForce(ctx, today(ctx)),
  ])
  return {
    cprEnabled: privacy.cpr_enabled,
    housingAreas: areas,
    departments: departments.map((d) => ({ id: d.id, number: d.number, name: d.name, housingAreaId: d.housing_area_id })),
    targetGroups,
  }
}

/** A birth year in the future or making the resident older than 110 is refused, naming the field. */
function checkBirthYear(birthYear: number | null, asOf: string): void {
  const problem = birthYear === null ? null : birthYearProblem(birthYear, asOf)
  if (problem) throw new AppError('validation', problem, { issues: [{ path: 'birthYear', message: problem }] })
}

/** Fields whose old and new values the audit log keeps on a correction (decision 025). */
const AUDITED_VALUES = ['birthYear', 'ageBand', 'housingAreaId', 'departmentId', 'targetGroupCode', 'targetGroupOn'] as const
/** Fields that identify the resident: the audit log says they changed, not what they said (it outlives erasure). */
const AUDITED_IDENTIFIERS = ['name', 'phone', 'email', 'address'] as const

type Correction = Record<string, { from: string | number | null; to: string | number | null } | { changed: true }>

/** What a correction changed, field by field: before and after, or only "changed" for identifiers. */
export function correctionOf(before: Record<string, string | number | null>, after: Record<string, string | number | null>): Correction {
  const changes: Correction = {}
  for (const field of AUDITED_VALUES) if (before[field] !== after[field]) changes[field] = { from: before[field] ?? null, to: after[field] ?? null }
  for (const field of AUDITED_IDENTIFIERS) if (before[field] !== after[field]) changes[field] = { changed: true }
  return changes
}

async function checkPlace(ctx: AppContext, planId: string, housingAreaId: string | null, departmentId: string | null): Promise<void> {
  if (housingAreaId) {
    if (!(await repo.housingAreaInPlan(ctx.db, planId, housingAreaId))) throw new AppError('validation', 'Boligområdet hører ikke til denne helhedsplan.', { issues: [{ path: 'housingAreaId', message: 'Vælg et boligområde fra listen.' }] })
  }
  if (departmentId) {
    if (!(await repo.departmentInPlan(ctx.db, planId, departmentId))) throw new AppError('validation', 'Afdelingen hører ikke til denne helhedsplan.', { issues: [{ path: 'departmentId', message: 'Vælg en afdeling fra listen.' }] })
  }
}

async function cprColumns(ctx: AppContext, planId: string, input: string | null | undefined, exceptId: string | null): Promise<{ cpr_encrypted: string | null; cpr_lookup: string | null } | undefined> {
  if (input === undefined) return undefined
  if (input === null) return { cpr_encrypted: null, cpr_lookup: null }
  const privacy = await repo.privacyOf(ctx.db, planId)
  if (!privacy.cpr_enabled) throw new AppError('validation', 'Helhedsplanen registrerer ikke CPR-numre.', { issues: [{ path: 'cpr', message: 'CPR-numre er slået fra i denne helhedsplan.' }] })
  const parsed = parseCpr(input)
  if (!parsed.ok) throw new AppError('validation', parsed.message, { issues: [{ path: 'cpr', message: parsed.message }] })
  const key = await cprKeyOf(ctx)
  const lookup = cprLookupHash(parsed.cpr, key)
  const existing = await repo.residentWithCpr(ctx.db, planId, lookup, exceptId)
  if (existing) throw new AppError('conflict', `Der findes allerede en deltager med dette CPR-nummer (${existing.pseudonym}).`, { issues: [{ path: 'cpr', message: `CPR-nummeret er allerede registreret på ${existing.pseudonym}.` }] })
  return { cpr_encrypted: encryptCpr(parsed.cpr, key), cpr_lookup: lookup }
}

/**
 * Residents already registered who may be the same person as `input` (decision 025), as far as the
 * reader may see them: a resident the reader may not see is left out, so the check cannot tell
 * anyone that a person they may not know about is registered. The name is shown only within consent.
 */
export async function possibleDuplicates(ctx: AppContext, grant: Grant<'participants', 'create'>, input: DuplicateCheck, options: { logRead?: boolean } = {}): Promise<PossibleDuplicate[]> {
  const planId = grant.planId!
  const data = DuplicateCheck.parse(input)
  let cprLookup: string | null = null
  if (data.cpr) {
    const privacy = await repo.privacyOf(ctx.db, planId)
    const parsed = parseCpr(data.cpr)
    if (privacy.cpr_enabled && parsed.ok) cprLookup = cprLookupHash(parsed.cpr, await cprKeyOf(ctx))
  }
  const rows = await repo.possibleDuplicates(ctx.db, planId, { name: data.name, birthYear: data.birthYear, phone: data.phone, email: data.email, cprLookup })
  if (rows.length === 0) return []
  const scopes = await scopesOf(ctx, grant, rows.map((r) => r.id))
  const found = rows.flatMap((r) => {
    const seen = scopes.get(r.id)
    if (!seen || seen.scope.kind === 'none' || !seen.scope.categories.includes('contact')) return []
    const reasons: DuplicateReason[] = []
    if (r.same_name) reasons.push('name-and-birth-year')
    if (r.same_phone) reasons.push('phone')
    if (r.same_email) reasons.push('email')
    if (r.same_cpr) reasons.push('cpr')
    return [{ id: r.id, pseudonym: r.pseudonym, name: seen.name, reasons }]
  })
  // Names shown to the one registering are a read of those residents, and logged as one.
  if (options.logRead) {
    for (const d of found) {
      await writeAudit(ctx.db, { actor: { id: grant.actor.id }, action: 'read', entity: 'participants', entityId: d.id, planId, details: { participantId: d.id, duplicateCheck: d.reasons } })
    }
  }
  return found
}

export async function registerParticipant(ctx: AppContext, grant: Grant<'participants', 'create'>, input: ParticipantCreate): Promise<{ id: string; pseudonym: string }> {
  const planId = grant.planId!
  const data = ParticipantCreate.parse(input)
  // Owned by the plan's data controller if it has one, else by the registering user's party.
  const own = readerOf(grant).party
  if (!own) throw new AppError('forbidden', 'Du er ikke knyttet til en af helhedsplanens parter, så du kan ikke registrere beboere.')
  const owner = (await repo.dataControllerOf(ctx.db, planId)) ?? own.id
  checkBirthYear(data.birthYear, today(ctx))
  await checkPlace(ctx, planId, data.housingAreaId, data.departmentId)
  const cpr = await cprColumns(ctx, planId, data.cpr ?? null, null)
  // A possible duplicate is registered only as a conscious choice, and the choice is logged.
  const duplicates = await possibleDuplicates(ctx, grant, { name: data.name, birthYear: data.birthYear, phone: data.phone, email: data.email })
  if (duplicates.length > 0 && !data.confirmDuplicates) {
    const who = duplicates.map((d) => d.pseudonym).join(', ')
    throw new AppError('confirmation_required', `Der er allerede registreret en beboer, der kan være den samme person (${who}). Se efter, før du registrerer igen.`)
  }
  return ctx.db.transaction().execute(async (trx) => {
    const pseudonym = await repo.nextPseudonym(trx, planId)
    const row = await repo.insertParticipant(trx, {
      plan_id: planId,
      pseudonym,
      owner_party_id: owner,
      registered_on: data.registeredOn,
      name: data.name,
      phone: data.phone,
      email: data.email,
      address: data.address,
      birth_year: data.birthYear,
      age_band: data.ageBand ?? (data.birthYear ? ageBandOf(data.birthYear, data.registeredOn) : null),
      housing_area_id: data.housingAreaId,
      department_id: data.departmentId,
      target_group_code: data.targetGroupCode,
      target_group_on: data.targetGroupOn,
      ...(cpr ?? {}),
      created_by: grant.actor.id,
    })
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'create',
      entity: 'participants',
      entityId: row.id,
      planId,
      details: { pseudonym, cpr: cpr?.cpr_encrypted ? 'set' : 'none', ...(duplicates.length > 0 ? { registeredDespiteDuplicates: duplicates.map((d) => d.pseudonym) } : {}) },
    })
    return { id: row.id, pseudonym }
  })
}

export async function updateParticipant(ctx: AppContext, grant: Grant<'participants', 'update'>, participantId: string, input: ParticipantUpdate): Promise<void> {
  const planId = grant.planId!
  const { view, head } = await requireView(ctx, grant, participantId)
  if (view.scope.kind !== 'full') throw new AppError('forbidden', 'Kun den organisation, der har registreret beboeren, og projektlederen kan rette oplysningerne.')
  refuseErasedResident(head)
  const data = ParticipantUpdate.parse(input)
  checkBirthYear(data.birthYear, today(ctx))
  await checkPlace(ctx, planId, data.housingAreaId, data.departmentId)
  const cpr = await cprColumns(ctx, planId, data.cpr, participantId)
  const ageBand = data.ageBand ?? (data.birthYear ? ageBandOf(data.birthYear, today(ctx)) : null)
  await ctx.db.transaction().execute(async (trx) => {
    const before = (await repo.participantRecord(trx, planId, participantId))!
    const updated = await repo.updateParticipant(trx, participantId, data.version, {
      name: data.name,
      phone: data.phone,
      email: data.email,
      address: data.address,
      birth_year: data.birthYear,
      age_band: ageBand,
      housing_area_id: data.housingAreaId,
      department_id: data.departmentId,
      target_group_code: data.targetGroupCode,
      target_group_on: data.targetGroupOn,
      ...(cpr ?? {}),
      updated_at: ctx.now(),
      version: data.version + 1,
    })
    if (!updated) throw new AppError('conflict', 'En anden har rettet deltageren imens. Hent siden igen.')
    const changes = correctionOf(
      {
        name: before.name,
        phone: before.phone,
        email: before.email,
        address: before.address,
        birthYear: before.birth_year,
        ageBand: before.age_band,
        housingAreaId: before.housing_area_id,
        departmentId: before.department_id,
        targetGroupCode: before.target_group_code,
        targetGroupOn: before.target_group_on,
      },
      {
        name: data.name,
        phone: data.phone,
        email: data.email,
        address: data.address,
        birthYear: data.birthYear,
        ageBand,
        housingAreaId: data.housingAreaId,
        departmentId: data.departmentId,
        targetGroupCode: data.targetGroupCode,
        targetGroupOn: data.targetGroupOn,
      },
    )
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'update',
      entity: 'participants',
      entityId: participantId,
      planId,
      details: { fields: Object.keys(changes), changes, ...(cpr ? { cpr: cpr.cpr_encrypted ? 'set' : 'removed' } : {}) },
    })
  })
}

export async function addNote(ctx: AppContext, grant: Grant<'participants', 'update'>, participantId: string, input: NoteCreate): Promise<{ id: string }> {
  const { view, head } = await requireView(ctx, grant, participantId)
  refuseErasedResident(head)
  // A reader may write only in a category they may read: a note the writer could not see again
  // would be a disclosure the resident did not agree to, the other way round.
  if (!sees(view, input.category)) throw new AppError('consent_required', 'Samtykket omfatter ikke denne slags oplysninger, så du kan ikke skrive en note om det.')
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertNote(trx, { participant_id: participantId, category: input.category, body: input.body, written_on: input.writtenOn, written_by: grant.actor.id })
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'create', entity: 'participant-notes', entityId: row.id, planId: grant.planId, details: { participantId, category: input.category } })
    return row
  })
}

/** The full CPR number, for a reader with full access; the route's read is the logged reveal. */
export async function revealCpr(ctx: AppContext, grant: Grant<'participant-cpr', 'read'>, participantId: string): Promise<string> {
  const { view } = await requireView(ctx, grant, participantId)
  if (view.scope.kind !== 'full') throw new AppError('forbidden', 'Kun den organisation, der har registreret beboeren, og projektlederen kan se CPR-nummeret.')
  const planId = grant.planId!
  const privacy = await repo.privacyOf(ctx.db, planId)
  const cpr = await repo.cprOf(ctx.db, participantId)
  if (!privacy.cpr_enabled || !cpr) throw new AppError('not_found', 'Der er ikke registreret et CPR-nummer.')
  return decryptCpr(cpr, await cprKeyOf(ctx))
}
