import type { Kysely, Transaction } from 'kysely'
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

export async function writeAudit(db: Kysely<DB> | Transaction<DB>, entry: AuditEntry | AuditEntry[]): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry]
  if (entries.length === 0) return
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        actor_id: e.actor.id ?? null,
        actor_label: e.actor.label ?? 'user',
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId ?? null,
        plan_id: e.planId ?? null,
        details: JSON.stringify(e.details ?? {}),
        ip: e.ip ?? null,
      })),
    )
    .execute()
}
