import type { AgreementContent } from '../../../shared/agreements.ts'
import type { ImportPreview } from '../../../shared/indicators.ts'
import { BeboerdataMapping, type DetectedTable, type ValueMappingDto } from '../../../shared/value-mappings.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { auditActor, type Authority } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { currentAgreement } from '../agreements/agreements.service.ts'
import { applyBeboerdataMapping, detectBeboerdataTable } from './import/beboerdata.ts'
import { readTableInThread } from '../imports/read-table-thread.ts'
import { readUpload, recordedBy } from '../imports/imports.service.ts'
import { storePreview } from './indicators.service.ts'
import * as repo from './value-mappings.repo.ts'

// Saved mappings for LBF Beboerdata tables (src/shared/value-mappings.ts). A mapping ends in the same
// two-step import as any other file (decision 011): the values it reads are staged and committed
// with commitImport, all or nothing.

function toDto(row: NonNullable<Awaited<ReturnType<typeof repo.mappingById>>>): ValueMappingDto {
  return {
    id: row.id,
    agreementId: row.agreement_id,
    name: row.name,
    source: 'beboerdata',
    definition: BeboerdataMapping.parse(row.definition),
    createdBy: row.created_by_name ?? row.created_by_label,
    createdAt: row.created_at.toISOString(),
    updatedBy: row.updated_by_name ?? row.updated_by_label,
    updatedAt: row.updated_at.toISOString(),
  }
}

/** Every mapping row must name a row of an indicator in the agreement as it is now. */
function checkAgainstAgreement(mapping: BeboerdataMapping, content: AgreementContent): void {
  const indicators = content.goals.flatMap((g) => g.indicators)
  const issues: { path: string; message: string }[] = []
  const seen = new Set<string>()
  mapping.rows.forEach((r, i) => {
    const indicator = indicators.find((ind) => ind.key === r.indicatorKey)
    if (!indicator) issues.push({ path: `rows.${i}.indicatorKey`, message: `Indikatoren "${r.indicatorKey}" findes ikke i delaftalen.` })
    else if (!indicator.rows.some((row) => row.key === r.rowKey)) {
      issues.push({ path: `rows.${i}.rowKey`, message: `Rækken "${r.rowKey}" findes ikke under indikatoren "${indicator.name}". Den har rækkerne ${indicator.rows.map((row) => row.key).join(', ')}.` })
    } else if (seen.has(`${r.indicatorKey}\u0000${r.rowKey}`)) {
      issues.push({ path: `rows.${i}.rowKey`, message: `Rækken "${r.rowKey}" under "${indicator.name}" er valgt to gange.` })
    }
    seen.add(`${r.indicatorKey}\u0000${r.rowKey}`)
  })
  if (issues.length > 0) throw new AppError('validation', issues.map((i) => i.message).join(' '), { issues })
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
}

const nameTaken = (name: string) => new AppError('conflict', `Der er allerede en opsætning med navnet "${name}" for denne delaftale. Vælg et andet navn.`)

export async function listMappings(ctx: AppContext, authority: Authority<'indicator-values', 'read'>, agreementId: string): Promise<ValueMappingDto[]> {
  await currentAgreement(ctx, authority, agreementId)
  return (await repo.listMappings(ctx.db, agreementId)).map(toDto)
}

export async function createMapping(ctx: AppContext, authority: Authority<'indicator-values', 'create'>, agreementId: string, input: BeboerdataMapping): Promise<ValueMappingDto> {
  const agreement = await currentAgreement(ctx, authority, agreementId)
  checkAgainstAgreement(input, agreement.content)
  const by = recordedBy(authority)
  const id = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const inserted = await repo.insertMapping(trx, { agreementId, name: input.name, definition: input, by: by.id, byLabel: by.label })
      await writeAudit(trx, { actor: auditActor(authority), action: 'create', entity: 'value-mapping', entityId: inserted, planId: agreement.planId, details: { agreementId, definition: input } })
      return inserted
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? nameTaken(input.name) : error
    })
  return toDto((await repo.mappingById(ctx.db, agreementId, id))!)
}

/** A mapping is edited by replacing its definition; the audit log keeps the one before. */
export async function replaceMapping(
  ctx: AppContext,
  authority: Authority<'indicator-values', 'create'>,
  agreementId: string,
  mappingId: string,
  input: BeboerdataMapping,
): Promise<ValueMappingDto> {
  const agreement = await currentAgreement(ctx, authority, agreementId)
  checkAgainstAgreement(input, agreement.content)
  const by = recordedBy(authority)
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const before = await repo.mappingById(trx, agreementId, mappingId)
      if (!before) throw new AppError('not_found', 'Opsætningen findes ikke.')
      await repo.replaceMapping(trx, mappingId, { name: input.name, definition: input, by: by.id, byLabel: by.label })
      await writeAudit(trx, {
        actor: auditActor(authority),
        action: 'update',
        entity: 'value-mapping',
        entityId: mappingId,
        planId: agreement.planId,
        details: { agreementId, before: before.definition, after: input },
      })
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? nameTaken(input.name) : error
    })
  return toDto((await repo.mappingById(ctx.db, agreementId, mappingId))!)
}

/** A mapping by its id or its name (case-insensitive), for the command line. */
export async function findMapping(ctx: AppContext, authority: Authority<'indicator-values', 'read'>, agreementId: string, idOrName: string): Promise<ValueMappingDto> {
  await currentAgreement(ctx, authority, agreementId)
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName)
  const row = isId ? await repo.mappingById(ctx.db, agreementId, idOrName) : await repo.mappingByName(ctx.db, agreementId, idOrName)
  if (!row) throw new AppError('not_found', `Opsætningen "${idOrName}" findes ikke for delaftalen. Se "indsats values mappings --agreement ${agreementId}".`)
  return toDto(row)
}

/** What a Beboerdata file holds (sheet, years, row labels), so the user can build a mapping from it. */
export async function detectTable(
  ctx: AppContext,
  authority: Authority<'indicator-values', 'create'>,
  agreementId: string,
  file: { name: string; bytes: Buffer },
  options: { sheet?: string | undefined; labelColumn?: string | undefined } = {},
): Promise<DetectedTable> {
  await currentAgreement(ctx, authority, agreementId)
  const table = await readTableInThread(file.bytes, file.name)
  const detected = detectBeboerdataTable(table, options)
  return {
    sheet: detected.sheet.name,
    headerRow: detected.headerRow,
    labelColumn: { letter: detected.labelColumn.letter, header: detected.labelColumn.header },
    years: detected.years.map((y) => ({ column: y.column, year: y.year })),
    rowLabels: detected.rowLabels,
    sheets: table.sheets.map((s) => s.name).filter((n): n is string => n !== null),
  }
}

/**
 * Reads a file with a saved mapping and keeps it as a previewed import, like any other file; also says
 * how many cells were skipped as suppressed.
 */
export async function previewMappedImport(
  ctx: AppContext,
  authority: Authority<'indicator-values', 'create'>,
  agreementId: string,
  mappingId: string,
  file: { name: string; bytes: Buffer },
): Promise<{ preview: ImportPreview; suppressed: number }> {
  const agreement = await currentAgreement(ctx, authority, agreementId)
  const row = await repo.mappingById(ctx.db, agreementId, mappingId)
  if (!row) throw new AppError('not_found', 'Opsætningen findes ikke for delaftalen.')
  const mapping = BeboerdataMapping.parse(row.definition)
  const read = await readUpload(file, (table) => {
    const result = applyBeboerdataMapping(table, mapping, agreement.content)
    return { rows: result.values, problems: result.problems, suppressed: result.suppressed }
  })
  const { rows: values, problems } = read
  const suppressed = read.read?.suppressed ?? 0
  // The format names the reader, and is the provenance's source on every value committed.
  return { preview: await storePreview(ctx, authority, agreementId, file, `beboerdata: ${row.name}`, values, problems), suppressed }
}
