import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely'
import type { AuditAction, AuditEntity } from '../../shared/audit-log.ts'
import type { DB } from '../db/types.ts'

// Append-only record of every write and every read of personal data. Write it in the same
// transaction as the change it describes, so one never exists without the other.

export type AuditActor = { id: string; label?: string } | { id?: undefined; label: 'system' | 'cli' | 'anonymous' }

export interface AuditEntry {
  actor: AuditActor
  action: AuditAction
  entity: AuditEntity
  entityId?: string | null
  planId?: string | null
  details?: Record<string, unknown>
  ip?: string | null
}

/** An entry as the audit_log row it becomes. */
function auditRow(e: AuditEntry) {
  return {
    actor_id: e.actor.id ?? null,
    actor_label: e.actor.label ?? 'user',
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId ?? null,
    plan_id: e.planId ?? null,
    details: JSON.stringify(e.details ?? {}),
    ip: e.ip ?? null,
  }
}

export async function writeAudit(db: Kysely<DB> | Transaction<DB>, entry: AuditEntry | AuditEntry[]): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry]
  if (entries.length === 0) return
  await db.insertInto('audit_log').values(entries.map(auditRow)).execute()
}

/**
 * The INSERT of one audit row, for a read that writes its row in the same statement as the read
 * (a data-modifying WITH; decision 044): the entry's details, with `moreDetails` (a jsonb object the
 * statement builds from what it read) merged in. One statement, so the row is committed before the
 * answer reaches the caller, as with writeAudit.
 */
export function auditInsertSql(entry: AuditEntry, moreDetails: RawBuilder<unknown>): RawBuilder<unknown> {
  const r = auditRow(entry)
  return sql`insert into audit_log (actor_id, actor_label, action, entity, entity_id, plan_id, details, ip)
    values (${r.actor_id}, ${r.actor_label}, ${r.action}, ${r.entity}, ${r.entity_id}, ${r.plan_id}, ${r.details}::jsonb || ${moreDetails}, ${r.ip})`
}
