import { z } from 'zod'
import { SecondFactorStep } from './second-factor.ts'
import { Email, NewPassword, UserDto } from './users.ts'

export const LoginRequest = z.object({
  email: Email,
  password: z.string().min(1, { error: 'Skriv din adgangskode.' }).max(200),
})
export type LoginRequest = z.infer<typeof LoginRequest>

export const SessionDto = z.object({
  user: UserDto,
  expiresAt: z.iso.datetime({ offset: true }),
  /** Whether the session still waits for a second factor (decision 027). */
  secondFactor: SecondFactorStep,
})
export type SessionDto = z.infer<typeof SessionDto>

export const PasswordChange = z.object({
  currentPassword: z.string().min(1, { error: 'Skriv din nuværende adgangskode.' }).max(200),
  newPassword: NewPassword,
})
export type PasswordChange = z.infer<typeof PasswordChange>

/** Whether the sign-in page offers the organisation's identity provider, and the button's text (decision 032). */
export const IdentityProviderDto = z.discriminatedUnion('enabled', [
  z.object({ enabled: z.literal(true), displayName: z.string() }),
  z.object({ enabled: z.literal(false) }),
])
export type IdentityProviderDto = z.infer<typeof IdentityProviderDto>

/** Error codes the identity provider's return sends to the sign-in page (`?fejl=`), which shows their message. */
export const IdentityProviderProblem = z.enum(['identity_provider_unknown_user', 'identity_provider_disabled_user', 'identity_provider_failed', 'identity_provider_unavailable'])
export type IdentityProviderProblem = z.infer<typeof IdentityProviderProblem>
