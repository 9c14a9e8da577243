import path from 'node:path'
import { z } from 'zod'

// One schema for every setting Indsats reads from its environment. Documented in .env.example;
// a bad value stops start-up with a message that names the variable.

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const port = z.coerce.number().int().min(1).max(65535)

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback'

/** An identity provider is reached over HTTPS; plain HTTP only on this machine (a provider in a test). */
const providerUrl = z
  .url({ protocol: /^https?$/, error: 'skal være identitetsudbyderens adresse (issuer), fx https://login.kommune.dk/realms/ansatte' })
  .refine((v) => {
    const url = new URL(v)
    return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
  }, { error: 'skal begynde med https:// (http:// kun for localhost)' })

export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'skal begynde med postgres:// eller postgresql://')
    .optional(),
  EMBEDDED_PG_PORT: port.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: bool.default(false),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  SEED: bool.default(true),
  /** How long a client may take to send a whole request, body included (a large upload on a slow line). */
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** How long a client may take to send a request's headers. */
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
  /** How long an idle kept-alive connection stays open; above a proxy's own (often 60 s). */
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(72),
  /** A connection on which nothing moves for this long is closed, also while a response is made. */
  HTTP_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** The server exits (for its supervisor to restart it) when the database has not answered for this long. */
  DB_OUTAGE_EXIT_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(60),
  /** Counts below this are hidden in aggregates for board members and outside readers. */
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(2).max(100).default(5),
  ADMIN_EMAIL: z.email().default('admin@indsats.local'),
  /** The key that encrypts CPR numbers (for plans that turn them on); made on first use. */
  CPR_KEY_FILE: z.string().min(1).optional(),
  /**
   * Where e-mail goes (one-time passwords, notices of new access to residents). Unset: each mail is
   * written to the log and to DATA_DIR/mail/ instead of being sent.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'skal begynde med smtp:// eller smtps://, fx smtp://bruger:kode@mail.kommune.dk:587')
    .optional(),
  /** The sender of Indsats' e-mails: an address, optionally with a name ("Indsats <indsats@kommune.dk>"). */
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'skal være en e-mailadresse, evt. med et navn foran: Indsats <indsats@kommune.dk>')
    .default('Indsats <indsats@localhost>'),
  /** The key that encrypts second-factor secrets (base64, 32 bytes); unset: read from TOTP_KEY_FILE. */
  TOTP_KEY: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9+/]{43}=?$/, 'skal være 32 tilfældige bytes i base64 (44 tegn), fx fra: openssl rand -base64 32')
    .optional(),
  /** The file with the key that encrypts second-factor secrets; made on first use. Unset: DATA_DIR/totp.key. */
  TOTP_KEY_FILE: z.string().min(1).optional(),

  // Sign-in through the organisation's identity provider (OpenID Connect, decision 032): off while
  // OIDC_ISSUER is unset; once it is set, the client's id, secret and redirect URL must be too.
  OIDC_ISSUER: providerUrl.optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where the provider sends the browser back: this server's /api/auth/oidc/callback, as users reach it. */
  OIDC_REDIRECT_URL: z.url({ protocol: /^https?$/, error: 'skal være en fuld adresse, der ender på /api/auth/oidc/callback' })
    .refine((v) => new URL(v).pathname === OIDC_CALLBACK_PATH, { error: `skal ende på ${OIDC_CALLBACK_PATH}` })
    .optional(),
  /** The text on the sign-in button. */
  OIDC_DISPLAY_NAME: z.string().min(1).max(80).default('Log ind med din organisations konto'),
  /** The claim (in the ID token or from the userinfo endpoint) that holds the user's e-mail address. */
  OIDC_EMAIL_CLAIM: z.string().min(1).default('email'),
  /**
   * Whether the first sign-in (before the account is linked) needs the provider to vouch for the
   * e-mail (`email_verified: true`). Turn off only for a provider that never sends the claim and whose
   * addresses are all issued by the organisation itself.
   */
  OIDC_REQUIRE_EMAIL_VERIFIED: bool.default(true),
  /** `acr` values (comma-separated) that count as a second factor, besides `amr` holding mfa, otp or hwk. */
  OIDC_MFA_ACR_VALUES: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .default([]),
}).superRefine((config, ctx) => {
  if (!config.OIDC_ISSUER) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const) {
      if (config[name] !== undefined) ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: `skal sættes, når ${name} er sat (log ind via identitetsudbyder)` })
    }
    return
  }
  for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const) {
    if (config[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'skal sættes, når OIDC_ISSUER er sat (log ind via identitetsudbyder)' })
  }
})

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string }

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(emptyAsUnset(env))
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join('.')
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`
    })
    throw new ConfigError(
      `Ugyldig konfiguration / invalid configuration:\n${lines.join('\n')}\nSe .env.example for gyldige værdier.`,
    )
  }
  return { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) }
}

/** Loads ./.env (if present) into process.env without overriding what is already set. */
export function loadDotEnv(file = '.env'): void {
  try {
    process.loadEnvFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value
  return out
}
