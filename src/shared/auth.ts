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
