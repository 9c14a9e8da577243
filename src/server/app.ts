import path from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyRateLimit from '@fastify/rate-limit'
import type {} from '@fastify/swagger'
import Fastify, { type FastifyRequest, LogController } from 'fastify'
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import { formatNumber } from '../shared/lib/format.ts'
import '../shared/lib/zod-locale.ts'
import { writeAudit } from './lib/audit-log.ts'
import { responseSerializerCompiler } from './lib/response-serializer.ts'
import { securityHeaders } from './lib/security-headers.ts'
import { webFiles } from './lib/web-files.ts'
import { forgetSessions, sessionGeneration } from './lib/session-cache.ts'
import { type Access, authorize } from './lib/authorize.ts'
import type { AppContext } from './lib/context.ts'
import { AppError, httpStatus, toErrorBody } from './lib/errors.ts'
import { disclosureOf, personalDataReadEntity, readAuditEntry } from './lib/personal-data-read.ts'
import type { App } from './lib/request.ts'
import { rememberedSession, SESSION_COOKIE, type SessionLookup, resolveSession } from './features/auth/auth.service.ts'
import { agreementRoutes } from './features/agreements/agreements.routes.ts'
import { authRoutes } from './features/auth/auth.routes.ts'
import { secondFactorRoutes } from './features/auth/second-factor.routes.ts'
import { identityProviderRoutes } from './features/auth/identity-provider.routes.ts'
import { secondFactorPending } from '../shared/second-factor.ts'
import { auditLogRoutes } from './features/audit-log/audit-log.routes.ts'
import { referenceDataRoutes } from './features/reference-data/reference-data.routes.ts'
import { healthRoutes } from './features/health/health.routes.ts'
import { comparisonSourceRoutes } from './features/indicators/comparison-sources.routes.ts'
import { indicatorRoutes } from './features/indicators/indicators.routes.ts'
import { targetGroupRoutes } from './features/indicators/target-groups.routes.ts'
import { planRoutes } from './features/plans/plans.routes.ts'
import { reportRoutes } from './features/reports/reports.routes.ts'
import { userRoutes } from './features/users/users.routes.ts'
import { participantRoutes } from './features/participants/participants.routes.ts'
import { consentRoutes } from './features/consents/consents.routes.ts'
import { enrolmentRoutes } from './features/enrolments/enrolments.routes.ts'
import { sessionRoutes } from './features/sessions/sessions.routes.ts'
import { counsellingRoutes } from './features/counselling/counselling.routes.ts'
import { companyRoutes } from './features/companies/companies.routes.ts'
import { placementRoutes } from './features/placements/placements.routes.ts'
import { pathwayRoutes } from './features/pathways/pathways.routes.ts'
import { dueCheckRoutes } from './features/due-checks/due-checks.routes.ts'
import { staffTimeRoutes } from './features/staff-time/staff-time.routes.ts'
import { meetingRoutes } from './features/meetings/meetings.routes.ts'


export interface BuildOptions {
  /** Folder with the built web UI; omitted in API-only tests. */
  webDir?: string
  /**
   * Collects the routes for the OpenAPI document (@fastify/swagger). Off in the app that serves:
   * the document is made by a second app built with it on, the first time it is asked for, so
   * start-up loads neither the plugin nor its YAML library (decision 046).
   */
  describe?: boolean
}

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log,
    trustProxy: ctx.config.TRUST_PROXY,
    logController: new LogController({ disableRequestLogging: ctx.config.LOG_LEVEL !== 'debug' && ctx.config.LOG_LEVEL !== 'trace' }),
    bodyLimit: 10 * 1024 * 1024,
    ...httpTimeouts(ctx.config),
    // Every route's schema is zod, compiled by the two compilers set below. Without factories of its
    // own, Fastify would load its default compilers (Ajv and fast-json-stringify, ~170 files) at
    // start only to have them replaced (decision 046).
    schemaController: { compilersFactory: { buildValidator: zodCompilersOnly, buildSerializer: zodCompilersOnly } },
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(responseSerializerCompiler)

  // A route without an access declaration cannot be added: the app refuses to start.
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} has no access declaration (config.access)`)
    }
  })

  app.decorateRequest('actor', null)
  app.decorateRequest('sessionToken', null)
  app.decorateRequest('sessionExpiresAt', null)
  app.decorateRequest('secondFactor', null)
  app.decorateRequest('signInMethod', null)
  app.decorateRequest('grant', null)

  await app.register(fastifyCookie)
  // The same security headers on every response, worked out once (lib/security-headers.ts).
  const headers = securityHeaders()
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value)
    done()
  })
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, ...toErrorBody(new AppError('too_many_requests')) }),
  })
  if (options.describe) {
    const { default: fastifySwagger } = await import('@fastify/swagger')
    await app.register(fastifySwagger, {
      openapi: {
        info: { title: 'Indsats API', version: '0.1.0', description: 'API for Indsats. Fejl har formen { code, message }.' },
        components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      },
      transform: jsonSchemaTransform,
    })
  }

  // A change request that wrote what authentication reads (a user, a session, a membership) forgets
  // the remembered sessions again once its transaction has committed: a request that read the old
  // rows meanwhile must not keep them (decision 037).
  const generationAtStart = new WeakMap<FastifyRequest, number>()
  // Hooks that do not wait for anything are written with `done` rather than `async`: Fastify then
  // runs them without a promise each (decision 038).
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') generationAtStart.set(req, sessionGeneration())
    done()
  })
  app.addHook('onSend', (req, _reply, payload, done) => {
    const atStart = generationAtStart.get(req)
    if (atStart !== undefined && atStart !== sessionGeneration()) forgetSessions()
    done(null, payload)
  })

  // A remembered session that needs nothing written passes without a promise (decision 043); any
  // other goes through resolveSession, which reads or writes the database.
  app.addHook('onRequest', (req, _reply, done) => {
    const access = req.routeOptions.config.access
    if (!access || 'public' in access) return done()
    const token = req.cookies[SESSION_COOKIE]
    try {
      // Changes must come from our own pages: SameSite cookies plus an Origin check against CSRF.
      if (req.method !== 'GET' && req.method !== 'HEAD') assertSameOrigin(req)
      const remembered = rememberedSession(ctx, token)
      if (remembered) {
        signedIn(req, access, token, remembered)
        return done()
      }
    } catch (error) {
      return done(error as Error)
    }
    resolveSession(ctx, token).then((session) => {
      try {
        signedIn(req, access, token, session)
      } catch (error) {
        return done(error as Error)
      }
      done()
    }, done)
  })

  /** Puts the session on the request, or throws why the request may not go on. */
  function signedIn(req: FastifyRequest, access: Access, token: string | undefined, session: SessionLookup): void {
    if (session.state === 'none') throw new AppError('unauthenticated')
    if (session.state === 'expired') throw new AppError('session_expired')
    req.actor = session.actor
    req.sessionToken = token ?? null
    const idleEnd = ctx.now().getTime() + ctx.config.SESSION_IDLE_MINUTES * 60_000
    req.sessionExpiresAt = session.expiresAt.getTime() < idleEnd ? session.expiresAt : new Date(idleEnd)
    req.secondFactor = session.secondFactor
    req.signInMethod = session.signInMethod
    // After the password, a role that needs a second factor reaches nothing but the steps that give
    // or set it up (decision 027); the one-time password is replaced after that.
    if (secondFactorPending(session.secondFactor) && !('self' in access && access.duringSignIn)) throw new AppError('second_factor_required')
    if (session.actor.mustChangePassword && !('self' in access)) throw new AppError('password_change_required')
  }

  // PostgreSQL cannot store the NUL character (0x00) in text, and half of a UTF-16 surrogate pair
  // (a lone "\ud800" in JSON) would be stored as "\ufffd", not as sent (found by the write-route
  // fuzzing). Both are refused here, for every route and before validation, rather than surfacing
  // as a database error deep inside a use case or as a text silently changed.
  app.addHook('preValidation', (req, _reply, done) => {
    const found = badTextPath(req.query) ?? badTextPath(req.body) ?? badTextPath(req.params)
    if (found === null) return done()
    if (found.kind === 'nul') {
      return done(new AppError('validation', 'Teksten indeholder et ugyldigt tegn (NUL). Fjern det, og prøv igen.', { issues: [{ path: found.at, message: 'Feltet indeholder et ugyldigt tegn (NUL).' }] }))
    }
    done(
      new AppError('validation', 'Teksten indeholder et ugyldigt tegn (et halvt tegn, ofte fra kopieret tekst). Skriv teksten igen, og prøv igen.', {
        issues: [{ path: found.at, message: 'Feltet indeholder et ugyldigt tegn (et halvt tegn).' }],
      }),
    )
  })

  app.addHook('preHandler', (req, _reply, done) => {
    const access = req.routeOptions.config.access
    if (!access || !('resource' in access)) return done()
    const planId = (req.params as { planId?: string } | undefined)?.planId ?? null
    try {
      req.grant = authorize(req.actor!, access.resource, access.action, planId)
    } catch (error) {
      return done(error as Error)
    }
    done()
  })

  // Every successful read of personal data is logged before the response leaves; so is a read
  // refused for want of consent, which a data-protection officer wants to see too.
  // Most requests read no personal data: for them the hook returns at once, without a promise.
  app.addHook('onSend', (req, reply, payload, done) => {
    const entity = personalDataReadEntity(req.routeOptions.config.access)
    if (!entity || !req.actor) return done(null, payload)
    const refused = reply.statusCode === 403 && req.grant !== null
    if (reply.statusCode >= 300 && !refused) return done(null, payload)
    const disclosure = disclosureOf(req)
    // Personal data whose handler did not say what it showed is not sent: it could not be logged.
    if (!refused && !disclosure) return done(new AppError('internal', undefined, { logDetail: `${req.routeOptions.url} read personal data without disclose()` }))
    // A read that wrote its audit row in its own statement (decision 044) needs no second one.
    if (!refused && disclosure?.recorded) return done(null, payload)
    writeAudit(ctx.db, readAuditEntry(req, disclosure, refused)!).then(
      () => done(null, payload),
      (error: unknown) => done(error as Error),
    )
  })

  app.setErrorHandler((error, req, reply) => {
    const appError = toAppError(error, req)
    const status = httpStatus[appError.code]
    if (status >= 500) req.log.error({ err: error }, appError.options.logDetail ?? 'request failed')
    if (appError.code === 'session_expired') reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.code(status).send(toErrorBody(appError))
  })

  // The web app's files, sent by @fastify/static loaded at the first request for one (lib/web-files.ts).
  const web = options.webDir ? webFiles(path.resolve(options.webDir), app.log) : undefined

  app.setNotFoundHandler(async (req, reply) => {
    const address = webAddressOf(req.url.split('?')[0] ?? '')
    if (address === 'api' || !web) {
      return reply.code(404).send(toErrorBody(new AppError('not_found')))
    }
    // A missing file (a script of an older build, say) is not found; the page would answer it with
    // HTML that a browser cannot run as a script.
    if (address !== 'page') {
      return reply.code(404).header('cache-control', 'no-cache').send(toErrorBody(new AppError('not_found')))
    }
    // Unknown pages are handled by the web app's router, which shows the Danish 404 page.
    return web.send(reply.header('cache-control', 'no-cache').type('text/html'), 'index.html')
  })

  await app.register(healthRoutes(ctx))
  await app.register(authRoutes(ctx))
  await app.register(secondFactorRoutes(ctx))
  await app.register(identityProviderRoutes(ctx))
  await app.register(planRoutes(ctx))
  await app.register(agreementRoutes(ctx))
  await app.register(indicatorRoutes(ctx))
  await app.register(targetGroupRoutes(ctx))
  await app.register(comparisonSourceRoutes(ctx))
  await app.register(reportRoutes(ctx))
  await app.register(participantRoutes(ctx))
  await app.register(consentRoutes(ctx))
  await app.register(enrolmentRoutes(ctx))
  await app.register(sessionRoutes(ctx))
  await app.register(counsellingRoutes(ctx))
  await app.register(companyRoutes(ctx))
  await app.register(placementRoutes(ctx))
  await app.register(pathwayRoutes(ctx))
  await app.register(dueCheckRoutes(ctx))
  await app.register(staffTimeRoutes(ctx))
  await app.register(meetingRoutes(ctx))
  await app.register(userRoutes(ctx))
  await app.register(auditLogRoutes(ctx))
  await app.register(referenceDataRoutes(ctx))

  let openapi: Promise<unknown> | undefined
  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => {
    if (options.describe) return app.swagger()
    openapi ??= describeApi(ctx).catch((error: unknown) => {
      openapi = undefined
      throw error
    })
    return openapi
  })

  if (web) {
    app.get('/*', { config: { access: { public: true } }, schema: { hide: true } }, async (req, reply) => {
      const file = (req.params as { '*': string })['*']
      // @fastify/static refuses a path out of the folder with an error of its own; a request for
      // a file that cannot be ours is simply not found.
      if (file.includes('\\') || file.split('/').includes('..')) throw new AppError('not_found')
      switch (webAddressOf(file)) {
        // An address under /api/ that no route answers is an unknown endpoint, not a page of the web app.
        case 'api':
          throw new AppError('not_found')
        case 'asset':
          return web.send(reply.header('cache-control', 'public, max-age=31536000, immutable'), file)
        case 'file':
          return web.send(reply.header('cache-control', 'no-cache'), file)
        case 'page':
          return web.send(reply.header('cache-control', 'no-cache').type('text/html'), 'index.html')
      }
    })
  }

  return app
}

/**
 * What an address outside the API's routes asks for: an unknown endpoint under /api/, a hashed asset
 * of the build (cached for a year), another of the web app's files (with an extension), or a page
 * of the web app, which its router shows.
 */
function webAddressOf(pathname: string): 'api' | 'asset' | 'file' | 'page' {
  const address = pathname.replace(/^\//, '')
  if (address === 'api' || address.startsWith('api/')) return 'api'
  if (address.startsWith('assets/')) return 'asset'
  if (/\.[a-z0-9]+$/i.test(address)) return 'file'
  return 'page'
}

function zodCompilersOnly(): never {
  throw new Error('Every schema is compiled by the zod compilers set in buildApp')
}

/** The OpenAPI document, from an app built with the same routes and never listening. */
async function describeApi(ctx: AppContext): Promise<unknown> {
  const described = await buildApp(ctx, { describe: true })
  await described.ready()
  const document = described.swagger()
  await described.close()
  return document
}

/**
 * Limits on slow clients, so a few hundred connections that trickle their request a byte at a time
 * cannot hold every socket. Node checks the request and header limits on a timer (30 s by default),
 * so the timer runs at a quarter of the shorter limit for the limit to hold near its value.
 */
function httpTimeouts(config: AppContext['config']) {
  const requestMs = config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000
  // Node refuses a header limit longer than the whole request's.
  const headersMs = Math.min(config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000, requestMs)
  return {
    requestTimeout: requestMs,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    connectionTimeout: config.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
    http: { headersTimeout: headersMs, connectionsCheckingInterval: Math.min(30_000, Math.max(250, Math.floor(headersMs / 4))) },
  }
}

function assertSameOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin
  if (!origin) return
  const host = req.headers['x-forwarded-host'] ?? req.headers.host
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    throw new AppError('bad_origin')
  }
  if (originHost !== host) throw new AppError('bad_origin')
}

/** Half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Where a text holds a character that cannot be stored as sent: NUL, or a lone surrogate. */
function badText(text: string): 'nul' | 'surrogate' | null {
  return text.includes('\u0000') ? 'nul' : LONE_SURROGATE.test(text) ? 'surrogate' : null
}

/** Where in a parsed body, query or path a string (value or key) cannot be stored as sent, as "a.0.b"; null when none does. */
function badTextPath(value: unknown): { at: string; kind: 'nul' | 'surrogate' } | null {
  if (value === undefined || value === null) return null
  // A stack, not recursion: a deeply nested JSON body must not exhaust the call stack.
  const pending: [unknown, string][] = [[value, '']]
  while (pending.length > 0) {
    const [current, at] = pending.pop()!
    if (typeof current === 'string') {
      const kind = badText(current)
      if (kind) return { at, kind }
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => pending.push([item, at ? `${at}.${i}` : String(i)]))
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [key, item] of Object.entries(current)) {
        const here = at ? `${at}.${key}` : key
        const kind = badText(key)
        if (kind) return { at: here, kind }
        pending.push([item, here])
      }
    }
  }
  return null
}

function toAppError(error: unknown, req: FastifyRequest): AppError {
  if (error instanceof AppError) return error
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: v.message ?? 'Ugyldig værdi.',
    }))
    return new AppError('validation', undefined, { issues })
  }
  if (isResponseSerializationError(error)) return new AppError('internal', undefined, { logDetail: 'response did not match its schema', cause: error })
  const e = error as { statusCode?: number; code?: string }
  if (e.code === 'ECONNREFUSED' || e.code === '57P01' || e.code === '57P03') {
    return new AppError('database_unavailable', undefined, { cause: error })
  }
  if (e.statusCode === 429) return new AppError('too_many_requests')
  if (e.statusCode === 404) return new AppError('not_found')
  if (e.statusCode === 413) {
    const limit = `${formatNumber(Math.floor((req.routeOptions.bodyLimit ?? 0) / (1024 * 1024)))} MB`
    const json = (req.headers['content-type'] ?? '').includes('json')
    return new AppError('payload_too_large', json ? `Det indsendte er for stort. Det må højst fylde ${limit}.` : `Filen er for stor. Den må højst fylde ${limit}.`, { cause: error })
  }
  if (e.statusCode === 415 || e.statusCode === 400) {
    return new AppError('validation', 'Forespørgslen kunne ikke læses.', { cause: error })
  }
  return new AppError('internal', undefined, { cause: error })
}

