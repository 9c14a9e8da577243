import { z } from 'zod'
import { SecondFactorStep } from './second-factor.ts'
import { Email, NewPassword, UserDto } from './users.ts'

export const LoginRequest = z.object({
  email: Email,
  password: z.string().min(1, { error: 'Skriv din adgangskode.' }).max(200),
})
export type LoginRequest = z.infer<typeof LoginRequest>

/** How the session was signed in: with Indsats' own password, or through the organisation's identity provider (decision 032). */
export const SignInMethod = z.enum(['password', 'identity_provider'])
export type SignInMethod = z.infer<typeof SignInMethod>

export const SessionDto = z.object({
  user: UserDto,
  /** A session signed in through the identity provider has no password to change (decision 041). */
  signInMethod: SignInMethod,
  expiresAt: z.iso.datetime({ offset: true }),
  /** Whether the session still waits for a second factor (decision 027). */
  secondFactor: SecondFactorStep,
})
export type SessionDto = z.infer<typeof SessionDto>

/**
 * After signing out: where the browser goes to be signed out at the identity provider too, when the
 * session came through one that offers it (RP-initiated logout, decision 041); otherwise null.
 */
export const SignedOut = z.object({ providerSignOutUrl: z.url().nullable() })
export type SignedOut = z.infer<typeof SignedOut>

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
