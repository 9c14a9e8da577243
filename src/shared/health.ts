import { z } from 'zod'

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ reachable: z.boolean(), latencyMs: z.number().nullable() }),
  version: z.string(),
})
export type Health = z.infer<typeof Health>
