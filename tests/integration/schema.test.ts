import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/server/db/client.ts'
import { freePort } from '../../src/server/db/embedded.ts'
import { runCodegen } from '../../src/server/db/codegen.ts'
import { knownMigrations } from '../../src/server/db/migrate.ts'
import { testDatabase } from '../support/db.ts'
import { testApp } from '../support/app.ts'

describe('database schema', () => {
  it('lists every migration file, in order', () => {
    const files = fs
      .readdirSync(path.resolve('src/server/db/migrations'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort()
    expect(knownMigrations()).toEqual(files)
  })

  it('has TypeScript types that match the migrated tables (run `npm run db:types` after a migration)', async () => {
    const t = await testDatabase()
    const result = await runCodegen(t.url, 'verify')
    expect(result.output).not.toMatch(/differ|outdated|error/i)
    expect(result.ok).toBe(true)
  })
})

describe('health and API description', () => {
  it('reports the database as reachable', async () => {
    const t = await testDatabase()
    const app = await testApp(t.ctx)
    const res = await app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'ok', database: { reachable: true } })
  })

  it('reports 503 when the database cannot be reached', async () => {
    const t = await testDatabase()
    const port = await freePort()
    const unreachable = createDb(`postgresql://indsats@127.0.0.1:${port}/indsats`, { role: 'app', max: 1 })
    const app = await testApp({ ...t.ctx, db: unreachable })
    const res = await app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ status: 'degraded', database: { reachable: false, latencyMs: null } })
  })

  it('publishes an OpenAPI document covering every API route', async () => {
    const t = await testDatabase()
    const app = await testApp(t.ctx)
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    const documented = Object.keys(doc.paths).sort()
    expect(documented).toEqual(
      [
        '/api/audit-log',
        '/api/audit-log.csv',
        '/api/auth/oidc',
        '/api/auth/oidc/callback',
        '/api/auth/oidc/start',
        '/api/follow-up',
        '/api/health',
        '/api/plans',
        '/api/plans/{planId}/agreements',
        '/api/plans/{planId}/agreements/{agreementId}',
        '/api/plans/{planId}/agreements/{agreementId}/compare',
        '/api/plans/{planId}/agreements/{agreementId}/comparison-fetch',
        '/api/plans/{planId}/agreements/{agreementId}/comments',
        '/api/plans/{planId}/agreements/{agreementId}/export',
        '/api/plans/{planId}/agreements/{agreementId}/follow-up',
        '/api/plans/{planId}/agreements/{agreementId}/follow-up/outreach',
        '/api/plans/{planId}/agreements/{agreementId}/funnels',
        '/api/plans/{planId}/agreements/{agreementId}/imports',
        '/api/plans/{planId}/agreements/{agreementId}/imports/detect',
        '/api/plans/{planId}/agreements/{agreementId}/imports/{importId}/commit',
        '/api/plans/{planId}/agreements/{agreementId}/imports/{importId}/discard',
        '/api/plans/{planId}/agreements/{agreementId}/periods',
        '/api/plans/{planId}/agreements/{agreementId}/report',
        '/api/plans/{planId}/agreements/{agreementId}/revisions',
        '/api/plans/{planId}/agreements/{agreementId}/value-mappings',
        '/api/plans/{planId}/agreements/{agreementId}/value-mappings/{mappingId}',
        '/api/plans/{planId}/agreements/{agreementId}/values',
        '/api/plans/{planId}/agreements/{agreementId}/values/history',
        '/api/plans/{planId}/agreements/{agreementId}/values/retraction',
        '/api/plans/{planId}/follow-up',
        '/api/plans/{planId}/members',
        '/api/plans/{planId}/parties',
        '/api/plans/{planId}/parties/{partyId}',
        '/api/plans/{planId}/pathways',
        '/api/plans/{planId}/activities',
        '/api/plans/{planId}/activities/{activityId}',
        '/api/plans/{planId}/activities/{activityId}/figures',
        '/api/plans/{planId}/activities/{activityId}/funnel',
        '/api/plans/{planId}/activities/{activityId}/groups',
        '/api/plans/{planId}/activities/{activityId}/pathway',
        '/api/plans/{planId}/activities/{activityId}/pathway/due',
        '/api/plans/{planId}/activities/{activityId}/roster',
        '/api/plans/{planId}/activities/{activityId}/sessions',
        '/api/plans/{planId}/computed-values',
        '/api/plans/{planId}/counselling/appointments',
        '/api/plans/{planId}/counselling/appointments/{appointmentId}/status',
        '/api/plans/{planId}/counselling/figures',
        '/api/plans/{planId}/counselling/figures.csv',
        '/api/plans/{planId}/counselling/inquiries/{inquiryId}/referral',
        '/api/plans/{planId}/counselling/occurrences',
        '/api/plans/{planId}/counselling/occurrences/{occurrenceId}',
        '/api/plans/{planId}/counselling/occurrences/{occurrenceId}/cancel',
        '/api/plans/{planId}/counselling/occurrences/{occurrenceId}/check',
        '/api/plans/{planId}/counselling/occurrences/{occurrenceId}/inquiries',
        '/api/plans/{planId}/counselling/occurrences/{occurrenceId}/inquiries/last',
        '/api/plans/{planId}/counselling/topics',
        '/api/plans/{planId}/counselling/topics/{topicId}/retired',
        '/api/plans/{planId}/companies',
        '/api/plans/{planId}/companies/{companyId}',
        '/api/plans/{planId}/companies/{companyId}/contact-events',
        '/api/plans/{planId}/companies/{companyId}/contacts',
        '/api/plans/{planId}/companies/{companyId}/contacts/{contactId}',
        '/api/plans/{planId}/companies/{companyId}/meetings',
        '/api/plans/{planId}/companies/{companyId}/csr-nominations',
        '/api/plans/{planId}/companies/{companyId}/network',
        '/api/plans/{planId}/companies/{companyId}/openings',
        '/api/plans/{planId}/company-figures',
        '/api/plans/{planId}/company-imports',
        '/api/plans/{planId}/company-imports/{importId}/commit',
        '/api/plans/{planId}/company-imports/{importId}/discard',
        '/api/plans/{planId}/csr-awards',
        '/api/plans/{planId}/csr-nominations/{nominationId}/winner',
        '/api/plans/{planId}/due-checks',
        '/api/plans/{planId}/enrolments/{enrolmentId}/followups/{followupId}',
        '/api/plans/{planId}/enrolments/{enrolmentId}/reopening',
        '/api/plans/{planId}/erasure-requests',
        '/api/plans/{planId}/erasure-requests/{requestId}/decision',
        '/api/plans/{planId}/participants/{participantId}/erasure-requests',
        '/api/plans/{planId}/openings/{openingId}',
        '/api/plans/{planId}/placement-choices',
        '/api/plans/{planId}/placements',
        '/api/plans/{planId}/placements/{placementId}',
        '/api/plans/{planId}/placements/{placementId}/followups',
        '/api/plans/{planId}/consents/{consentId}/document',
        '/api/plans/{planId}/consents/{consentId}/withdrawal',
        '/api/plans/{planId}/enrolments/{enrolmentId}',
        '/api/plans/{planId}/enrolments/{enrolmentId}/followups',
        '/api/plans/{planId}/participant-duplicates',
        '/api/plans/{planId}/participant-form',
        '/api/plans/{planId}/meetings',
        '/api/plans/{planId}/meetings/actions/{actionId}/deletion',
        '/api/plans/{planId}/meetings/actions/{actionId}/done',
        '/api/plans/{planId}/meetings/my-actions',
        '/api/plans/{planId}/meetings/{meetingId}',
        '/api/plans/{planId}/participants',
        '/api/plans/{planId}/participants/{participantId}',
        '/api/plans/{planId}/participants/{participantId}/consents',
        '/api/plans/{planId}/participants/{participantId}/cpr',
        '/api/plans/{planId}/participants/{participantId}/enrolments',
        '/api/plans/{planId}/participants/{participantId}/erasure',
        '/api/plans/{planId}/participants/{participantId}/export',
        '/api/plans/{planId}/participants/{participantId}/merge',
        '/api/plans/{planId}/participants/{participantId}/notes',
        '/api/plans/{planId}/participants/{participantId}/pathway-progress',
        '/api/plans/{planId}/participants/{participantId}/pathways',
        '/api/plans/{planId}/privacy',
        '/api/plans/{planId}/sessions/{sessionId}',
        '/api/plans/{planId}/sessions/{sessionId}/deletion',
        '/api/plans/{planId}/privacy/retention-run',
        '/api/plans/{planId}/staff-time/agreements/{agreementId}/closes',
        '/api/plans/{planId}/staff-time/agreements/{agreementId}/quarter',
        '/api/plans/{planId}/staff-time/agreements/{agreementId}/quarter.csv',
        '/api/plans/{planId}/staff-time/agreements/{agreementId}/reopenings',
        '/api/plans/{planId}/staff-time/agreements/{agreementId}/time-sheets/imports',
        '/api/plans/{planId}/staff-time/agreements/{agreementId}/time-sheets/imports/{importId}/commit',
        '/api/plans/{planId}/staff-time/agreements/{agreementId}/time-sheets/imports/{importId}/discard',
        '/api/plans/{planId}/staff-time/calendar/imports',
        '/api/plans/{planId}/staff-time/calendar/imports/{importId}/commit',
        '/api/plans/{planId}/staff-time/calendar/imports/{importId}/discard',
        '/api/plans/{planId}/staff-time/conversations',
        '/api/plans/{planId}/staff-time/hours',
        '/api/plans/{planId}/staff-time/options',
        '/api/plans/{planId}/staff-time/settings',
        '/api/plans/{planId}/target-groups',
        '/api/plans/{planId}/target-groups/imports',
        '/api/plans/{planId}/target-groups/imports/{importId}/commit',
        '/api/plans/{planId}/target-groups/imports/{importId}/discard',
        '/api/access-notices/{noticeId}/acknowledgement',
        '/api/reference-data',
        '/api/reference-data/funding-periods',
        '/api/reference-data/target-groups',
        '/api/reference-data/target-groups/{code}/{validFrom}',
        '/api/session',
        '/api/session/password',
        '/api/session/second-factor',
        '/api/session/second-factor/enrolment',
        '/api/session/second-factor/enrolment/confirm',
        '/api/users',
        '/api/users/party-choices',
        '/api/users/{userId}',
        '/api/users/{userId}/disable',
        '/api/users/{userId}/enable',
        '/api/users/{userId}/reset-password',
        '/api/users/{userId}/second-factor',
      ].sort(),
    )
    expect(doc.paths['/api/session'].post.requestBody.content['application/json'].schema.required).toEqual(['email', 'password'])
    // The agreement document's schema is published with its revision endpoint.
    const revision = doc.paths['/api/plans/{planId}/agreements/{agreementId}/revisions'].post.requestBody.content['application/json'].schema
    expect(revision.required).toEqual(['basedOnRevision', 'revision', 'content'])
  })

  it('answers an unknown API path with a Danish 404', async () => {
    const t = await testDatabase()
    const app = await testApp(t.ctx)
    const res = await app.inject({ method: 'GET', url: '/api/findes-ikke' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ code: 'not_found', message: 'Siden eller posten findes ikke.' })
  })
})

describe('security headers', () => {
  it('forbids framing and foreign scripts on every response', async () => {
    const t = await testDatabase()
    const app = await testApp(t.ctx)
    const res = await app.inject({ method: 'GET', url: '/api/health' })
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('upgrade-insecure-requests')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })

  it('sends the same full set of security headers on answers, refusals and unknown paths', async () => {
    const t = await testDatabase()
    const app = await testApp(t.ctx)
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'same-origin',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    }
    for (const [url, status] of [['/api/health', 200], ['/api/plans', 401], ['/api/findes-ikke', 404]] as const) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(status)
      expect(res.headers).toMatchObject(expected)
      expect(res.headers['x-powered-by']).toBeUndefined()
    }
  })
})
