import type { z } from 'zod'
import type { AuditLogPage, AuditLogQuery } from '../../../shared/audit-log.ts'
import type { Grant } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'

/** A page of the audit log, newest first; `before` is the id to continue below. */
export async function readAuditLog(
  ctx: AppContext,
  _grant: Grant<'audit-log', 'read'>,
  query: z.infer<typeof AuditLogQuery>,
): Promise<z.infer<typeof AuditLogPage>> {
  let select = ctx.db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.at', 'a.actor_label', 'u.name as actor_name', 'a.action', 'a.entity', 'a.entity_id', 'a.plan_id'])
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1)
  if (query.before) select = select.where('a.id', '<', query.before)
  const rows = await select.execute()
  const page = rows.slice(0, query.limit)
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actor_name ?? r.actor_label,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      planId: r.plan_id,
    })),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  }
}
