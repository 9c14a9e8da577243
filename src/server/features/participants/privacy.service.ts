import type { Transaction } from 'kysely'
import { consentCategoryLabels, consentStateLabels, listInDanish } from '../../../shared/consents.ts'
import { type ExitReason, exitReasonLabels } from '../../../shared/enrolments.ts'
import { formatCount, formatDay, isoDay } from '../../../shared/lib/format.ts'
import { addDays, addMonths } from '../../../shared/lib/period.ts'
import {
  ANONYMISATIONS_WITHOUT_CONFIRMATION,
  type ErasureDecision,
  type ErasureRequestCreate,
  type ErasureRequestRecord,
  type ErasureRequestStatus,
  erasureRequestStatusLabels,
  type ParticipantExport,
  type PrivacyOverview,
  type PrivacySettings,
  type PrivacySettingsUpdate, type RetentionReason, ageBandLabels, type AgeBand } from '../../../shared/participants.ts'
import { attendanceStatusLabels } from '../../../shared/sessions.ts'
import { appointmentStatusLabels, type AppointmentStatus, type Referral, referralLabels } from '../../../shared/counselling.ts'
import type { DB } from '../../db/types.ts'
import { auditActor, type Grant, type SystemAuthority } from '../../lib/authorize.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { consentsOf } from '../consents/consent-records.service.ts'
import { consentState } from '../consents/consent-validity.ts'
import { enrolmentsOf } from '../enrolments/enrolments.service.ts'
import { maskCpr, decryptCpr } from './cpr.ts'
import { cprKeyOf } from './participants.service.ts'
import * as repo from './participants.repo.ts'
import * as privacyRepo from './privacy.repo.ts'
import { appointmentContactsBefore, retentionDue } from './retention.ts'
import { partyOfAccess, purposeOf } from './access-report.ts'
import { refuseErasedResident } from './erased-guard.ts'
import { requireView, scopesOf } from './resident-gate.ts'

// A plan's privacy settings, the retention rule carried out, erasure on request and the resident's
// own copy of their data (decision 008). Anonymisation removes every piece of personal data and
// keeps what the aggregate figures are computed from: the pseudonym, age band, area, target group,
// enrolment dates and exit reasons, and attendance. What was removed is counted in
// participant_removal and the audit log, never copied there.

export async function privacySettings(ctx: AppContext, grant: Grant<'plan-privacy', 'read'>): Promise<PrivacyOverview> {
  const planId = grant.planId!
  const row = await repo.privacyOf(ctx.db, planId)
  const planEndsOn = await repo.planEndsOn(ctx.db, planId)
  const settings = settingsOf(row)
  const asOf = today(ctx)
  const dated = (await retentionCandidates(ctx, planId, { ...settings, planEndsOn }, asOf))
    .filter((d) => d.decision.dueOn !== null)
    .sort((a, b) => a.decision.dueOn!.localeCompare(b.decision.dueOn!))
  const inAMonth = addDays(asOf, 30)
  const upcoming = {
    dueNow: dated.filter((d) => d.decision.due).length,
    within30Days: dated.filter((d) => !d.decision.due && !d.decision.awaitsDecision && d.decision.dueOn! <= inAMonth).length,
    awaitingDecision: dated.filter((d) => d.decision.awaitsDecision).length,
  }
  const due = dated.slice(0, 100).map((d) => ({
    participantId: d.id,
    pseudonym: d.pseudonym,
    reason: d.decision.reason!,
    dueOn: d.decision.dueOn!,
    awaitsDecision: d.decision.awaitsDecision,
    explanation: d.decision.explanation,
  }))
  const removals = await privacyRepo.removalsOf(ctx.db, planId)
  return {
    settings,
    planEndsOn,
    due,
    upcoming,
    removals: removals.map((r) => ({ pseudonym: r.pseudonym, reason: r.reason as RetentionReason, at: r.at.toISOString(), removed: r.removed as Record<string, number> })),
  }
}

function settingsOf(row: Awaited<ReturnType<typeof repo.privacyOf>>): PrivacySettings {
  return {
    cprEnabled: row.cpr_enabled,
    monthsAfterLastEnrolment: row.months_after_last_enrolment,
    daysAfterConsentWithdrawal: row.days_after_consent_withdrawal,
    monthsAfterPlanEnd: row.months_after_plan_end,
  }
}

export async function updatePrivacySettings(ctx: AppContext, grant: Grant<'plan-privacy', 'update'>, update: PrivacySettingsUpdate): Promise<void> {
  const planId = grant.planId!
  const { confirmAnonymisations, ...input } = update
  const before = settingsOf(await repo.privacyOf(ctx.db, planId))
  if (before.cprEnabled && !input.cprEnabled) {
    const stored = await privacyRepo.storedCprCount(ctx.db, planId)
    if (stored > 0) throw new AppError('conflict', `CPR-numre kan ikke slås fra, mens ${stored} deltagere har et registreret CPR-nummer. Fjern numrene først.`)
  }
  // A shorter period can make many residents due at once, and the daily run would anonymise them
  // within a day: that is asked about first, with the number, so it is a decision and not a slip.
  const planEndsOn = await repo.planEndsOn(ctx.db, planId)
  const asOf = today(ctx)
  const dueBefore = new Set((await retentionCandidates(ctx, planId, { ...before, planEndsOn }, asOf)).filter((c) => c.decision.due).map((c) => c.id))
  const newlyDue = (await retentionCandidates(ctx, planId, { ...input, planEndsOn }, asOf)).filter((c) => c.decision.due && !dueBefore.has(c.id)).length
  if (newlyDue > ANONYMISATIONS_WITHOUT_CONFIRMATION && confirmAnonymisations !== newlyDue) {
    throw new AppError(
      'confirmation_required',
      `Med de nye regler skal ${formatCount(newlyDue, 'deltager', 'deltagere')} anonymiseres med det samme (ved næste daglige kørsel), og det kan ikke fortrydes. Bekræft antallet, hvis det er meningen.`,
      { issues: [{ path: 'confirmAnonymisations', message: `${formatCount(newlyDue, 'beboer', 'beboere')} anonymiseres med det samme, hvis reglerne gemmes. Skriv ${newlyDue} for at bekræfte.` }] },
    )
  }
  await ctx.db.transaction().execute(async (trx) => {
    await privacyRepo.updateSettings(trx, planId, input, grant.actor.id, ctx.now())
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'plan-privacy', entityId: planId, planId, details: { before, after: input, ...(newlyDue > 0 ? { newlyDue } : {}) } })
  })
}

async function retentionCandidates(ctx: AppContext | { db: AppContext['db'] }, planId: string, policy: PrivacySettings & { planEndsOn: string | null }, asOf: string) {
  const people = await privacyRepo.residentsNotAnonymised(ctx.db, planId)
  if (people.length === 0) return []
  const ids = people.map((p) => p.id)
  const [enrolments, consents] = await Promise.all([privacyRepo.enrolmentDatesOf(ctx.db, ids), consentsOf(ctx, ids)])
  return people.map((p) => ({
    id: p.id,
    pseudonym: p.pseudonym,
    decision: retentionDue(
      policy,
      {
        registeredOn: p.registered_on,
        enrolments: enrolments.filter((e) => e.participant_id === p.id).map((e) => ({ startOn: e.start_on, exitOn: e.exit_on })),
        consents: (consents.get(p.id) ?? []).map((c) => ({ givenOn: c.givenOn, validUntil: c.validUntil, withdrawnOn: c.withdrawnOn })),
      },
      asOf,
    ),
  }))
}

const RETENTION_BATCH = 1000

/** Removes the personal data of residents of one plan, for one reason, in `trx`, and logs per resident what went. */
async function anonymise(trx: Transaction<DB>, participantIds: readonly string[], planId: string, reason: RetentionReason, by: Grant | SystemAuthority, at: Date): Promise<void> {
  const removed = await privacyRepo.removePersonalDataOf(trx, participantIds, reason, at)
  const actor = auditActor(by)
  const actorId = 'id' in actor ? (actor.id ?? null) : null
  const actorLabel = 'label' in actor && actor.label ? actor.label : 'user'
  await privacyRepo.recordRemoval(trx, participantIds.map((pid) => ({ participantId: pid, planId, reason, removed: removed.get(pid)!, actorId, actorLabel })))
  const entries = participantIds.map((pid) => ({ actor, action: 'delete' as const, entity: 'participants' as const, entityId: pid, planId, details: { anonymised: reason, removed: removed.get(pid)! } }))
  for (let i = 0; i < entries.length; i += 1000) await writeAudit(trx, entries.slice(i, i + 1000))
}

/**
 * Carries out the retention rule for one plan (or every plan): each resident due today is
 * anonymised, all of a plan's in one transaction, so a crash leaves each plan either done or not.
 */
export async function runRetention(ctx: AppContext, by: Grant<'plan-privacy', 'update'> | SystemAuthority, planId?: string): Promise<{ anonymised: number; byPlan: Record<string, number> }> {
  // Every plan, also one whose privacy settings were never opened: the defaults apply to it too.
  const plans = planId ? [planId] : await privacyRepo.planIds(ctx.db)
  const asOf = today(ctx)
  const byPlan: Record<string, number> = {}
  let total = 0
  for (const id of plans) {
    const row = await repo.privacyOf(ctx.db, id)
    const policy = { ...settingsOf(row), planEndsOn: await repo.planEndsOn(ctx.db, id) }
    await ctx.db.transaction().execute((trx) => privacyRepo.removeAppointmentContacts(trx, id, appointmentContactsBefore(asOf)))
    const due = (await retentionCandidates(ctx, id, policy, asOf)).filter((c) => c.decision.due)
    if (due.length === 0) continue
    await ctx.db.transaction().execute(async (trx) => {
      // Set-based: one statement per table for a batch of residents, however many fall due at once.
      const byReason = new Map<RetentionReason, typeof due>()
      for (const c of due) {
        const group = byReason.get(c.decision.reason!)
        if (group) group.push(c)
        else byReason.set(c.decision.reason!, [c])
      }
      for (const [reason, group] of byReason) {
        for (let i = 0; i < group.length; i += RETENTION_BATCH) await anonymise(trx, group.slice(i, i + RETENTION_BATCH).map((c) => c.id), id, reason, by, ctx.now())
      }
    })
    byPlan[id] = due.length
    total += due.length
  }
  return { anonymised: total, byPlan }
}

/** Who is due (or falls due) for anonymisation, per plan: for the CLI's dry run. */
export async function retentionPreview(
  ctx: AppContext,
  _by: SystemAuthority,
  planId?: string,
): Promise<{ planId: string; pseudonym: string; reason: RetentionReason; dueOn: string; due: boolean; awaitsDecision: boolean; explanation: string }[]> {
  const plans = planId ? [planId] : await privacyRepo.planIds(ctx.db)
  const asOf = today(ctx)
  const result = []
  for (const id of plans) {
    const policy = { ...settingsOf(await repo.privacyOf(ctx.db, id)), planEndsOn: await repo.planEndsOn(ctx.db, id) }
    for (const c of await retentionCandidates(ctx, id, policy, asOf)) {
      if (c.decision.dueOn) result.push({ planId: id, pseudonym: c.pseudonym, reason: c.decision.reason!, dueOn: c.decision.dueOn, due: c.decision.due, awaitsDecision: c.decision.awaitsDecision, explanation: c.decision.explanation })
    }
  }
  return result.sort((a, b) => a.dueOn.localeCompare(b.dueOn))
}

async function headForErasure(ctx: AppContext, planId: string, participantId: string, confirmPseudonym: string) {
  const head = await repo.participantHead(ctx.db, planId, participantId)
  if (!head) throw new AppError('not_found', 'Deltageren findes ikke i denne helhedsplan.')
  if (head.anonymised) throw new AppError('conflict', 'Deltagerens personoplysninger er allerede slettet.')
  if (confirmPseudonym.trim().toUpperCase() !== head.pseudonym) {
    throw new AppError('validation', `Skriv deltagerens id (${head.pseudonym}) for at bekræfte sletningen.`, { issues: [{ path: 'confirmPseudonym', message: `Skriv ${head.pseudonym}.` }] })
  }
  return head
}

export async function eraseParticipant(ctx: AppContext, grant: Grant<'participant-rights', 'delete'>, participantId: string, confirmPseudonym: string): Promise<void> {
  const planId = grant.planId!
  await headForErasure(ctx, planId, participantId, confirmPseudonym)
  await ctx.db.transaction().execute(async (trx) => {
    // Erasing directly answers any request that waits for the project leader too.
    for (const r of await privacyRepo.erasureRequestsOf(trx, planId, { participantId, status: 'pending' })) {
      await privacyRepo.decideErasureRequest(trx, r.id, { status: 'approved', by: grant.actor.id, at: ctx.now(), note: null })
    }
    await anonymise(trx, [participantId], planId, 'erasure', grant, ctx.now())
  })
}

// ---- erasure requests (decision 036) ----------------------------------------------------------------

/** Only a reader who sees the resident in full (their own party's, or the project leader) exercises the resident's rights. */
async function fullView(ctx: AppContext, grant: Grant<'participant-rights' | 'erasure-requests'>, participantId: string) {
  const found = await requireView(ctx, grant, participantId)
  if (found.view.scope.kind !== 'full') throw new AppError('forbidden', 'Beboerens rettigheder varetages af den part, der har registreret beboeren, og af projektlederen.')
  return found
}

/** A resident asks to be erased: the worker who meets them records it for the project leader to decide. */
export async function requestErasure(ctx: AppContext, grant: Grant<'erasure-requests', 'create'>, participantId: string, input: ErasureRequestCreate): Promise<{ id: string }> {
  const planId = grant.planId!
  const { head } = await fullView(ctx, grant, participantId)
  refuseErasedResident(head)
  if (input.receivedOn > today(ctx)) throw new AppError('validation', 'Datoen kan ikke ligge i fremtiden.', { issues: [{ path: 'receivedOn', message: 'Skriv den dag, beboeren bad om at blive slettet. Den kan ikke ligge i fremtiden.' }] })
  const pending = await privacyRepo.erasureRequestsOf(ctx.db, planId, { participantId, status: 'pending' })
  if (pending.length > 0) throw new AppError('conflict', 'Der er allerede en anmodning om sletning, som venter på projektlederen.')
  return ctx.db.transaction().execute(async (trx) => {
    const row = await privacyRepo.insertErasureRequest(trx, { planId, participantId, receivedOn: input.receivedOn, by: grant.actor.id })
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'create', entity: 'erasure-request', entityId: participantId, planId, details: { requestId: row.id, receivedOn: input.receivedOn } })
    return row
  })
}

function requestRecord(r: Awaited<ReturnType<typeof privacyRepo.erasureRequestsOf>>[number]): ErasureRequestRecord {
  return {
    id: r.id,
    participantId: r.participant_id,
    pseudonym: r.pseudonym,
    receivedOn: r.received_on,
    dueOn: addMonths(r.received_on, 1),
    requestedBy: r.requested_by_name,
    status: r.status as ErasureRequestStatus,
    decidedBy: r.decided_by_name,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    note: r.decision_note,
  }
}

/** One resident's erasure requests, for their page. */
export async function erasureRequestsOfResident(ctx: AppContext, grant: Grant<'erasure-requests', 'read'>, participantId: string): Promise<ErasureRequestRecord[]> {
  await fullView(ctx, grant, participantId)
  return (await privacyRepo.erasureRequestsOf(ctx.db, grant.planId!, { participantId })).map(requestRecord)
}

/**
 * The plan's requests, waiting first, then the decided ones, newest first; pseudonyms only. Only
 * those of residents the reader sees in full, as on each resident's page: the project leader, who
 * decides them, sees all; the housing-social worker those of the residents their party holds.
 */
export async function planErasureRequests(ctx: AppContext, grant: Grant<'erasure-requests', 'read'>): Promise<ErasureRequestRecord[]> {
  const rows = (await privacyRepo.erasureRequestsOf(ctx.db, grant.planId!, {})).map(requestRecord)
  const scopes = await scopesOf(ctx, grant, rows.map((r) => r.participantId))
  return rows.filter((r) => scopes.get(r.participantId)?.scope.kind === 'full')
}

/** The project leader approves (and so erases, in the same transaction) or rejects, saying why. */
export async function decideErasure(ctx: AppContext, grant: Grant<'erasure-requests', 'update'>, requestId: string, input: ErasureDecision): Promise<{ participantId: string }> {
  const planId = grant.planId!
  return ctx.db.transaction().execute(async (trx) => {
    const request = await privacyRepo.erasureRequestForDecision(trx, planId, requestId)
    if (!request) throw new AppError('not_found', 'Anmodningen findes ikke i denne helhedsplan.')
    if (request.status !== 'pending') throw new AppError('conflict', `Anmodningen er allerede afgjort: ${erasureRequestStatusLabels[request.status as ErasureRequestStatus].toLowerCase()}.`)
    const participantId = request.participant_id
    if (input.decision === 'approve') {
      await headForErasure(ctx, planId, participantId, input.confirmPseudonym)
      await privacyRepo.decideErasureRequest(trx, requestId, { status: 'approved', by: grant.actor.id, at: ctx.now(), note: null })
      await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'erasure-request', entityId: participantId, planId, details: { requestId, decision: 'approve', receivedOn: request.received_on } })
      await anonymise(trx, [participantId], planId, 'erasure', grant, ctx.now())
    } else {
      await privacyRepo.decideErasureRequest(trx, requestId, { status: 'rejected', by: grant.actor.id, at: ctx.now(), note: input.note })
      await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'erasure-request', entityId: participantId, planId, details: { requestId, decision: 'reject', receivedOn: request.received_on, reason: input.note } })
    }
    return { participantId }
  })
}

// ---- the resident's own copy -----------------------------------------------------------------

/** Everything Indsats holds about a resident, in words they can read; for art. 15 requests. */
export async function exportParticipant(ctx: AppContext, grant: Grant<'participant-rights', 'read'>, participantId: string): Promise<ParticipantExport> {
  const planId = grant.planId!
  await fullView(ctx, grant, participantId)
  const row = await repo.participantRecord(ctx.db, planId, participantId)
  if (!row) throw new AppError('not_found', 'Deltageren findes ikke i denne helhedsplan.')
  const plan = await privacyRepo.planTitle(ctx.db, planId)
  const asOf = today(ctx)
  const [consents, notes, enrolments, counselling] = await Promise.all([consentsOf(ctx, [participantId]), repo.notesOf(ctx.db, participantId), enrolmentsOf(ctx, [participantId]), privacyRepo.counsellingOf(ctx.db, participantId)])
  const enrolmentIds = enrolments.map((e) => e.id)
  const [details, followups, attendance] = await Promise.all([
    privacyRepo.enrolmentDetailsOf(ctx.db, enrolmentIds),
    privacyRepo.followupsOf(ctx.db, enrolmentIds),
    privacyRepo.attendanceOf(ctx.db, enrolmentIds),
  ])
  // Staff names are left out of the accesses: the resident is told which party.
  const log = await privacyRepo.accessesOf(ctx.db, planId, participantId)
  const requests = await privacyRepo.erasureRequestsOf(ctx.db, planId, { participantId })
  let cpr: string | null = null
  if (row.cpr_encrypted) cpr = maskCpr(decryptCpr(row.cpr_encrypted, await cprKeyOf(ctx)))
  const accessLog: ParticipantExport['accessLog'] = []
  for (const l of log) {
    const purpose = purposeOf(l.entity, l.action, l.details as Record<string, unknown>, participantId)
    if (purpose) accessLog.push({ at: l.at.toISOString(), party: partyOfAccess({ name: l.party_name, unit: l.party_unit }, l.actor_label), purpose })
  }
  return {
    exportedAt: ctx.now().toISOString(),
    plan: `${plan.name}, ${plan.municipality}`,
    participant: {
      Id: row.pseudonym,
      Navn: row.name,
      Telefon: row.phone,
      'E-mail': row.email,
      Adresse: row.address,
      Fødselsår: row.birth_year,
      Aldersgruppe: row.age_band ? ageBandLabels[row.age_band as AgeBand] : null,
      'CPR-nummer': cpr,
      Boligområde: row.housing_area_name,
      Afdeling: row.department_number,
      Målgruppe: row.target_group_code,
      'Målgruppe pr.': row.target_group_on,
      'Registreret den': row.registered_on,
      Anonymiseret: row.anonymised_at ? isoDay(row.anonymised_at) : null,
      'Anmodninger om sletning': requests.length === 0 ? null : requests.map((r) => `Modtaget ${formatDay(r.received_on)}: ${erasureRequestStatusLabels[r.status as ErasureRequestStatus].toLowerCase()}${r.decision_note ? ` (${r.decision_note})` : ''}`).join('; '),
    },
    consents: (consents.get(participantId) ?? []).map((c) => ({
      'Må dele': listInDanish(c.partyRefs.map((p) => p.name)),
      Oplysninger: c.categories.map((k) => consentCategoryLabels[k]).join('; '),
      Formål: c.purpose,
      Form: c.form === 'oral' ? 'Mundtligt' : 'Skriftligt',
      'Givet den': c.givenOn,
      'Gælder til': c.validUntil,
      'Trukket tilbage den': c.withdrawnOn,
      Status: consentStateLabels[consentState(c, asOf)],
    })),
    enrolments: enrolments.map((e) => {
      const d = details.find((x) => x.id === e.id)
      return {
        Aktivitet: e.activity_name,
        'Visiteret den': e.referred_on,
        'Visiteret af': d?.referred_by ?? null,
        'Startet den': e.start_on,
        'Planlagt slut': d?.planned_end_on ?? null,
        'Afsluttet den': e.exit_on,
        Afslutningsårsag: d?.exit_reason ? exitReasonLabels[d.exit_reason as ExitReason] : null,
        'Videre til fra': d?.destination_on ?? null,
        'Note ved afslutning': d?.exit_note ?? null,
        'Kontakt under praktik': d?.internship_contact ?? false,
        Opfølgninger: followups.filter((f) => f.enrolment_id === e.id).map((f) => ({ Dato: f.held_on, Note: f.note })),
        Fremmøde: attendance.filter((a) => a.enrolment_id === e.id).map((a) => ({ Dato: a.held_on, Aktivitet: a.title, Status: attendanceStatusLabels[a.status as keyof typeof attendanceStatusLabels] })),
      }
    }),
    notes: notes.map((n) => ({ Dato: n.written_on, Emne: consentCategoryLabels[n.category as keyof typeof consentCategoryLabels], Note: n.body })),
    counselling: [
      ...counselling.inquiries.map((i) => ({ Hvad: 'Henvendelse i åben rådgivning', Dato: i.held_on, Tidspunkt: null, Sted: i.site, Emne: i.topic, 'Hvem hjalp': i.party, Henvist: referralLabels[i.referral as Referral], Status: null })),
      ...counselling.appointments.map((a) => ({ Hvad: 'Aftale', Dato: a.on_day, Tidspunkt: a.at_time.slice(0, 5), Sted: null, Emne: a.topic, 'Hvem hjalp': a.party, Henvist: null, Status: appointmentStatusLabels[a.status as AppointmentStatus] })),
      ...counselling.conversations.map((c) => ({ Hvad: `Samtale (${c.activity})`, Dato: c.held_on, Tidspunkt: null, Sted: c.place, Emne: null, 'Hvem hjalp': c.party, Henvist: null, Status: null, Varighed: `${c.duration_minutes} min.` })),
    ].sort((a, b) => a.Dato.localeCompare(b.Dato)),
    accessLog,
  }
}
