import { randomBytes } from 'node:crypto'
import type * as OpenIdClient from 'openid-client'
import type { IdentityProviderDto } from '../../../shared/auth.ts'
import type { Config } from '../../config.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { actorOf, userForSignIn } from '../users/users.service.ts'
import { type LoggedIn, sessionId } from './auth.service.ts'
import * as repo from './identity-provider.repo.ts'
import { secondFactorStep } from './second-factor.service.ts'

// Sign-in through the organisation's identity provider with OpenID Connect: the authorization code
// flow with PKCE, state and nonce (decision 032). The provider says who the person is; Indsats alone
// decides whether they are a user and what they may do. No account is ever created here.

/** What the browser keeps between leaving for the provider and coming back (an httpOnly cookie). */
export interface SignInAttempt {
  state: string
  nonce: string
  codeVerifier: string
}

type Enabled = Config & { OIDC_ISSUER: string; OIDC_CLIENT_ID: string; OIDC_CLIENT_SECRET: string; OIDC_REDIRECT_URL: string }

function enabledConfig(config: Config): Enabled | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL } = config
  return OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET && OIDC_REDIRECT_URL ? (config as Enabled) : null
}

/** What the sign-in page shows: the button, when a provider is configured. */
export function identityProvider(ctx: AppContext): IdentityProviderDto {
  const config = enabledConfig(ctx.config)
  return config ? { enabled: true, displayName: config.OIDC_DISPLAY_NAME } : { enabled: false }
}

/**
 * The provider's metadata (endpoints, keys), fetched once per configuration. A failed fetch is not
 * kept, so the next sign-in asks again rather than the server needing a restart.
 */
const discovered = new WeakMap<Config, Promise<OpenIdClient.Configuration>>()

/** openid-client is loaded at the first sign-in through a provider, not at every start (decision 046). */
function openIdClient(): Promise<typeof OpenIdClient> {
  return import('openid-client')
}

function providerConfiguration(ctx: AppContext, config: Enabled): Promise<OpenIdClient.Configuration> {
  let pending = discovered.get(ctx.config)
  if (!pending) {
    pending = openIdClient().then((oidc) => discover(oidc, config))
    pending.catch(() => discovered.delete(ctx.config))
    discovered.set(ctx.config, pending)
  }
  return pending.catch((error: unknown) => {
    throw new AppError('identity_provider_unavailable', undefined, { logDetail: 'identity provider discovery failed', cause: error })
  })
}

async function discover(oidc: typeof OpenIdClient, config: Enabled): Promise<OpenIdClient.Configuration> {
  const issuer = new URL(config.OIDC_ISSUER)
  // Plain HTTP is let through config.ts only for a provider on this machine.
  const insecure = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}
  const found = await oidc.discovery(issuer, config.OIDC_CLIENT_ID, undefined, oidc.None(), { timeout: 10, ...insecure })
  // The secret is sent the way the provider says it takes it; without a word, as HTTP Basic (RFC 8414).
  const metadata = found.serverMetadata()
  const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
  const auth = methods.includes('client_secret_basic') ? oidc.ClientSecretBasic(config.OIDC_CLIENT_SECRET) : oidc.ClientSecretPost(config.OIDC_CLIENT_SECRET)
  const provider = new oidc.Configuration(metadata, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET, auth)
  provider.timeout = 10
  if (issuer.protocol === 'http:') oidc.allowInsecureRequests(provider)
  return provider
}

function requireEnabled(ctx: AppContext): Enabled {
  const config = enabledConfig(ctx.config)
  if (!config) throw new AppError('not_found')
  return config
}

/** The address at the provider to send the browser to, and what to remember until it comes back. */
export async function startSignIn(ctx: AppContext): Promise<{ url: string; attempt: SignInAttempt }> {
  const config = requireEnabled(ctx)
  const provider = await providerConfiguration(ctx, config)
  const oidc = await openIdClient()
  const attempt: SignInAttempt = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() }
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: config.OIDC_REDIRECT_URL,
    scope: 'openid email',
    code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
    code_challenge_method: 'S256',
    state: attempt.state,
    nonce: attempt.nonce,
  })
  return { url: url.href, attempt }
}

/** `amr` values (RFC 8176) that mean more than a password was checked. */
const MFA_METHODS = new Set(['mfa', 'otp', 'hwk'])

/** Whether the provider asserts a second factor: by `amr`, or by an `acr` the operator named (decision 027). */
export function providerAssertsMfa(claims: { amr?: unknown; acr?: unknown }, acceptedAcr: readonly string[]): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr : []
  if (amr.some((m) => typeof m === 'string' && MFA_METHODS.has(m))) return true
  return typeof claims.acr === 'string' && acceptedAcr.includes(claims.acr)
}

/**
 * The browser is back from the provider (`query` is the callback's query string). Exchanges the code,
 * checks state, nonce and the ID token, finds the user, and opens a session. Every refusal is audited.
 */
export async function finishSignIn(ctx: AppContext, query: string, attempt: SignInAttempt | null, ip: string): Promise<LoggedIn> {
  const config = requireEnabled(ctx)
  const refuse = async (code: 'identity_provider_unknown_user' | 'identity_provider_disabled_user' | 'identity_provider_failed', details: Record<string, unknown>, userId?: string): Promise<never> => {
    await writeAudit(ctx.db, {
      actor: { label: 'anonymous' },
      action: 'login_failed',
      entity: userId ? 'user' : 'login-session',
      ...(userId ? { entityId: userId } : {}),
      details: { method: 'identity_provider', issuer: config.OIDC_ISSUER, ...details },
      ip,
    })
    throw new AppError(code)
  }
  if (!attempt) return refuse('identity_provider_failed', { reason: 'no_attempt' })
  const provider = await providerConfiguration(ctx, config)
  const oidc = await openIdClient()
  const currentUrl = new URL(config.OIDC_REDIRECT_URL)
  currentUrl.search = query
  let tokens: Awaited<ReturnType<typeof OpenIdClient.authorizationCodeGrant>>
  try {
    tokens = await oidc.authorizationCodeGrant(provider, currentUrl, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    })
  } catch (error) {
    return refuse('identity_provider_failed', failureDetails(oidc, error))
  }
  const idToken = tokens.claims()!
  const issuer = idToken.iss
  const subject = idToken.sub
  const claims: Record<string, unknown> = { ...idToken }
  // Many providers put the e-mail only in the userinfo answer when an access token is issued.
  if (claims[config.OIDC_EMAIL_CLAIM] === undefined && provider.serverMetadata().userinfo_endpoint) {
    try {
      Object.assign(claims, await oidc.fetchUserInfo(provider, tokens.access_token, subject), { iss: issuer, sub: subject })
    } catch (error) {
      return refuse('identity_provider_failed', { subject, ...failureDetails(oidc, error) })
    }
  }
  const email = typeof claims[config.OIDC_EMAIL_CLAIM] === 'string' ? (claims[config.OIDC_EMAIL_CLAIM] as string) : null
  const mfa = providerAssertsMfa({ amr: idToken['amr'], acr: idToken['acr'] }, config.OIDC_MFA_ACR_VALUES)
  const providerDetails = { subject, email, mfa, ...(idToken['amr'] ? { amr: idToken['amr'] } : {}), ...(idToken['acr'] ? { acr: idToken['acr'] } : {}) }

  let userId = await repo.linkedUserId(ctx.db, issuer, subject)
  if (!userId) {
    // First sign-in: only an e-mail the provider vouches for links an existing user.
    if (!email) return refuse('identity_provider_unknown_user', { reason: 'no_email', ...providerDetails })
    if (config.OIDC_REQUIRE_EMAIL_VERIFIED && claims.email_verified !== true) return refuse('identity_provider_unknown_user', { reason: 'email_not_verified', ...providerDetails })
    const byEmail = await userForSignIn(ctx, { email })
    if (!byEmail) return refuse('identity_provider_unknown_user', { reason: 'unknown_user', ...providerDetails })
    // A user linked to one account at the provider is not taken over by another with the same address.
    if (await repo.linkedSubjectOf(ctx.db, issuer, byEmail.id)) return refuse('identity_provider_unknown_user', { reason: 'linked_to_other_subject', ...providerDetails }, byEmail.id)
    userId = byEmail.id
  }
  const user = await userForSignIn(ctx, { id: userId })
  if (!user) return refuse('identity_provider_unknown_user', { reason: 'unknown_user', ...providerDetails })
  if (user.disabled_at) return refuse('identity_provider_disabled_user', { reason: 'disabled', ...providerDetails }, user.id)

  const now = ctx.now()
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_MAX_HOURS * 3_600_000)
  const secondFactorAt = mfa ? now : null
  // The ID token is kept with the session only when the provider can be asked to sign the person
  // out with it (decision 041); it goes with the session row.
  const providerIdToken = provider.serverMetadata().end_session_endpoint && tokens.id_token ? tokens.id_token : null
  await ctx.db.transaction().execute(async (trx) => {
    const linked = await repo.recordLink(trx, issuer, subject, user.id, now)
    await repo.insertSession(trx, { id: sessionId(token), userId: user.id, now, expiresAt, secondFactorAt, providerIdToken })
    await writeAudit(trx, { actor: { id: user.id }, action: 'login', entity: 'login-session', details: { method: 'identity_provider', issuer, linked, ...providerDetails }, ip })
  })
  const actor = await actorOf(ctx, user.id)
  return { token, actor, expiresAt, secondFactor: secondFactorStep(actor.role, secondFactorAt, user.totp_enabled_at) }
}

/** Where the sign-in page is: the provider sends the browser back there after signing out. */
export function postSignOutUrl(config: Enabled): string {
  return new URL('/log-ind', config.OIDC_REDIRECT_URL).href
}

/**
 * The provider's sign-out address for a session signed in through it (OpenID Connect RP-initiated
 * logout: `id_token_hint` says which sign-in ends, `post_logout_redirect_uri` brings the browser
 * back to the sign-in page; decision 041). Null when the provider is no longer configured, offers
 * no sign-out, or cannot be reached: the session in Indsats is ended anyway.
 */
export async function providerSignOutUrl(ctx: AppContext, idToken: string): Promise<string | null> {
  const config = enabledConfig(ctx.config)
  if (!config) return null
  let provider: OpenIdClient.Configuration
  try {
    provider = await providerConfiguration(ctx, config)
  } catch {
    return null
  }
  if (!provider.serverMetadata().end_session_endpoint) return null
  const oidc = await openIdClient()
  return oidc.buildEndSessionUrl(provider, { id_token_hint: idToken, post_logout_redirect_uri: postSignOutUrl(config) }).href
}

/** What went wrong, for the audit log (English; never shown to the user). */
function failureDetails(oidc: typeof OpenIdClient, error: unknown): Record<string, unknown> {
  if (error instanceof oidc.AuthorizationResponseError) return { reason: 'provider_error', error: error.error, description: error.error_description ?? null }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    // openid-client names the kind of problem; what exactly was wrong is in its cause.
    const description = error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message
    return { reason: /"state"/.test(description) ? 'state_mismatch' : 'rejected_response', error: typeof code === 'string' ? code : error.name, description }
  }
  return { reason: 'rejected_response' }
}
