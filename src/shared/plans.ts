import { z } from 'zod'
import { Role } from './users.ts'

export const PlanDto = z.object({ id: z.uuid(), name: z.string(), municipality: z.string() })
export type PlanDto = z.infer<typeof PlanDto>

export const PlanList = z.object({ plans: z.array(PlanDto) })
export const PlanIdParams = z.object({ planId: z.uuid({ error: 'Ugyldigt plan-id.' }) })

/** Staff on a plan: personal data (names and e-mail addresses), so reads are logged. */
export const PlanMember = z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: Role, organisation: z.string() })
export const PlanMemberList = z.object({ members: z.array(PlanMember) })
