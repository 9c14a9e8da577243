import { createHash } from 'node:crypto'
import {
  type AgreementContent,
  type AgreementDetail,
  type AgreementFile,
  type AgreementSummary,
  type AgreementWarning,
  type RevisionCreate,
  type RevisionSummary,
  AgreementContent as AgreementContentSchema,
  PlanSection,
  type RevisionSource,
} from '../../../shared/agreements.ts'
import type { AgreementComparison } from '../../../shared/agreements.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { type Authority, auditActor, type Grant, type SystemAuthority } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { ensurePlan } from '../plans/plans.service.ts'
import { activityDefaults } from '../enrolments/activity-defaults.ts'
import { giveStandardPathways } from '../pathways/standard-pathway.ts'
import * as repo from './agreements.repo.ts'
import { agreementWarnings } from '../../../shared/agreement-checks.ts'

// Agreements are versioned documents: every save is a new, immutable revision (decision 005).

/** Same document → same hash, whatever order its keys come back from the database in. */
export function contentHash(plan: unknown, content: unknown): string {
  return createHash('sha256').update(canonicalJson({ plan, content })).digest('hex')
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

const AUTHORITY_LABELS = { cli: 'Kommandolinjen', system: 'Indsats' } as const

function createdByOf(authority: Authority): { id: string | null; label: string } {
  return 'actor' in authority ? { id: authority.actor.id, label: authority.actor.name } : { id: null, label: AUTHORITY_LABELS[authority.label] }
}

function toRevisionSummary(r: {
  number: number
  effective_from: string
  board_decision: string
  note: string | null
  source: string
  created_by_label: string
  created_by_name: string | null
  created_at: Date
}): RevisionSummary {
  return {
    number: r.number,
    effectiveFrom: r.effective_from,
    boardDecision: r.board_decision,
    note: r.note,
    source: r.source as RevisionSource,
    createdBy: r.created_by_name ?? r.created_by_label,
    createdAt: r.created_at.toISOString(),
  }
}

/**
 * The stored document, parsed again so it has the schema's field order and defaults (jsonb sorts
 * keys). A revision never changes once written, so its parsed content is kept (by agreement, number
 * and content hash) instead of validating the whole document again on every read; the copy is
 * frozen, so no reader can change what the next one gets.
 */
function readRevision(r: Pick<repo.RevisionRow, 'agreement_id' | 'number' | 'content_hash' | 'plan_section' | 'content'>): { plan: AgreementFile['plan']; content: AgreementContent } {
  return { plan: PlanSection.parse(r.plan_section), content: parsedContent(r) }
}

type RevisionKey = Pick<repo.RevisionRow, 'agreement_id' | 'number' | 'content_hash'>
const keyOf = (r: RevisionKey) => `${r.agreement_id}:${r.number}:${r.content_hash}`

/** The kept parsed content of a revision, if any (most recently used last, so the oldest is dropped first). */
function keptContent(r: RevisionKey): AgreementContent | undefined {
  const key = keyOf(r)
  const content = parsedContents.get(key)
  if (content) {
    parsedContents.delete(key)
    parsedContents.set(key, content)
  }
  return content
}

function parsedContent(r: RevisionKey & { content: unknown }): AgreementContent {
  const kept = keptContent(r)
  if (kept) return kept
  const content = deepFreeze(AgreementContentSchema.parse(r.content))
  if (parsedContents.size >= PARSED_CONTENTS_KEPT) parsedContents.delete(parsedContents.keys().next().value!)
  parsedContents.set(keyOf(r), content)
  return content
}

const PARSED_CONTENTS_KEPT = 500
const parsedContents = new Map<string, AgreementContent>()

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

async function warningsFor(ctx: AppContext, content: AgreementContent, effectiveFrom: string): Promise<AgreementWarning[]> {
  const [period, areas] = await Promise.all([repo.fundingPeriod(ctx.db, content.fundingPeriod), repo.effortAreas(ctx.db, content.fundingPeriod)])
  return agreementWarnings(content, { fundingPeriod: period ?? null, effortAreaCodes: areas.map((a) => a.code) }, { effectiveFrom })
}

export interface ImportOutcome {
  agreementId: string
  planId: string
  planName: string
  municipality: string
  outcome: 'created' | 'revised' | 'unchanged'
  revisionNumber: number
  warnings: AgreementWarning[]
}

/**
 * Imports an agreement file: a new agreement, a new revision of an existing one, or nothing at all
 * when the content equals the latest revision (so importing the same file twice changes nothing).
 * All or nothing: one transaction.
 */
export async function importAgreementFile(
  ctx: AppContext,
  authority: Authority<'agreements', 'update'>,
  file: AgreementFile,
  source: 'seed' | 'import',
): Promise<ImportOutcome> {
  const { agreement: content, plan: planSection, revision } = file
  const by = createdByOf(authority)
  const result = await ctx.db.transaction().execute(async (trx) => {
    const areas = await repo.effortAreas(trx, content.fundingPeriod)
    if (areas.length === 0) throw new AppError('validation', `Prioriteringsperioden "${content.fundingPeriod}" findes ikke i Indsats.`)
    if (!areas.some((a) => a.code === content.effortArea)) {
      throw new AppError(
        'validation',
        `Indsatsområdet "${content.effortArea}" findes ikke i prioriteringsperioden ${content.fundingPeriod}. Mulige: ${areas.map((a) => a.code).join(', ')}.`,
      )
    }
    const plan = await ensurePlan(trx, authority, { name: planSection.name, municipality: planSection.municipality }, { source })
    if ('actor' in authority && !authority.actor.planIds.includes(plan.id)) throw new AppError('forbidden')
    const hash = contentHash(planSection, content)
    const existing = await repo.findAgreementByKey(trx, plan.id, content.key)
    let agreementId: string
    let number = 1
    if (existing) {
      await repo.lockAgreement(trx, existing.id)
      if (existing.effort_area !== content.effortArea || existing.funding_period !== content.fundingPeriod) {
        throw new AppError('conflict', `Delaftalen "${content.key}" findes allerede for indsatsområdet "${existing.effort_area}"; en revision kan ikke skifte indsatsområde.`)
      }
      const latest = await repo.latestRevision(trx, existing.id)
      // The same content under the same board decision is the same revision; a new decision on
      // unchanged content (a yearly revision that keeps everything) is recorded as a new revision.
      const sameDecision =
        latest && latest.effective_from === revision.effectiveFrom && latest.board_decision === revision.boardDecision && (latest.note ?? undefined) === revision.note
      if (latest && latest.content_hash === hash && sameDecision) {
        return { agreementId: existing.id, planId: plan.id, outcome: 'unchanged' as const, revisionNumber: latest.number }
      }
      agreementId = existing.id
      number = (latest?.number ?? 0) + 1
    } else {
      agreementId = await repo.insertAgreement(trx, { planId: plan.id, key: content.key, fundingPeriod: content.fundingPeriod, effortArea: content.effortArea })
    }
    await repo.insertRevision(trx, {
      agreementId,
      number,
      effectiveFrom: revision.effectiveFrom,
      boardDecision: revision.boardDecision,
      note: revision.note ?? null,
      source,
      planSection,
      content,
      contentHash: hash,
      createdBy: by.id,
      createdByLabel: by.label,
    })
    await repo.upsertPlanStructure(trx, plan.id, planSection)
    await repo.syncActivities(trx, plan.id, agreementId, content.activities.map((a) => ({ key: a.key, name: a.name, ...activityDefaults(a.targets) })))
    await giveStandardPathways(trx, plan.id)
    await writeAudit(trx, {
      actor: auditActor(authority),
      action: existing ? 'update' : 'create',
      entity: 'agreement',
      entityId: agreementId,
      planId: plan.id,
      details: { key: content.key, revision: number, source, effectiveFrom: revision.effectiveFrom, boardDecision: revision.boardDecision },
    })
    return { agreementId, planId: plan.id, outcome: existing ? ('revised' as const) : ('created' as const), revisionNumber: number }
  })
  return { ...result, planName: planSection.name, municipality: planSection.municipality, warnings: await warningsFor(ctx, content, revision.effectiveFrom) }
}

export async function listAgreements(ctx: AppContext, grant: Grant<'agreements', 'read'>): Promise<AgreementSummary[]> {
  const rows = await repo.agreementsWithLatest(ctx.db, [grant.planId!])
  return Promise.all(
    rows.map(async (row) => {
      const { content } = readRevision(row)
      return {
        id: row.id,
        planId: row.plan_id,
        key: row.key,
        title: content.title,
        effortArea: { code: row.effort_area, name: row.effort_area_name, fundingPeriod: row.funding_period },
        validFrom: content.validFrom,
        validTo: content.validTo,
        latestRevision: toRevisionSummary(row),
        warningCount: (await warningsFor(ctx, content, row.effective_from)).length,
      }
    }),
  )
}

async function agreementOf(ctx: AppContext, grant: Grant<'agreements'>, agreementId: string) {
  const agreement = await repo.agreementInPlan(ctx.db, grant.planId!, agreementId)
  if (!agreement) throw new AppError('not_found', 'Delaftalen findes ikke på denne plan.')
  return agreement
}

async function revisionOf(ctx: AppContext, agreementId: string, number?: number): Promise<repo.RevisionRow> {
  const row = number === undefined ? await repo.latestRevision(ctx.db, agreementId) : await repo.revisionByNumber(ctx.db, agreementId, number)
  if (!row) throw new AppError('not_found', number === undefined ? 'Delaftalen har ingen revisioner.' : `Revision ${number} findes ikke.`)
  return row
}

export async function getAgreement(ctx: AppContext, grant: Grant<'agreements', 'read'>, agreementId: string, revisionNumber?: number): Promise<AgreementDetail> {
  const agreement = await agreementOf(ctx, grant, agreementId)
  const [row, list] = await Promise.all([revisionOf(ctx, agreementId, revisionNumber), repo.revisionList(ctx.db, agreementId)])
  const { plan, content } = readRevision(row)
  return {
    id: agreement.id,
    planId: agreement.plan_id,
    key: agreement.key,
    effortArea: { code: agreement.effort_area, name: agreement.effort_area_name, fundingPeriod: agreement.funding_period },
    revision: toRevisionSummary(row),
    latestRevisionNumber: list[0]!.number,
    plan,
    content,
    warnings: await warningsFor(ctx, content, row.effective_from),
    revisions: list.map(toRevisionSummary),
  }
}

/** Saves an edit as a new revision; refused if another revision was saved since the edit began. */
export async function createRevision(
  ctx: AppContext,
  grant: Grant<'agreements', 'update'>,
  agreementId: string,
  input: RevisionCreate,
): Promise<{ number: number; warnings: AgreementWarning[] }> {
  const agreement = await agreementOf(ctx, grant, agreementId)
  const { content } = input
  if (content.key !== agreement.key || content.effortArea !== agreement.effort_area || content.fundingPeriod !== agreement.funding_period) {
    throw new AppError('validation', 'En revision kan ikke ændre delaftalens nøgle, indsatsområde eller prioriteringsperiode.')
  }
  const number = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockAgreement(trx, agreementId)
    const latest = await repo.latestRevision(trx, agreementId)
    if (!latest || latest.number !== input.basedOnRevision) {
      throw new AppError(
        'conflict',
        `Delaftalen er ændret, mens du redigerede: den nyeste revision er nu ${latest?.number ?? 0}, og du tog udgangspunkt i revision ${input.basedOnRevision}. Hent den nyeste version, og lav dine ændringer igen.`,
      )
    }
    const plan = PlanSection.parse(latest.plan_section)
    const next = latest.number + 1
    await repo.insertRevision(trx, {
      agreementId,
      number: next,
      effectiveFrom: input.revision.effectiveFrom,
      boardDecision: input.revision.boardDecision,
      note: input.revision.note || null,
      source: 'edit',
      planSection: plan,
      content,
      contentHash: contentHash(plan, content),
      createdBy: grant.actor.id,
      createdByLabel: grant.actor.name,
    })
    await repo.syncActivities(trx, agreement.plan_id, agreementId, content.activities.map((a) => ({ key: a.key, name: a.name, ...activityDefaults(a.targets) })))
    await giveStandardPathways(trx, agreement.plan_id)
    await writeAudit(trx, {
      actor: auditActor(grant),
      action: 'update',
      entity: 'agreement',
      entityId: agreementId,
      planId: agreement.plan_id,
      details: { key: agreement.key, revision: next, source: 'edit', effectiveFrom: input.revision.effectiveFrom, boardDecision: input.revision.boardDecision },
    })
    return next
  })
  return { number, warnings: await warningsFor(ctx, content, input.revision.effectiveFrom) }
}

export async function compareAgreementRevisions(
  ctx: AppContext,
  grant: Grant<'agreements', 'read'>,
  agreementId: string,
  from: number,
  to: number,
): Promise<AgreementComparison> {
  await agreementOf(ctx, grant, agreementId)
  const [a, b] = await Promise.all([revisionOf(ctx, agreementId, from), revisionOf(ctx, agreementId, to)])
  // The comparison and its word-diff library are loaded when first asked for, not at start (decision 046).
  const { compareRevisions } = await import('./revision-compare.ts')
  return { from: toRevisionSummary(a), to: toRevisionSummary(b), changes: compareRevisions(readRevision(a), readRevision(b)) }
}

/** The agreement file of one revision (the latest unless given), for export. */
export async function agreementFile(
  ctx: AppContext,
  authority: Authority<'agreements', 'read'>,
  agreementId: string,
  revisionNumber?: number,
): Promise<{ file: AgreementFile; effortAreaName: string; revisionNumber: number; municipality: string; planId: string }> {
  const agreement = 'actor' in authority ? await agreementOf(ctx, authority, agreementId) : await repo.agreementById(ctx.db, agreementId)
  if (!agreement) throw new AppError('not_found', 'Delaftalen findes ikke.')
  const row = await revisionOf(ctx, agreementId, revisionNumber)
  const { plan, content } = readRevision(row)
  return {
    file: {
      formatVersion: 1,
      plan,
      revision: { effectiveFrom: row.effective_from, boardDecision: row.board_decision, ...(row.note ? { note: row.note } : {}) },
      agreement: content,
    },
    effortAreaName: agreement.effort_area_name,
    revisionNumber: row.number,
    municipality: plan.municipality,
    planId: agreement.plan_id,
  }
}

/** Every agreement with its plan, for the operator (`npx indsats agreement list`). */
export async function listAgreementsForCli(ctx: AppContext) {
  const rows = await repo.agreementsWithLatest(ctx.db, null)
  return rows.map((row) => {
    const { content } = readRevision(row)
    return {
      id: row.id,
      plan: row.plan_name,
      municipality: row.municipality,
      effortArea: row.effort_area_name,
      key: row.key,
      title: content.title,
      validFrom: content.validFrom,
      validTo: content.validTo,
      revision: row.number,
    }
  })
}

/**
 * The current content of every agreement on the plans of these grants (one per plan), read in one
 * query, in the order of the agreements list: for features that follow many agreements up at once.
 */
export async function currentAgreementsOfPlans(
  ctx: AppContext,
  grants: readonly Grant<'agreements', 'read'>[],
): Promise<{ id: string; planId: string; effortAreaName: string; revisionNumber: number; content: AgreementContent }[]> {
  const heads = await repo.latestRevisionHeads(
    ctx.db,
    grants.map((g) => g.planId!),
  )
  // Documents are read only for revisions not parsed before: usually none.
  const contents = new Map(heads.flatMap((h) => (keptContent(h) ? [[h.revision_id, keptContent(h)!] as const] : [])))
  const missing = heads.filter((h) => !contents.has(h.revision_id)).map((h) => h.revision_id)
  for (const row of await repo.revisionContents(ctx.db, missing)) contents.set(row.id, parsedContent(row))
  return heads.map((h) => ({ id: h.id, planId: h.plan_id, effortAreaName: h.effort_area_name, revisionNumber: h.number, content: contents.get(h.revision_id)! }))
}

/**
 * The current content of an agreement on the plan a grant was given for, for features that follow an
 * agreement up (values, reports). Any plan-scoped grant will do: membership of the plan was checked.
 * The operator at the command line may name any agreement.
 */
export async function currentAgreement(
  ctx: AppContext,
  authority: Grant | SystemAuthority,
  agreementId: string,
): Promise<{ id: string; planId: string; effortAreaName: string; revisionNumber: number; plan: AgreementFile['plan']; content: AgreementContent }> {
  if ('actor' in authority && !authority.planId) throw new AppError('internal', undefined, { logDetail: 'currentAgreement needs a plan-scoped grant' })
  // One query for the agreement and its latest revision's head; the document only when not parsed before.
  const head = await repo.agreementWithLatestHead(ctx.db, agreementId, 'actor' in authority ? authority.planId! : null)
  // Every agreement is written with its first revision, in one transaction.
  if (!head) throw new AppError('not_found', 'Delaftalen findes ikke på denne plan.')
  let content = keptContent(head)
  if (!content) {
    const [row] = await repo.revisionContents(ctx.db, [head.revision_id])
    content = parsedContent(row!)
  }
  return { id: head.id, planId: head.plan_id, effortAreaName: head.effort_area_name, revisionNumber: head.number, plan: PlanSection.parse(head.plan_section), content }
}
