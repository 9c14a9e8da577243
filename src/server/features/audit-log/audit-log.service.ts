import { Readable } from 'node:stream'
import type { Expression, SqlBool } from 'kysely'
import {
  type AuditEntryDto,
  type AuditLogFilter,
  type AuditLogPage,
  AuditAction,
  auditActionLabels,
  auditCsvColumns,
  auditEntityLabels,
  auditEntityOf,
} from '../../../shared/audit-log.ts'
import { formatDateTimeWithSeconds } from '../../../shared/lib/format.ts'
import type { Authority } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { type AuditRow, countEntries, findEntries, whereFilter } from './audit-log.repo.ts'

const actorLabels: Record<string, string> = { system: 'Systemet', cli: 'Kommandolinjen', anonymous: 'Ukendt (ikke logget ind)' }

/** One row as people read it: names, pseudonyms and Danish labels, never bare ids alone. */
export function toAuditEntryDto(row: AuditRow): AuditEntryDto {
  const entity = auditEntityOf(row.entity)
  const action = AuditAction.safeParse(row.action)
  // The vocabulary is closed and the table append-only: a row outside it is a bug to see, not to hide.
  if (!entity || !action.success) throw new AppError('internal', undefined, { logDetail: `audit row ${row.id} has ${row.entity}:${row.action} outside the vocabulary` })
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor_name ?? actorLabels[row.actor_label] ?? 'Ukendt bruger',
    actorId: row.actor_id,
    action: action.data,
    actionLabel: auditActionLabels[action.data],
    entity,
    entityLabel: auditEntityLabels[entity],
    entityId: row.entity_id,
    entityName: row.entity_name,
    listed: row.listed,
    planId: row.plan_id,
    planName: row.plan_name,
    party: row.party_name,
    refused: row.refused,
  }
}

async function pageOf(ctx: AppContext, where: Expression<SqlBool>, before: number | undefined, limit: number) {
  const rows = await findEntries(ctx.db, where, { before, limit: limit + 1 })
  const shown = rows.slice(0, limit)
  return { entries: shown.map(toAuditEntryDto), nextBefore: rows.length > limit ? shown.at(-1)!.id : null }
}

/** A page of the filtered log, newest first, with the count of all matches; `nextBefore` is the id to continue below. */
export async function readAuditLog(
  ctx: AppContext,
  _authority: Authority<'audit-log', 'read'>,
  filter: AuditLogFilter,
  page: { before?: number; limit: number },
): Promise<AuditLogPage> {
  const where = await whereFilter(ctx.db, filter)
  if (!where) return { entries: [], total: 0, nextBefore: null }
  const [found, total] = await Promise.all([pageOf(ctx, where, page.before, page.limit), countEntries(ctx.db, where)])
  return { ...found, total }
}

const BATCH = 1000

/** Every filtered entry, newest first, fetched a batch at a time so a long log never sits in memory whole. */
export async function* auditEntries(ctx: AppContext, _authority: Authority<'audit-log', 'read'>, filter: AuditLogFilter): AsyncGenerator<AuditEntryDto> {
  const where = await whereFilter(ctx.db, filter)
  if (!where) return
  let before: number | undefined
  for (;;) {
    const batch = await pageOf(ctx, where, before, BATCH)
    yield* batch.entries
    if (batch.nextBefore === null) return
    before = batch.nextBefore
  }
}

function csvField(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

function csvValue(entry: AuditEntryDto, key: (typeof auditCsvColumns)[number][0]): string {
  if (key === 'at') return formatDateTimeWithSeconds(entry.at)
  if (key === 'refused') return entry.refused ? 'ja' : ''
  const value = entry[key]
  return value === null ? '' : String(value)
}

/**
 * The filtered log as CSV for Excel: UTF-8 with a byte-order mark, semicolons between fields (what a
 * Danish Excel expects), a header row in Danish; streamed page by page.
 */
export function auditCsv(ctx: AppContext, authority: Authority<'audit-log', 'read'>, filter: AuditLogFilter): Readable {
  async function* lines() {
    yield `\uFEFF${auditCsvColumns.map(([, heading]) => csvField(heading)).join(';')}\r\n`
    for await (const entry of auditEntries(ctx, authority, filter)) {
      yield `${auditCsvColumns.map(([key]) => csvField(csvValue(entry, key))).join(';')}\r\n`
    }
  }
  return Readable.from(lines())
}
