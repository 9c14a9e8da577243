import { z } from 'zod'
import { Role } from './users.ts'

// "Ny adgang til beboere" on the project leader's front page (decision 041): someone was given
// access to the plan's residents (a new user or plan, another role, or another party with the same
// role). The same news goes by mail (decision 033); the notice stays until it is marked seen, or for
// ACCESS_NOTICE_DAYS.

export const ACCESS_NOTICE_DAYS = 14

export const ResidentAccessKind = z.enum(['new', 'role_changed', 'party_changed'])
export type ResidentAccessKind = z.infer<typeof ResidentAccessKind>

export const residentAccessKindLabels: Record<ResidentAccessKind, string> = {
  new: 'ny på planen',
  role_changed: 'ny rolle',
  party_changed: 'ny part',
}

export const AccessNotice = z.object({
  id: z.uuid(),
  /** Who was given access. */
  userName: z.string(),
  role: Role,
  /** The party they now belong to on the plan, if any. */
  partyName: z.string().nullable(),
  kind: ResidentAccessKind,
  givenAt: z.iso.datetime({ offset: true }),
})
export type AccessNotice = z.infer<typeof AccessNotice>
