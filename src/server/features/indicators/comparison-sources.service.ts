import { type ComparisonFetch, type ComparisonFetchPreview, comparisonSourceLabels } from '../../../shared/comparison-sources.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { type Authority, type SystemAuthority } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { currentAgreement } from '../agreements/agreements.service.ts'
import { fetchFileName, jobindsatsRequestOf, pendingValuesOf, statbankRequestOf, targetOf } from './comparison-fetch.ts'
import * as repo from './comparison-sources.repo.ts'
import { storePreview } from './indicators.service.ts'
import { toComparisonValues } from './sources/comparison-import.ts'
import { fetchJobindsats } from './sources/jobindsats.ts'
import type { SourceResult } from './sources/source-request.ts'
import { fetchStatbank } from './sources/statbank.ts'

// Comparison figures fetched from Danmarks Statistik or Jobindsats become an ordinary import preview
// (decision 006): the user sees the values and every problem, and nothing is saved until the preview
// is committed through the same commit route (or CLI) as a file. The values' provenance is the
// import's name ("Danmarks Statistik AUK01 (hentet 27.11.2026)") and the figure's place in the answer.
//
// Jobindsats needs a key, and STAR gives one per organisation: the key used is the one of the
// signed-in user's organisation (or, at the command line, the organisation the operator names). Keys
// are set only at the command line, and never leave the server: not in answers, logs or the audit log.

export async function fetchComparisonPreview(
  ctx: AppContext,
  authority: Authority<'indicator-values', 'create'>,
  agreementId: string,
  request: ComparisonFetch,
  options: { organisationId?: string } = {},
): Promise<ComparisonFetchPreview> {
  // Check the agreement and the row before asking anyone outside.
  const agreement = await currentAgreement(ctx, authority, agreementId)
  const indicator = agreement.content.goals.flatMap((g) => g.indicators).find((i) => i.key === request.indicatorKey)
  if (!indicator) throw new AppError('validation', `Indikatoren "${request.indicatorKey}" findes ikke i delaftalen.`)
  if (!indicator.rows.some((r) => r.key === request.rowKey)) throw new AppError('validation', `Rækken "${request.rowKey}" findes ikke under indikatoren "${indicator.name}".`)

  const deps = { fetch: ctx.fetch ?? fetch, now: ctx.now }
  let result: SourceResult
  if (request.source === 'statbank') {
    result = await fetchStatbank(statbankRequestOf(request), deps)
  } else {
    const organisationId = organisationFor(authority, options.organisationId)
    result = await fetchJobindsats(jobindsatsRequestOf(request), { ...deps, apiKey: await repo.apiKey(ctx.db, organisationId, 'jobindsats') })
  }

  const converted = toComparisonValues(result.rows, targetOf(request))
  const position = new Map(result.rows.map((row, i) => [row.period, i + 1]))
  const values = pendingValuesOf(converted.values, (v) => position.get(v.period) ?? 0)
  const fetchedAt = new Date(result.source.fetchedAt)
  const file = {
    name: fetchFileName(comparisonSourceLabels[request.source], result.source.table, fetchedAt),
    // What the checksum is taken over: the request and the answer as read, never a key.
    bytes: Buffer.from(JSON.stringify({ request, source: result.source, rows: result.rows })),
  }
  const preview = await storePreview(ctx, authority, agreementId, file, request.source, values, converted.problems)
  return { ...preview, warnings: converted.warnings, fetched: { source: request.source, table: result.source.table, url: result.source.url, fetchedAt: result.source.fetchedAt } }
}

/** Whose Jobindsats key a fetch uses: a user's own organisation's; the operator names one. */
function organisationFor(authority: Authority, organisationId: string | undefined): string {
  if ('actor' in authority) {
    if (organisationId !== undefined && organisationId !== authority.actor.organisationId) {
      throw new AppError('forbidden', 'Du kan kun hente fra Jobindsats med din egen organisations nøgle.')
    }
    return authority.actor.organisationId
  }
  if (organisationId === undefined) throw new AppError('validation', 'Angiv organisationen, hvis nøgle til Jobindsats skal bruges (--organisation).')
  return organisationId
}

// ---------------------------------------------------------------------------------------------
// Keys, set and listed by an operator at the command line only.

/** The organisation's id by its exact name, or a Danish error listing the organisations there are. */
export async function findOrganisation(ctx: AppContext, _authority: SystemAuthority, name: string): Promise<{ id: string; name: string }> {
  const found = await repo.organisationByName(ctx.db, name.trim())
  if (found) return found
  const names = await repo.organisationNames(ctx.db)
  throw new AppError('not_found', `Organisationen "${name}" findes ikke.${names.length > 0 ? ` Organisationer: ${names.join('; ')}.` : ''}`)
}

/** Stores (or replaces) an organisation's key for a source. The audit row says who and when, never the key. */
export async function setSourceKey(
  ctx: AppContext,
  authority: SystemAuthority,
  input: { organisation: string; source: repo.CredentialSource; apiKey: string },
): Promise<{ organisation: string; source: repo.CredentialSource; setAt: string; replaced: boolean }> {
  const apiKey = input.apiKey.trim()
  if (apiKey === '') throw new AppError('validation', 'Nøglen er tom. Skriv eller indsæt nøglen på standardinput, fx: indsats source set-key … < nøgle.txt')
  // A key is one token; whitespace inside means something else was pasted along with it.
  if (/\s/.test(apiKey) || apiKey.length > 1000) throw new AppError('validation', 'Nøglen må ikke indeholde mellemrum eller linjeskift. Indsæt kun selve nøglen.')
  const organisation = await findOrganisation(ctx, authority, input.organisation)
  const label = authority.label === 'cli' ? 'Kommandolinjen' : 'Indsats'
  return ctx.db.transaction().execute(async (trx) => {
    const { setAt, replaced } = await repo.upsertKey(trx, { organisationId: organisation.id, source: input.source, apiKey, setBy: null, setByLabel: label })
    await writeAudit(trx, {
      actor: { label: authority.label },
      action: replaced ? 'update' : 'create',
      entity: 'source-credential',
      entityId: `${organisation.id}:${input.source}`,
      details: { organisation: organisation.name, source: input.source, replaced },
    })
    return { organisation: organisation.name, source: input.source, setAt: setAt.toISOString(), replaced }
  })
}

export interface SourceKeyListing {
  organisation: string
  source: repo.CredentialSource
  setAt: string
  /** Who set it: a user's name, or "Kommandolinjen". */
  setBy: string
}

export async function listSourceKeys(ctx: AppContext, _authority: SystemAuthority): Promise<SourceKeyListing[]> {
  return (await repo.listKeys(ctx.db)).map((k) => ({ organisation: k.organisation_name, source: k.source as repo.CredentialSource, setAt: k.set_at.toISOString(), setBy: k.set_by_name ?? k.set_by_label }))
}
