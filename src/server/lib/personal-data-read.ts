import type { FastifyRequest } from 'fastify'
import type { AuditEntity } from '../../shared/audit-log.ts'
import type { Access } from './authorize.ts'
import { type permissions, type Resource, rule } from '../../shared/permissions.ts'

// Recording a read of personal data is part of the read (decision 010): a personal-data read
// route's handler returns its body through disclose(), which takes the body together with what it
// showed. The audit hook in app.ts writes the row from that before the response leaves, and answers
// 500 instead of sending personal data a handler did not account for.

/** What a read showed: the ids of the records returned, and more, e.g. the consents a disclosure rests on. */
export interface Disclosure {
  ids: readonly string[]
  details?: Record<string, unknown>
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
