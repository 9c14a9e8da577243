import { z } from 'zod'

// The second sign-in factor (decision 027): a six-digit code from an authenticator app (TOTP), or one
// of the recovery codes shown once at enrolment.

/**
 * Where a session stands with the second factor: `not_needed` for a role that signs in with a
 * password alone, `done` once given, `verify` when the user must type a code, `enrol` when the user
 * must first set up an authenticator app.
 */
export const SecondFactorStep = z.enum(['not_needed', 'done', 'verify', 'enrol'])
export type SecondFactorStep = z.infer<typeof SecondFactorStep>

/** Whether the session still waits for the second factor before anything else can be done. */
export function secondFactorPending(step: SecondFactorStep): boolean {
  return step === 'verify' || step === 'enrol'
}

/** Six digits from the app, or a recovery code ("abcde-fghij"); spaces are ignored. */
export const SecondFactorCode = z.object({
  code: z
    .string()
    .trim()
    .min(1, { error: 'Skriv koden fra din godkendelsesapp.' })
    .max(40, { error: 'Koden er for lang. Skriv de seks cifre fra din godkendelsesapp eller en gendannelseskode.' })
    .transform((code) => code.replace(/\s+/g, '').toLowerCase()),
})
export type SecondFactorCode = z.input<typeof SecondFactorCode>

/** Six digits: what the authenticator app shows. */
export const TotpCode = z.object({
  code: z
    .string()
    .trim()
    .transform((code) => code.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, { error: 'Skriv de seks cifre, din godkendelsesapp viser.' })),
})
export type TotpCode = z.input<typeof TotpCode>

/** What the user needs to add Indsats to an authenticator app. */
export const SecondFactorEnrolment = z.object({
  /** The secret in base32, for typing in when the QR code cannot be scanned. */
  secret: z.string(),
  /** The otpauth:// address the QR code holds. */
  uri: z.string(),
  /** The QR code as an SVG data URL (allowed by the content-security policy's img-src data:). */
  qrCode: z.string(),
})
export type SecondFactorEnrolment = z.infer<typeof SecondFactorEnrolment>

/** The recovery codes, shown once when the second factor is set up; only their hashes are kept. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) })
export type RecoveryCodes = z.infer<typeof RecoveryCodes>
