import type { OpeningKind } from '../../../shared/companies.ts'
import { formatDay } from '../../../shared/lib/format.ts'
import {
  type DueFollowup,
  type Placement,
  PlacementCreate,
  type PlacementChoices,
  PlacementFollowupCreate,
  type PlacementFollowupKind,
  type PlacementList,
  type PlacementListQuery,
  type PlacementOutcome,
  PlacementUpdate,
} from '../../../shared/placements.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { auditActor, type Grant } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { refuseErased, refuseErasedResident } from '../participants/erased-guard.ts'
import { type ParticipantView, sees } from '../participants/participant-access.ts'
import { requireView, scopesOf } from '../participants/resident-gate.ts'
import type { PlacementSpan } from '../companies/company-figures.ts'
import { type ShareResult, WINDOW_DAYS } from './placement-figures.ts'
import { JOB_KINDS, openingStatusAfter, threeMonthsDue, threeMonthsDueOn, type OpeningStatus } from './placement-rules.ts'
import * as repo from './placements.repo.ts'

// Placements (udplaceringer, decision 022). Who is placed, and everything about the placement, is
// the resident's 'employment' information: the resident gate decides per resident whether the
// reader sees it (the other party only under a consent naming that category). The company side,
// how many places of an opening are taken, is company data and is shown to the company staff
// whatever the consents say. Every write has its audit row in the same transaction; reads are
// logged by the routes through disclose().

type Row = NonNullable<Awaited<ReturnType<typeof repo.placementOfPlan>>>

function planOf(grant: Grant): string {
  if (!grant.planId) throw new AppError('forbidden')
  return grant.planId
}

const followupFacts = (r: Row) => ({ openingKind: r.opening_kind as OpeningKind, startOn: r.start_on, endOn: r.end_on, outcome: r.outcome as PlacementOutcome | null, outcomeOn: r.outcome_on })

async function requirePlacement(ctx: AppContext, planId: string, placementId: string): Promise<Row> {
  const row = await repo.placementOfPlan(ctx.db, planId, placementId)
  if (!row) throw new AppError('not_found', 'Udplaceringen findes ikke i denne helhedsplan.')
  return row
}

/** The reader's view of the placed resident, refused unless it covers employment. */
async function employmentView(ctx: AppContext, grant: Grant<'placements'>, participantId: string) {
  const found = await requireView(ctx, grant, participantId)
  if (!sees(found.view, 'employment')) throw new AppError('consent_required', 'Beboerens samtykke omfatter ikke job, uddannelse og praktik, så du kan ikke se eller registrere udplaceringen.')
  return found
}

/** Places taken changed: the opening shows as filled when all are taken, open again when one is free. */
async function followPlaces(trx: Parameters<typeof repo.setOpeningStatus>[0], grant: Grant, planId: string, opening: { id: string; places: number; status: string }, taken: number): Promise<void> {
  const next = openingStatusAfter(opening.status as OpeningStatus, opening.places, taken)
  if (next === opening.status) return
  await repo.setOpeningStatus(trx, opening.id, next)
  await writeAudit(trx, { actor: auditActor(grant), action: 'update', entity: 'opening', entityId: opening.id, planId, details: { before: { status: opening.status }, after: { status: next }, placesTaken: taken } })
}

export async function createPlacement(ctx: AppContext, grant: Grant<'placements', 'create'>, input: PlacementCreate): Promise<{ id: string }> {
  const data = PlacementCreate.parse(input)
  const planId = planOf(grant)
  const { head } = await employmentView(ctx, grant, data.participantId)
  refuseErasedResident(head)
  if (data.enrolmentId) {
    const e = await repo.enrolmentOfParticipant(ctx.db, data.participantId, data.enrolmentId)
    if (!e) throw new AppError('validation', 'Forløbet hører ikke til beboeren.', { issues: [{ path: 'enrolmentId', message: 'Vælg et af beboerens forløb.' }] })
    if (!e.exit_on) throw new AppError('validation', `Beboeren er stadig i ${e.activity_name}. Afslut forløbet, før udplaceringen knyttes til det.`, { issues: [{ path: 'enrolmentId', message: 'Forløbet er ikke afsluttet.' }] })
    if (data.startOn < e.exit_on) throw new AppError('validation', `Udplaceringen kan ikke starte før forløbets sidste dag (${formatDay(e.exit_on)}).`, { issues: [{ path: 'startOn', message: 'Startdatoen ligger før forløbets sidste dag.' }] })
  }
  return ctx.db.transaction().execute(async (trx) => {
    // The opening is locked, so two people cannot both take its last place.
    const opening = await repo.lockOpening(trx, planId, data.openingId)
    if (!opening) throw new AppError('not_found', 'Åbningen findes ikke i denne helhedsplan.')
    if (opening.status === 'closed') throw new AppError('conflict', `${opening.title} hos ${opening.company_name} er lukket. Vælg en åben åbning.`, { issues: [{ path: 'openingId', message: 'Åbningen er lukket.' }] })
    if (opening.taken >= opening.places) {
      throw new AppError('capacity_full', `Alle ${opening.places} pladser i ${opening.title} hos ${opening.company_name} er besat. Afslut en udplacering, eller ret antallet af pladser.`, { issues: [{ path: 'openingId', message: 'Alle pladser er besat.' }] })
    }
    const id = await repo.insertPlacement(trx, { planId, openingId: opening.id, participantId: data.participantId, enrolmentId: data.enrolmentId, startOn: data.startOn, plannedEndOn: data.plannedEndOn, hoursPerWeek: data.hoursPerWeek, mentor: data.mentor, createdBy: grant.actor.id })
    await writeAudit(trx, { actor: auditActor(grant), action: 'create', entity: 'placement', entityId: id, planId, details: { participantId: data.participantId, openingId: opening.id, enrolmentId: data.enrolmentId, startOn: data.startOn } })
    if (data.enrolmentId && (await repo.fillExitDestination(trx, data.enrolmentId, data.startOn))) {
      await writeAudit(trx, { actor: auditActor(grant), action: 'update', entity: 'enrolments', entityId: data.enrolmentId, planId, details: { participantId: data.participantId, destinationFrom: { placementId: id, startOn: data.startOn } } })
    }
    await followPlaces(trx, grant, planId, opening, opening.taken + 1)
    return { id }
  })
}

export async function getPlacement(ctx: AppContext, grant: Grant<'placements', 'read'>, placementId: string): Promise<{ dto: Placement; view: ParticipantView }> {
  const planId = planOf(grant)
  const r = await requirePlacement(ctx, planId, placementId)
  const { view } = await employmentView(ctx, grant, r.participant_id)
  const followups = await repo.followupsOf(ctx.db, placementId)
  const dto: Placement = {
    id: r.id,
    openingId: r.opening_id,
    openingTitle: r.opening_title,
    openingKind: r.opening_kind as OpeningKind,
    companyId: r.company_id,
    companyName: r.company_name,
    participantId: r.participant_id,
    pseudonym: r.pseudonym,
    name: sees(view, 'contact') ? r.participant_name : null,
    enrolmentId: r.enrolment_id,
    status: r.end_on ? 'ended' : 'running',
    startOn: r.start_on,
    plannedEndOn: r.planned_end_on,
    hoursPerWeek: r.hours_per_week === null ? null : Number(r.hours_per_week),
    mentor: r.mentor,
    endOn: r.end_on,
    outcome: r.outcome as PlacementOutcome | null,
    outcomeOn: r.outcome_on,
    endNote: r.end_note,
    threeMonthsDueOn: threeMonthsDueOn(followupFacts(r)),
    followups: followups.map((f) => ({ id: f.id, kind: f.kind as PlacementFollowupKind, heldOn: f.held_on, stillInJob: f.still_in_job, note: f.note, writtenBy: f.written_by_name })),
    version: r.version,
  }
  return { dto, view }
}

/** The plan's placements the reader may see, the number hidden from them, and the follow-ups due. */
export async function listPlacements(ctx: AppContext, grant: Grant<'placements', 'read'>, query: PlacementListQuery): Promise<PlacementList & { ids: string[]; disclosedIds: string[] }> {
  const planId = planOf(grant)
  const rows = await repo.placementsOfPlan(ctx.db, planId, query)
  const scopes = await scopesOf(ctx, grant, rows.map((r) => r.participant_id))
  const asOf = today(ctx)
  const result: PlacementList & { ids: string[]; disclosedIds: string[] } = { placements: [], hidden: 0, due: [], ids: [], disclosedIds: [] }
  for (const r of rows) {
    const s = scopes.get(r.participant_id)
    if (!s || s.scope.kind === 'none' || !s.scope.categories.includes('employment')) {
      result.hidden++
      continue
    }
    if (!result.ids.includes(r.participant_id)) result.ids.push(r.participant_id)
    if (s.scope.kind === 'consent' && !result.disclosedIds.includes(r.participant_id)) result.disclosedIds.push(r.participant_id)
    result.placements.push({
      id: r.id,
      openingTitle: r.opening_title,
      openingKind: r.opening_kind as OpeningKind,
      companyId: r.company_id,
      companyName: r.company_name,
      participantId: r.participant_id,
      pseudonym: s.pseudonym,
      name: s.name,
      status: r.end_on ? 'ended' : 'running',
      startOn: r.start_on,
      plannedEndOn: r.planned_end_on,
      endOn: r.end_on,
      outcome: r.outcome as PlacementOutcome | null,
    })
    const facts = followupFacts(r)
    if (threeMonthsDue(facts, r.three_months_answered, asOf)) {
      const due: DueFollowup = { placementId: r.id, pseudonym: s.pseudonym, name: s.name, companyName: r.company_name, dueOn: threeMonthsDueOn(facts)! }
      result.due.push(due)
    }
  }
  result.due.sort((a, b) => a.dueOn.localeCompare(b.dueOn))
  return result
}

/** The three-month questions due today or before, for the residents whose employment the reader sees. */
export async function dueThreeMonthQuestions(ctx: AppContext, grant: Grant<'placements', 'read'>): Promise<{ due: (DueFollowup & { participantId: string })[]; ids: string[]; disclosedIds: string[] }> {
  const asOf = today(ctx)
  const rows = (await repo.unansweredJobPlacements(ctx.db, planOf(grant), [...JOB_KINDS])).filter((r) => threeMonthsDue(followupFacts(r), false, asOf))
  const scopes = await scopesOf(ctx, grant, rows.map((r) => r.participant_id))
  const result: { due: (DueFollowup & { participantId: string })[]; ids: string[]; disclosedIds: string[] } = { due: [], ids: [], disclosedIds: [] }
  for (const r of rows) {
    const s = scopes.get(r.participant_id)
    if (!s || s.scope.kind === 'none' || !s.scope.categories.includes('employment')) continue
    if (!result.ids.includes(r.participant_id)) result.ids.push(r.participant_id)
    if (s.scope.kind === 'consent' && !result.disclosedIds.includes(r.participant_id)) result.disclosedIds.push(r.participant_id)
    result.due.push({ placementId: r.id, participantId: r.participant_id, pseudonym: s.pseudonym, name: s.name, companyName: r.company_name, dueOn: threeMonthsDueOn(followupFacts(r))! })
  }
  result.due.sort((a, b) => a.dueOn.localeCompare(b.dueOn))
  return result
}

export async function placementChoices(ctx: AppContext, grant: Grant<'placements', 'create'>): Promise<PlacementChoices> {
  const rows = await repo.openingChoices(ctx.db, planOf(grant))
  return { openings: rows.map((o) => ({ id: o.id, title: o.title, kind: o.kind as OpeningKind, companyName: o.company_name, places: o.places, taken: o.taken })) }
}

export async function updatePlacement(ctx: AppContext, grant: Grant<'placements', 'update'>, placementId: string, input: PlacementUpdate): Promise<void> {
  const data = PlacementUpdate.parse(input)
  const planId = planOf(grant)
  const r = await requirePlacement(ctx, planId, placementId)
  await employmentView(ctx, grant, r.participant_id)
  await refuseErased(ctx, planId, [r.participant_id])
  const issues: { path: string; message: string }[] = []
  if (data.plannedEndOn && data.plannedEndOn < r.start_on) issues.push({ path: 'plannedEndOn', message: 'Den planlagte slutdato ligger før startdatoen.' })
  if (data.endOn && data.endOn < r.start_on) issues.push({ path: 'endOn', message: `Slutdatoen ligger før udplaceringens start (${formatDay(r.start_on)}).` })
  if (data.endOn && data.endOn > today(ctx)) issues.push({ path: 'endOn', message: 'En udplacering kan ikke afsluttes i fremtiden.' })
  if (issues.length) throw new AppError('validation', issues[0]!.message, { issues })
  await ctx.db.transaction().execute(async (trx) => {
    const opening = await repo.lockOpening(trx, planId, r.opening_id)
    const updated = await repo.updatePlacement(trx, placementId, data.version, data)
    if (!updated) throw new AppError('conflict', 'En anden har rettet udplaceringen imens. Hent siden igen.')
    await writeAudit(trx, {
      actor: auditActor(grant),
      action: 'update',
      entity: 'placement',
      entityId: placementId,
      planId,
      details: { participantId: r.participant_id, before: { endOn: r.end_on, outcome: r.outcome }, after: { endOn: data.endOn, outcome: data.outcome, outcomeOn: data.outcomeOn } },
    })
    // Ending (or reopening) a placement gives a place back (or takes one).
    if (opening && (r.end_on === null) !== (data.endOn === null)) await followPlaces(trx, grant, planId, opening, await repo.placesTaken(trx, opening.id))
  })
}

export async function addPlacementFollowup(ctx: AppContext, grant: Grant<'placements', 'update'>, placementId: string, input: PlacementFollowupCreate): Promise<{ id: string }> {
  const data = PlacementFollowupCreate.parse(input)
  const planId = planOf(grant)
  const r = await requirePlacement(ctx, planId, placementId)
  await employmentView(ctx, grant, r.participant_id)
  await refuseErased(ctx, planId, [r.participant_id])
  if (data.heldOn > today(ctx)) throw new AppError('validation', 'Datoen ligger i fremtiden. Skriv den dag, I fulgte op.', { issues: [{ path: 'heldOn', message: 'Datoen ligger i fremtiden.' }] })
  if (data.heldOn < r.start_on) throw new AppError('validation', 'Opfølgningen ligger før udplaceringens start.', { issues: [{ path: 'heldOn', message: 'Datoen ligger før udplaceringens start.' }] })
  if (data.kind === 'three-months') {
    if (threeMonthsDueOn(followupFacts(r)) === null) throw new AppError('validation', 'Udplaceringen har ikke ført til job, så der spørges ikke, om beboeren stadig er i job.', { issues: [{ path: 'kind', message: 'Ingen job at følge op på.' }] })
    if (r.three_months_answered) throw new AppError('conflict', 'Der er allerede svaret på, om beboeren stadig er i job efter 3 måneder.')
  }
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertFollowup(trx, { placementId, kind: data.kind, heldOn: data.heldOn, stillInJob: data.stillInJob, note: data.note, writtenBy: grant.actor.id })
    await writeAudit(trx, { actor: auditActor(grant), action: 'create', entity: 'placement-followup', entityId: id, planId, details: { placementId, participantId: r.participant_id, kind: data.kind, heldOn: data.heldOn, stillInJob: data.stillInJob } })
    return { id }
  })
}

/**
 * The placement figures of a period, counted in SQL as placement-figures.ts defines them (bench
 * companies: reading every placement of the plan to count in memory took nine times the query).
 * No resident in them, so no gate.
 */
export async function placementFiguresIn(ctx: Pick<AppContext, 'db'>, planId: string, from: string, to: string, asOf: string): Promise<{ started: number; completed: number; share: ShareResult; spans: PlacementSpan[] }> {
  const [counts, spans] = await Promise.all([repo.placementCountsIn(ctx.db, planId, from, to, asOf, WINDOW_DAYS), repo.placementSpansIn(ctx.db, planId, from, to)])
  const denominator = counts.ended - counts.pending
  return {
    started: counts.started,
    completed: counts.completed,
    share: { numerator: counts.numerator, denominator, pending: counts.pending, share: denominator === 0 ? null : counts.numerator / denominator },
    spans: spans.map((s) => ({ companyId: s.company_id, startOn: s.start_on, endOn: s.end_on })),
  }
}
