import type { StaffTimeImportPreview } from '../../../shared/staff-time.ts'
import { quarterOfWeek } from '../../../shared/lib/iso-week.ts'
import { periodLabel } from '../../../shared/lib/period.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { auditActor, type Grant } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { currentAgreement } from '../agreements/agreements.service.ts'
import { commitStaged, discardStaged, type ImportKind, type ImportTarget, PREVIEW_ROWS, readUpload, stageImport, type Upload } from '../imports/imports.service.ts'
import { CALENDAR_COLUMNS, type ImportedConversation, type ImportedHours, readCalendarExport, readTimeSheet, SHEET_COLUMNS, type StaffLookup } from './staff-time-import.ts'
import * as repo from './staff-time.repo.ts'

// The job centre's calendar export and time sheets through the two-step import (decision 011): read
// and staged with every problem located, then written all or nothing. A conversation or an hour is
// recorded for the person the file names, with the party that person acts for on the plan.

async function known(ctx: AppContext, planId: string): Promise<StaffLookup> {
  const [members, activities] = await Promise.all([repo.membersOfPlan(ctx.db, planId), repo.activitiesOfPlan(ctx.db, planId)])
  const staff = new Map<string, string>()
  for (const m of members) {
    staff.set(m.email.toLowerCase(), m.id)
    staff.set(m.name.toLowerCase(), m.id)
  }
  const acts = new Map<string, string>()
  for (const a of activities) {
    acts.set(a.name.toLowerCase(), a.id)
    acts.set(a.key.toLowerCase(), a.id)
  }
  return { staff, activities: acts }
}

const calendarImports: ImportKind<'conversations', ImportTarget, ImportedConversation, { rowCount: number }> = {
  kind: 'conversations',
  resource: 'conversations',
  lock: (trx, target) => repo.lockPlanForImport(trx, target.planId),
  write: async (trx, { target: { planId }, importId, pending, all, by, authority }) => {
    const parties = await repo.partiesOfMembers(trx, planId)
    await repo.insertConversations(
      trx,
      all.map((c) => ({
        plan_id: planId,
        activity_id: c.activityId,
        staff_id: c.staffId,
        party_id: parties.get(c.staffId) ?? null,
        kind: 'anonymous',
        held_on: c.heldOn,
        place: c.place,
        duration_minutes: c.durationMinutes,
        transport_minutes: c.transportMinutes,
        admin_minutes: c.adminMinutes,
        import_id: importId,
        created_by: by.id,
      })),
    )
    await writeAudit(trx, { actor: auditActor(authority), action: 'create', entity: 'staff-conversation', entityId: planId, planId, details: { importId, fileName: pending.file_name, rows: all.length, sha256: pending.sha256 } })
    return { rowCount: all.length }
  },
}

const timeSheetImports: ImportKind<'time-entries', ImportTarget, ImportedHours, { rowCount: number }> = {
  kind: 'time-sheets',
  resource: 'time-entries',
  lock: (trx, target) => repo.lockPlanForImport(trx, target.planId),
  write: async (trx, { target: { planId, agreementId }, importId, pending, all, by, authority }) => {
    // A closed quarter is locked for the one who closed it (decision 035): a file cannot change it either.
    for (const key of new Set(all.map((h) => `${h.staffId}|${quarterOfWeek(h.weekStart)}`))) {
      const [staffId, quarter] = key.split('|') as [string, string]
      if (await repo.lockedBy(trx, agreementId!, quarter, staffId)) throw new AppError('conflict', `Filen har timer i ${periodLabel(quarter)} for en medarbejder, der har opgjort kvartalet, så det er låst. Projektlederen kan åbne kvartalet igen.`)
    }
    const parties = await repo.partiesOfMembers(trx, planId)
    for (const h of all) {
      await repo.upsertTimeEntry(trx, {
        plan_id: planId,
        agreement_id: agreementId!,
        activity_id: h.activityId,
        resource_key: null,
        effort_area: null,
        staff_id: h.staffId,
        party_id: parties.get(h.staffId) ?? null,
        week_start: h.weekStart,
        hours: String(h.hours),
        note: null,
        import_id: importId,
        created_by: by.id,
      })
    }
    await writeAudit(trx, { actor: auditActor(authority), action: 'create', entity: 'time-entry', entityId: importId, planId, details: { agreementId, fileName: pending.file_name, rows: all.length, sha256: pending.sha256 } })
    return { rowCount: all.length }
  },
}

export async function previewCalendar(ctx: AppContext, grant: Grant<'conversations', 'create'>, file: Upload): Promise<StaffTimeImportPreview> {
  const planId = grant.planId!
  const lookup = await known(ctx, planId)
  const read = await readUpload(file, (table) => readCalendarExport(table, lookup, today(ctx)), Object.values(CALENDAR_COLUMNS).flat())
  const staged = await stageImport(ctx, calendarImports, grant, { planId, agreementId: null }, file, read)
  return { ...staged, rowCount: read.rows.length, rows: read.rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, staffId: r.staffId, activityId: r.activityId, day: r.heldOn, minutesOrHours: r.durationMinutes })) }
}

export const commitCalendar = (ctx: AppContext, grant: Grant<'conversations', 'create'>, importId: string) => commitStaged(ctx, calendarImports, grant, { planId: grant.planId!, agreementId: null }, importId)
export const discardCalendar = (ctx: AppContext, grant: Grant<'conversations', 'create'>, importId: string) => discardStaged(ctx, calendarImports, grant, { planId: grant.planId!, agreementId: null }, importId)

export async function previewTimeSheet(ctx: AppContext, grant: Grant<'time-entries', 'create'>, agreementId: string, file: Upload): Promise<StaffTimeImportPreview> {
  const planId = grant.planId!
  await currentAgreement(ctx, grant, agreementId)
  const lookup = await known(ctx, planId)
  const read = await readUpload(file, (table) => readTimeSheet(table, lookup, today(ctx)), Object.values(SHEET_COLUMNS).flat())
  const staged = await stageImport(ctx, timeSheetImports, grant, { planId, agreementId }, file, read)
  return { ...staged, rowCount: read.rows.length, rows: read.rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, staffId: r.staffId, activityId: r.activityId, day: r.weekStart, minutesOrHours: r.hours })) }
}

export const commitTimeSheet = (ctx: AppContext, grant: Grant<'time-entries', 'create'>, agreementId: string, importId: string) => commitStaged(ctx, timeSheetImports, grant, { planId: grant.planId!, agreementId }, importId)
export const discardTimeSheet = (ctx: AppContext, grant: Grant<'time-entries', 'create'>, agreementId: string, importId: string) => discardStaged(ctx, timeSheetImports, grant, { planId: grant.planId!, agreementId }, importId)
