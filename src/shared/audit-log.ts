import { z } from 'zod'

export const AuditEntryDto = z.object({
  id: z.number(),
  at: z.iso.datetime({ offset: true }),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  planId: z.string().nullable(),
})
export const AuditLogQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export const AuditLogPage = z.object({ entries: z.array(AuditEntryDto), nextBefore: z.number().nullable() })
