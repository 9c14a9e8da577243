import {
  type Company,
  CompanyInput,
  type CompanyFigures,
  type CompanyFiguresQuery,
  type CompanyImportCommitted,
  type CompanyImportPreview,
  type CompanyList,
  type CompanyListQuery,
  type ContactEventInput,
  type ContactKind,
  type ContactPerson,
  ContactPersonInput,
  type CsrAwards,
  type NetworkChange,
  type Nomination,
  type NominationInput,
  type Opening,
  type OpeningKind,
  type OpeningStatus,
  type SizeBand,
  openingKindLabels,
} from '../../../shared/companies.ts'
import { formatDay } from '../../../shared/lib/format.ts'
import type { ImportProblem } from '../../../shared/imports.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { auditActor, type Authority, type Grant, hidesSmallNumbers } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { commitStaged, discardStaged, type ImportKind, type ImportTarget, PREVIEW_ROWS, readUpload, stageImport, type Upload } from '../imports/imports.service.ts'
import { suppressCount, suppressTable } from '../indicators/suppression.ts'
import { PLACEMENT_DEFINITIONS } from '../placements/placement-figures.ts'
import { placementFiguresIn } from '../placements/placements.service.ts'
import { activeCompaniesIn, companiesInNetworkOn, COMPANY_DEFINITIONS, openingsCreatedByKind } from './company-figures.ts'
import { companyColumnNames, type ImportedCompany, parseCompanyRows } from './company-rows.ts'
import * as repo from './companies.repo.ts'

// Companies per plan (decision 016). Every function takes the grant authorize() gave for its plan;
// company data is shared by the plan's staff, contact people are personal data of company staff
// (their reads are logged by the routes through disclose()), and every write has its audit row in
// the same transaction.

type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>

function planOf(grant: Grant): string {
  if (!grant.planId) throw new AppError('forbidden')
  return grant.planId
}

async function requireCompany(ctx: AppContext, planId: string, companyId: string) {
  const company = await repo.companyRow(ctx.db, planId, companyId)
  if (!company) throw new AppError('not_found', 'Virksomheden findes ikke i denne helhedsplan.')
  return company
}

function duplicateCvr(cvr: string, existing: string): AppError {
  const message = `CVR-nummeret ${cvr} er allerede registreret i helhedsplanen for ${existing}.`
  return new AppError('conflict', message, { issues: [{ path: 'cvr', message }] })
}

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505'

// ---------------------------------------------------------------------------------------------
// Companies

export async function listCompanies(ctx: AppContext, grant: Grant<'companies', 'read'>, query: CompanyListQuery & { page: number; pageSize: number }): Promise<CompanyList> {
  const planId = planOf(grant)
  const { rows, total } = await repo.listCompanies(ctx.db, planId, {
    q: query.q?.trim() || null,
    inNetwork: query.inNetwork === undefined ? null : query.inNetwork === 'true',
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  })
  return {
    companies: rows.map((r) => ({
      id: r.id,
      cvr: r.cvr,
      name: r.name,
      city: r.city,
      industry: r.industry_text ?? r.industry_code,
      inNetworkSince: r.joined_on ?? null,
      openOpenings: Number(r.open_openings ?? 0),
      lastContactOn: (r.last_contact_on as string | null) ?? null,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}

const openingDto = (o: Awaited<ReturnType<typeof repo.openingsOf>>[number]): Opening => ({
  id: o.id,
  companyId: o.company_id,
  kind: o.kind as OpeningKind,
  title: o.title,
  hoursPerWeek: o.hours_per_week === null ? null : Number(o.hours_per_week),
  startsOn: o.starts_on,
  endsOn: o.ends_on,
  places: o.places,
  requirements: o.requirements,
  status: o.status as OpeningStatus,
  createdOn: o.created_on,
})

const nominationDto = (n: Awaited<ReturnType<typeof repo.nominations>>[number]): Nomination => ({
  id: n.id,
  companyId: n.company_id,
  companyName: n.company_name,
  year: n.year,
  reason: n.reason,
  winner: n.winner,
  nominatedBy: n.nominated_by_name,
})

export async function getCompany(ctx: AppContext, grant: Grant<'companies', 'read'>, companyId: string): Promise<Company> {
  const planId = planOf(grant)
  const c = await requireCompany(ctx, planId, companyId)
  const [periods, events, openings, nominations] = await Promise.all([
    repo.networkPeriods(ctx.db, [companyId]),
    repo.contactEventsOf(ctx.db, companyId),
    repo.openingsOf(ctx.db, companyId),
    repo.nominations(ctx.db, planId, companyId),
  ])
  const open = periods.find((p) => p.left_on === null)
  return {
    id: c.id,
    cvr: c.cvr,
    name: c.name,
    address: c.address,
    postalCode: c.postal_code,
    city: c.city,
    industryCode: c.industry_code,
    industryText: c.industry_text,
    sizeBand: c.size_band as SizeBand | null,
    markedInMomentum: c.marked_in_momentum,
    inNetworkSince: open?.joined_on ?? null,
    networkPeriods: periods.map((p) => ({ joinedOn: p.joined_on, leftOn: p.left_on, markedBy: p.marked_by_name })),
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind as ContactKind,
      happenedOn: e.happened_on,
      by: e.by_name,
      party: e.party_name ? (e.party_unit ? `${e.party_name}, ${e.party_unit}` : e.party_name) : null,
      note: e.note,
    })),
    openings: openings.map(openingDto),
    nominations: nominations.map(nominationDto),
  }
}

export async function createCompany(ctx: AppContext, grant: Grant<'companies', 'create'>, input: Parsed<typeof CompanyInput>): Promise<{ id: string }> {
  const planId = planOf(grant)
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const [existing] = await repo.companiesByCvr(trx, planId, [input.cvr])
      if (existing) throw duplicateCvr(input.cvr, existing.name)
      const [created] = await repo.insertCompanies(trx, planId, [input], grant.actor.id)
      await writeAudit(trx, { actor: auditActor(grant), action: 'create', entity: 'company', entityId: created!.id, planId, details: { cvr: input.cvr, name: input.name } })
      return { id: created!.id }
    })
  } catch (error) {
    // Two people adding the same company at once: the second is told as if it had come later.
    if (isUniqueViolation(error)) {
      const [existing] = await repo.companiesByCvr(ctx.db, planId, [input.cvr])
      throw duplicateCvr(input.cvr, existing?.name ?? 'en anden virksomhed')
    }
    throw error
  }
}

export async function updateCompany(ctx: AppContext, grant: Grant<'companies', 'update'>, companyId: string, input: Parsed<typeof CompanyInput>): Promise<void> {
  const planId = planOf(grant)
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.companyRow(trx, planId, companyId)
    if (!before) throw new AppError('not_found', 'Virksomheden findes ikke i denne helhedsplan.')
    const [other] = (await repo.companiesByCvr(trx, planId, [input.cvr])).filter((c) => c.id !== companyId)
    if (other) throw duplicateCvr(input.cvr, other.name)
    await repo.updateCompany(trx, planId, companyId, input)
    await writeAudit(trx, { actor: auditActor(grant), action: 'update', entity: 'company', entityId: companyId, planId, details: { before: { cvr: before.cvr, name: before.name }, after: { cvr: input.cvr, name: input.name } } })
  })
}

/** Into the network from a day (marked by the user), or out of it from a day. */
export async function changeNetwork(ctx: AppContext, grant: Grant<'companies', 'update'>, companyId: string, change: NetworkChange): Promise<void> {
  const planId = planOf(grant)
  await requireCompany(ctx, planId, companyId)
  await ctx.db.transaction().execute(async (trx) => {
    const open = await repo.openNetworkPeriod(trx, companyId)
    if (change.inNetwork) {
      if (open) throw new AppError('conflict', `Virksomheden er allerede i netværket (siden ${formatDay(open.joined_on)}).`)
      const last = await repo.lastNetworkPeriod(trx, companyId)
      if (last?.left_on && change.on < last.left_on) throw new AppError('validation', `Virksomheden var i netværket til ${formatDay(last.left_on)}. Vælg den dag eller en senere.`)
      await repo.insertNetworkPeriod(trx, companyId, change.on, grant.actor.id)
    } else {
      if (!open) throw new AppError('conflict', 'Virksomheden er ikke i netværket.')
      if (change.on < open.joined_on) throw new AppError('validation', `Virksomheden kom i netværket ${formatDay(open.joined_on)}. Den kan ikke forlade det før.`)
      await repo.closeNetworkPeriod(trx, open.id, change.on, grant.actor.id)
    }
    await writeAudit(trx, { actor: auditActor(grant), action: change.inNetwork ? 'create' : 'update', entity: 'company-network', entityId: companyId, planId, details: { inNetwork: change.inNetwork, on: change.on } })
  })
}

// ---------------------------------------------------------------------------------------------
// Contact people and the timeline

export async function listContacts(ctx: AppContext, grant: Grant<'company-contacts', 'read'>, companyId: string): Promise<{ contacts: ContactPerson[] }> {
  const planId = planOf(grant)
  await requireCompany(ctx, planId, companyId)
  const rows = await repo.contactsOf(ctx.db, companyId)
  return { contacts: rows.map((r) => ({ id: r.id, name: r.name, jobTitle: r.job_title, phone: r.phone, email: r.email })) }
}

export async function addContact(ctx: AppContext, grant: Grant<'company-contacts', 'create'>, companyId: string, input: Parsed<typeof ContactPersonInput>): Promise<{ id: string }> {
  const planId = planOf(grant)
  await requireCompany(ctx, planId, companyId)
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertContact(trx, companyId, input, grant.actor.id)
    await writeAudit(trx, { actor: auditActor(grant), action: 'create', entity: 'company-contact', entityId: id, planId, details: { companyId } })
    return { id }
  })
}

/** The fields of a contact person that changed; name, phone and e-mail are named, not their values. */
function contactChange(before: { name: string; job_title: string | null; phone: string | null; email: string | null }, after: Parsed<typeof ContactPersonInput>) {
  const changed = (['name', 'jobTitle', 'phone', 'email'] as const).filter((f) => (f === 'jobTitle' ? before.job_title : before[f]) !== after[f])
  // The job title says what the person does at the company, not how to reach them, so it is kept as it was and became.
  return { changed, ...(changed.includes('jobTitle') ? { before: { jobTitle: before.job_title }, after: { jobTitle: after.jobTitle } } : {}) }
}

export async function updateContact(ctx: AppContext, grant: Grant<'company-contacts', 'update'>, companyId: string, contactId: string, input: Parsed<typeof ContactPersonInput>): Promise<void> {
  const planId = planOf(grant)
  await requireCompany(ctx, planId, companyId)
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.contactRow(trx, companyId, contactId)
    if (!before) throw new AppError('not_found', 'Kontaktpersonen findes ikke hos virksomheden.')
    const change = contactChange(before, input)
    if (change.changed.length === 0) return
    await repo.updateContact(trx, contactId, input)
    await writeAudit(trx, { actor: auditActor(grant), action: 'update', entity: 'company-contact', entityId: contactId, planId, details: { companyId, ...change } })
  })
}

/** Removes a contact person for good (decision 031): the audit row keeps that it happened, not who it was. */
export async function removeContact(ctx: AppContext, grant: Grant<'company-contacts', 'delete'>, companyId: string, contactId: string): Promise<void> {
  const planId = planOf(grant)
  await requireCompany(ctx, planId, companyId)
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.contactRow(trx, companyId, contactId)
    if (!before) throw new AppError('not_found', 'Kontaktpersonen findes ikke hos virksomheden.')
    await repo.deleteContact(trx, contactId)
    await writeAudit(trx, { actor: auditActor(grant), action: 'delete', entity: 'company-contact', entityId: contactId, planId, details: { companyId } })
  })
}

export async function addContactEvent(ctx: AppContext, grant: Grant<'companies', 'create'>, companyId: string, input: ContactEventInput & { note: string | null }): Promise<{ id: string }> {
  const planId = planOf(grant)
  await requireCompany(ctx, planId, companyId)
  if (input.happenedOn > today(ctx)) throw new AppError('validation', 'Datoen ligger i fremtiden. Skriv den dag, kontakten fandt sted.', { issues: [{ path: 'happenedOn', message: 'Datoen ligger i fremtiden.' }] })
  return ctx.db.transaction().execute(async (trx) => {
    const partyId = await repo.memberParty(trx, grant.actor.id, planId)
    const id = await repo.insertContactEvent(trx, { companyId, kind: input.kind, happenedOn: input.happenedOn, note: input.note, recordedBy: grant.actor.id, partyId })
    await writeAudit(trx, { actor: auditActor(grant), action: 'create', entity: 'company-contact-event', entityId: id, planId, details: { companyId, kind: input.kind, happenedOn: input.happenedOn } })
    return { id }
  })
}

// ---------------------------------------------------------------------------------------------
// Openings

type OpeningValues = repo.OpeningValues

export async function createOpening(ctx: AppContext, grant: Grant<'companies', 'create'>, companyId: string, input: OpeningValues): Promise<{ id: string }> {
  const planId = planOf(grant)
  await requireCompany(ctx, planId, companyId)
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertOpening(trx, planId, companyId, input, today(ctx), grant.actor.id)
    await writeAudit(trx, { actor: auditActor(grant), action: 'create', entity: 'opening', entityId: id, planId, details: { companyId, kind: input.kind, title: input.title, places: input.places } })
    return { id }
  })
}

export async function updateOpening(ctx: AppContext, grant: Grant<'companies', 'update'>, openingId: string, input: OpeningValues): Promise<void> {
  const planId = planOf(grant)
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.openingRow(trx, planId, openingId)
    if (!before) throw new AppError('not_found', 'Åbningen findes ikke i denne helhedsplan.')
    await repo.updateOpening(trx, planId, openingId, input)
    await writeAudit(trx, { actor: auditActor(grant), action: 'update', entity: 'opening', entityId: openingId, planId, details: { before: { status: before.status, places: before.places }, after: { status: input.status, places: input.places } } })
  })
}

// ---------------------------------------------------------------------------------------------
// The CSR award

export async function nominate(ctx: AppContext, grant: Grant<'csr-awards', 'create'>, companyId: string, input: NominationInput & { year: number; reason: string }): Promise<{ id: string }> {
  const planId = planOf(grant)
  const company = await requireCompany(ctx, planId, companyId)
  if (await repo.nominationFor(ctx.db, companyId, input.year)) throw new AppError('conflict', `${company.name} er allerede indstillet til CSR-prisen for ${input.year}.`)
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertNomination(trx, planId, companyId, input.year, input.reason, grant.actor.id)
    await writeAudit(trx, { actor: auditActor(grant), action: 'create', entity: 'csr-nomination', entityId: id, planId, details: { companyId, year: input.year } })
    return { id }
  })
}

/** The year's winner: one per year, so choosing another replaces the first. */
export async function chooseWinner(ctx: AppContext, grant: Grant<'csr-awards', 'update'>, nominationId: string): Promise<void> {
  const planId = planOf(grant)
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockPlan(trx, planId)
    const n = await repo.nominationRow(trx, planId, nominationId)
    if (!n) throw new AppError('not_found', 'Indstillingen findes ikke.')
    await repo.setWinner(trx, planId, n.year, nominationId)
    await writeAudit(trx, { actor: auditActor(grant), action: 'update', entity: 'csr-nomination', entityId: nominationId, planId, details: { year: n.year, winner: true } })
  })
}

export async function csrAwards(ctx: AppContext, grant: Grant<'csr-awards', 'read'>): Promise<CsrAwards> {
  const planId = planOf(grant)
  const all = (await repo.nominations(ctx.db, planId, null)).map(nominationDto)
  const years = [...new Set(all.map((n) => n.year))].sort((a, b) => b - a)
  return { years: years.map((year) => ({ year, nominations: all.filter((n) => n.year === year), winnerId: all.find((n) => n.year === year && n.winner)?.id ?? null })) }
}

// ---------------------------------------------------------------------------------------------
// Figures

export async function companyFigures(ctx: AppContext, grant: Grant<'company-figures', 'read'>, query: CompanyFiguresQuery): Promise<CompanyFigures> {
  return figuresOf(ctx, planOf(grant), query, hidesSmallNumbers(grant))
}

/**
 * The company figures as the board's status report prints them: always with small numbers hidden,
 * as the report is for readers outside the team whoever downloads it. The caller has authorised the
 * report for the plan.
 */
export async function reportCompanyFigures(ctx: AppContext, planId: string, query: CompanyFiguresQuery): Promise<CompanyFigures> {
  return figuresOf(ctx, planId, query, true)
}

async function figuresOf(ctx: AppContext, planId: string, query: CompanyFiguresQuery, suppressed: boolean): Promise<CompanyFigures> {
  const [periods, contacts, openings, placements] = await Promise.all([
    repo.planNetworkPeriodsOn(ctx.db, planId, query.to),
    repo.planContactEvents(ctx.db, planId, query.from, query.to),
    repo.planOpenings(ctx.db, planId, query.from, query.to),
    placementFiguresIn(ctx, planId, query.from, query.to, today(ctx)),
  ])
  const inNetwork = companiesInNetworkOn(
    periods.map((p) => ({ companyId: p.company_id, joinedOn: p.joined_on, leftOn: p.left_on })),
    query.to,
  )
  const active = activeCompaniesIn(
    contacts.map((c) => ({ companyId: c.company_id, happenedOn: c.happened_on })),
    query.from,
    query.to,
    placements.spans,
  )
  const byKind = openingsCreatedByKind(
    openings.map((o) => ({ kind: o.kind as OpeningKind, createdOn: o.created_on })),
    query.from,
    query.to,
  )
  const total = byKind.reduce((sum, k) => sum + k.count, 0)
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const one = (n: number) => (suppressed ? suppressCount(n, threshold) : { value: n, suppressed: null })
  const published = (v: { value: number | null; suppressed: unknown }) => ({ value: v.value, hidden: v.suppressed !== null })
  // The kinds are one row with its total, so a hidden kind cannot be found by subtraction.
  const table = suppressed ? suppressTable({ rows: [{ label: 'openings', cells: byKind.map((k) => k.count), total }] }, threshold).rows[0]! : null
  return {
    from: query.from,
    to: query.to,
    inNetwork: published(one(inNetwork)),
    active: published(one(active)),
    openingsByKind: byKind.map((k, i) => ({ kind: k.kind, label: openingKindLabels[k.kind], count: table ? published(table.cells[i]!) : { value: k.count, hidden: false } })),
    openingsTotal: table ? published(table.total!) : { value: total, hidden: false },
    placements: {
      started: published(one(placements.started)),
      completed: published(one(placements.completed)),
      jobOrEducation: (() => {
        const r = placements.share
        // Hidden with both its counts when either is small; the pending count is the staff's only.
        const hidden = suppressed && (one(r.numerator).value === null || one(r.denominator).value === null)
        if (hidden) return { numerator: null, denominator: null, pending: null, share: null, hidden: true }
        return { numerator: r.numerator, denominator: r.denominator, pending: suppressed ? null : r.pending, share: r.share, hidden: false }
      })(),
    },
    definitions: [...COMPANY_DEFINITIONS, ...PLACEMENT_DEFINITIONS],
    suppressed,
  }
}

// ---------------------------------------------------------------------------------------------
// Import (decision 011)

const planTarget = (planId: string): ImportTarget => ({ planId, agreementId: null })

const companyImports: ImportKind<'companies', ImportTarget, ImportedCompany, CompanyImportCommitted> = {
  kind: 'companies',
  resource: 'companies',
  lock: (trx, target) => repo.lockPlan(trx, target.planId),
  write: async (trx, { target: { planId }, importId, pending, all, by, authority }) => {
    // A company added by hand since the preview: the file is no longer clean, so nothing is saved.
    const existing = await repo.companiesByCvr(trx, planId, all.map((r) => r.cvr))
    if (existing.length > 0) {
      const first = existing[0]!
      throw new AppError('conflict', `CVR-nummeret ${first.cvr} er registreret i helhedsplanen (${first.name}), siden filen blev læst. Indlæs filen igen. Intet er gemt.`)
    }
    const created = await repo.insertCompanies(trx, planId, all, by.id)
    await writeAudit(trx, {
      actor: auditActor(authority),
      action: 'create',
      entity: 'company-import',
      entityId: importId,
      planId,
      details: { fileName: pending.file_name, format: pending.format, created: created.length, sha256: pending.sha256 },
    })
    return { created: created.length }
  },
}

/** A user's grant is for its own plan only; the command line names the plan, which must exist. */
async function requirePlanOf(authority: Authority, planId: string): Promise<void> {
  if ('actor' in authority && authority.planId !== planId) throw new AppError('forbidden')
}

/** Reads a list of companies, finds every problem (duplicates in the file and in the plan too), and keeps it staged. */
export async function previewCompanyImport(ctx: AppContext, authority: Authority<'companies', 'create'>, planId: string, file: Upload): Promise<CompanyImportPreview> {
  await requirePlanOf(authority, planId)
  const read = await readUpload(file, parseCompanyRows, Object.values(companyColumnNames).flat())
  const problems: ImportProblem[] = [...read.problems]
  const known = new Map((await repo.companiesByCvr(ctx.db, planId, read.rows.map((r) => r.cvr))).map((c) => [c.cvr, c.name]))
  const rows = read.rows.filter((r) => {
    const name = known.get(r.cvr)
    if (name === undefined) return true
    problems.push({ row: r.row, column: read.read?.cvrColumn ?? null, sheet: r.sheet, message: `CVR-nummeret ${r.cvr} er allerede registreret i helhedsplanen for ${name}. Slet rækken, eller ret CVR-nummeret.` })
    return false
  })
  problems.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row)
  const staged = await stageImport(ctx, companyImports, authority, planTarget(planId), file, { format: read.format, rows, problems })
  return {
    ...staged,
    rowCount: rows.length,
    rows: rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, cvr: r.cvr, name: r.name, city: r.city, industry: r.industryText ?? r.industryCode })),
  }
}

export async function commitCompanyImport(ctx: AppContext, authority: Authority<'companies', 'create'>, planId: string, importId: string): Promise<CompanyImportCommitted> {
  await requirePlanOf(authority, planId)
  return commitStaged(ctx, companyImports, authority, planTarget(planId), importId)
}

export async function discardCompanyImport(ctx: AppContext, grant: Grant<'companies', 'create'>, importId: string): Promise<void> {
  await discardStaged(ctx, companyImports, grant, planTarget(planOf(grant)), importId)
}
