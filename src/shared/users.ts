import { z } from 'zod'
import { PartyRef } from './parties.ts'

export const Role = z.enum(['admin', 'projektleder', 'boligsocial', 'jobcenter', 'samarbejdspartner', 'bestyrelse'])
export type Role = z.infer<typeof Role>

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  projektleder: 'Projektleder',
  boligsocial: 'Boligsocial medarbejder',
  jobcenter: 'Jobcentermedarbejder',
  samarbejdspartner: 'Samarbejdspartner',
  bestyrelse: 'Bestyrelsesmedlem',
}

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Skriv en gyldig e-mailadresse.' }))

/** Long passphrases beat complexity rules (NIST SP 800-63B). */
export const NewPassword = z
  .string()
  .min(12, { error: 'Adgangskoden skal have mindst 12 tegn.' })
  .max(200, { error: 'Adgangskoden må højst have 200 tegn.' })

export const PlanRef = z.object({ id: z.uuid(), name: z.string(), municipality: z.string() })
export type PlanRef = z.infer<typeof PlanRef>

/** A plan the user works in, and the party of it they belong to (decision 012), if any. */
export const PlanMembership = PlanRef.extend({ party: PartyRef.nullable() })
export type PlanMembership = z.infer<typeof PlanMembership>

export const UserDto = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: Role,
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  plans: z.array(PlanMembership),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Whether the user has set up an authenticator app (decision 027). */
  secondFactorEnrolled: z.boolean(),
})
export type UserDto = z.infer<typeof UserDto>

export const UserList = z.object({ users: z.array(UserDto) })

export const UserCreate = z.object({
  email: Email,
  name: z.string().trim().min(1, { error: 'Skriv brugerens navn.' }).max(200),
  role: Role,
  organisation: z.string().trim().min(1, { error: 'Skriv organisationens navn.' }).max(200),
  planIds: z.array(z.uuid()).default([]),
  /**
   * The party the user belongs to in each plan, by plan id. A plan left out gets the plan's first
   * party of the kind the role usually acts for (roleRule().party), or none.
   */
  partyIds: z.record(z.uuid(), z.uuid({ error: 'Vælg en part fra helhedsplanens liste.' })).optional(),
})
export type UserCreate = z.infer<typeof UserCreate>

/** An administrator's change of a user: everything but the e-mail, which is the sign-in name. */
export const UserUpdate = UserCreate.omit({ email: true })
export type UserUpdate = z.infer<typeof UserUpdate>

/**
 * A user created, or their password reset: the one-time password went to the user by e-mail, never
 * to the administrator (issue 13, finding 9). `file`: no mail server is set up, and the mail waits in
 * the data folder for the operator to pass on.
 */
export const UserCreated = z.object({ user: UserDto, passwordSentTo: z.string(), mailDelivery: z.enum(['smtp', 'file']) })
export type UserCreated = z.infer<typeof UserCreated>

export const UserIdParams = z.object({ userId: z.uuid({ error: 'Ugyldigt bruger-id.' }) })
