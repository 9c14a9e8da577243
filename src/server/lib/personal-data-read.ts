import type { FastifyRequest } from 'fastify'
import type { AuditEntity } from '../../shared/audit-log.ts'
import type { AuditEntry } from './audit-log.ts'
import type { Access } from './authorize.ts'
import { type permissions, type Resource, rule } from '../../shared/permissions.ts'

// Recording a read of personal data is part of the read (decision 010): a personal-data read
// route's handler returns its body through disclose(), which takes the body together with what it
// showed. The audit hook in app.ts writes the row from that before the response leaves, and answers
// 500 instead of sending personal data a handler did not account for. A read may instead write its
// row in the same statement as the read (readAuditEntry before it, `recorded` after; decision 044):
// the row is then committed with the read, and the hook writes no second one.

/** What a read showed: the ids of the records returned, and more, e.g. the consents a disclosure rests on. */
export interface Disclosure {
  ids: readonly string[]
  details?: Record<string, unknown>
  /** The read's own statement wrote this audit row (from readAuditEntry): the hook writes none. */
  recorded?: boolean
}

const disclosures = new WeakMap<FastifyRequest, Disclosure>()

/** The body of a personal-data read, passed through once what it discloses is on record for the audit row. */
export function disclose<T>(req: FastifyRequest, body: T, disclosure: Disclosure): T {
  disclosures.set(req, disclosure)
  return body
}

/** What the request's read disclosed; undefined when its handler did not get that far. */
export function disclosureOf(req: FastifyRequest): Disclosure | undefined {
  return disclosures.get(req)
}

/**
 * The audit row of the request's read of personal data, as the hook in app.ts writes it: with what
 * the read disclosed (`disclosure`), or, without it, for a read that adds its ids in its own
 * statement (decision 044). Null for a route that reads no personal data, or before sign-in.
 */
export function readAuditEntry(req: FastifyRequest, disclosure?: Disclosure, refused = false): AuditEntry | null {
  const entity = personalDataReadEntity(req.routeOptions.config.access)
  if (!entity || !req.actor) return null
  return {
    actor: { id: req.actor.id },
    action: 'read',
    entity,
    entityId: (req.params as { [k: string]: string } | undefined)?.[paramIdName(req)] ?? null,
    planId: req.grant?.planId ?? null,
    details: { route: req.routeOptions.url, ...(disclosure ? { ids: disclosure.ids, ...disclosure.details } : {}), ...(refused ? { refused: true } : {}) },
    ip: req.ip,
  }
}

/** The route parameter naming what was read: the first id besides the plan's, else the plan's. */
function paramIdName(req: FastifyRequest): string {
  const params = Object.keys((req.params as object | undefined) ?? {})
  return params.find((p) => p !== 'planId' && p.endsWith('Id')) ?? 'planId'
}

type PersonalDataResource = { [R in Resource]: (typeof permissions)[R]['personalData'] extends true ? R : never }[Resource]

/** The audit entity a read of each personal-data resource is logged under. */
const readEntities: Record<PersonalDataResource, AuditEntity> = {
  participants: 'participants',
  consents: 'consents',
  enrolments: 'enrolments',
  sessions: 'attendance-session',
  conversations: 'staff-conversation',
  'pathway-progress': 'pathway-progress',
  'participant-cpr': 'participant-cpr',
  'participant-rights': 'participant-rights',
  'erasure-requests': 'erasure-request',
  'participant-merges': 'participant-merge',
  'plan-members': 'plan-members',
  'company-contacts': 'company-contact',
  placements: 'placement',
  'due-checks': 'due-check',
  users: 'user',
  'audit-log': 'audit-log',
  'counselling-occurrences': 'counselling-occurrence',
  inquiries: 'inquiry',
  appointments: 'appointment',
}

/** The audit entity of a route that reads personal data; null for every other route. */
export function personalDataReadEntity(access: Access | undefined): AuditEntity | null {
  if (!access || !('resource' in access) || access.action !== 'read' || !rule(access.resource).personalData) return null
  return readEntities[access.resource as PersonalDataResource]
}
