import { type ConsentCreate, ConsentCreate as ConsentCreateSchema, type ConsentWithdraw, OWN_CONSENT_AGE, ageInYearOf, consentGiverFor } from '../../../shared/consents.ts'
import { partyName } from '../../../shared/parties.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import type { Grant } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { type ParticipantView, sees } from '../participants/participant-access.ts'
import { refuseErased, refuseErasedResident } from '../participants/erased-guard.ts'
import { requireView } from '../participants/resident-gate.ts'
import * as repo from './consents.repo.ts'

// Recording, documenting and withdrawing consents. What a consent allows is decided by
// consent-validity.ts each time a resident is read; nothing here caches a decision.

/** The signed consent: a scan or PDF, as staff have them. */
const DOCUMENT_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
}
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

export async function recordConsent(ctx: AppContext, grant: Grant<'consents', 'create'>, participantId: string, input: ConsentCreate): Promise<{ id: string }> {
  const data = ConsentCreateSchema.parse(input)
  const { view, head } = await requireView(ctx, grant, participantId)
  // Consent is collected by those who hold the record; the other party cannot widen its own access.
  if (view.scope.kind !== 'full') throw new AppError('forbidden', 'Samtykket registreres af den organisation, der har registreret beboeren, eller af projektlederen.')
  refuseErasedResident(head)
  const parties = await repo.livePartiesOfPlan(ctx.db, grant.planId!, [...new Set(data.parties)])
  if (parties.length !== new Set(data.parties).size) {
    throw new AppError('validation', 'Vælg parterne fra helhedsplanens liste.', { issues: [{ path: 'parties', message: 'En af de valgte parter hører ikke til helhedsplanen eller er arkiveret.' }] })
  }
  if (data.givenOn > today(ctx)) throw new AppError('validation', 'Et samtykke kan ikke registreres, før det er givet.', { issues: [{ path: 'givenOn', message: 'Datoen kan ikke ligge i fremtiden.' }] })
  // Who may give it depends on the young person's age on the day it was given (decision 023).
  const birthYear = await repo.birthYearOf(ctx.db, participantId)
  const giver = consentGiverFor(birthYear, data.givenOn)
  if (giver === 'guardian' && data.guardian === null) {
    throw new AppError('validation', `Den unge er under ${OWN_CONSENT_AGE} år, så samtykket gives af en forælder med forældremyndighed.`, {
      issues: [{ path: 'guardian', message: 'Skriv forælderens navn og relation, og hvad den unge selv siger.' }],
    })
  }
  if (giver === 'self' && data.guardian !== null) {
    const age = ageInYearOf(birthYear, data.givenOn)
    throw new AppError('validation', age === null ? 'Beboerens fødselsår er ikke registreret, så samtykket gives af beboeren selv. Skriv fødselsåret, hvis beboeren er under 15 år.' : `Den unge er ${age} år og giver selv samtykke fra ${OWN_CONSENT_AGE} år.`, {
      issues: [{ path: 'guardian', message: 'Samtykket gives af den unge selv.' }],
    })
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertConsent(trx, {
      participantId,
      parties: parties.map((p) => p.id),
      categories: [...new Set(data.categories)],
      purpose: data.purpose,
      form: data.form,
      givenOn: data.givenOn,
      validUntil: data.validUntil,
      recordedBy: grant.actor.id,
      guardian: data.guardian,
    })
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'create',
      entity: 'consents',
      entityId: row.id,
      planId: grant.planId,
      details: { participantId, parties: parties.map((p) => p.id), partyNames: parties.map(partyName), categories: data.categories, form: data.form, givenOn: data.givenOn, validUntil: data.validUntil, givenBy: giver },
    })
    return row
  })
}

async function consentOfPlan(ctx: AppContext, planId: string, consentId: string) {
  const row = await repo.consentOfPlan(ctx.db, planId, consentId)
  if (!row) throw new AppError('not_found', 'Samtykket findes ikke.')
  return row
}

/**
 * Withdrawal takes effect at once: from the day it is recorded for, the consent allows nothing.
 * Anyone who may see the resident may record it (a resident may tell either party), since it only
 * ever narrows what is shared.
 */
export async function withdrawConsent(ctx: AppContext, grant: Grant<'consents', 'update'>, consentId: string, input: ConsentWithdraw): Promise<void> {
  const consent = await consentOfPlan(ctx, grant.planId!, consentId)
  await requireView(ctx, grant, consent.participant_id)
  await refuseErased(ctx, grant.planId!, [consent.participant_id])
  if (consent.withdrawn_on !== null) throw new AppError('conflict', 'Samtykket er allerede trukket tilbage.')
  const asOf = today(ctx)
  if (input.withdrawnOn > asOf) throw new AppError('validation', 'Et samtykke trækkes tilbage med det samme; datoen kan ikke ligge i fremtiden.', { issues: [{ path: 'withdrawnOn', message: 'Vælg i dag eller en tidligere dato.' }] })
  if (input.withdrawnOn < consent.given_on) throw new AppError('validation', 'Samtykket kan ikke være trukket tilbage, før det blev givet.', { issues: [{ path: 'withdrawnOn', message: 'Datoen ligger før samtykket blev givet.' }] })
  await ctx.db.transaction().execute(async (trx) => {
    const withdrawn = await repo.withdraw(trx, consentId, input.withdrawnOn, grant.actor.id, ctx.now())
    if (!withdrawn) throw new AppError('conflict', 'Samtykket er allerede trukket tilbage.')
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'consents', entityId: consentId, planId: grant.planId, details: { participantId: consent.participant_id, withdrawnOn: input.withdrawnOn } })
  })
}

export async function attachDocument(ctx: AppContext, grant: Grant<'consents', 'update'>, consentId: string, file: { name: string; mediaType: string; bytes: Buffer }): Promise<void> {
  const consent = await consentOfPlan(ctx, grant.planId!, consentId)
  const { view } = await requireView(ctx, grant, consent.participant_id)
  if (view.scope.kind !== 'full') throw new AppError('forbidden', 'Det underskrevne samtykke vedhæftes af den organisation, der har registreret beboeren.')
  await refuseErased(ctx, grant.planId!, [consent.participant_id])
  if (consent.form !== 'written') throw new AppError('validation', 'Kun et skriftligt samtykke har et underskrevet dokument.')
  const mediaType = file.mediaType.split(';')[0]!.trim().toLowerCase()
  if (!DOCUMENT_TYPES[mediaType]) throw new AppError('validation', 'Vedhæft det underskrevne samtykke som PDF, JPEG eller PNG.')
  if (file.bytes.length === 0) throw new AppError('validation', 'Filen er tom.')
  if (file.bytes.length > MAX_DOCUMENT_BYTES) throw new AppError('validation', 'Filen er for stor (højst 10 MB).')
  await ctx.db.transaction().execute(async (trx) => {
    await repo.saveDocument(trx, consentId, { name: file.name, mediaType, bytes: file.bytes }, grant.actor.id, ctx.now())
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'consent-documents', entityId: consentId, planId: grant.planId, details: { participantId: consent.participant_id, fileName: file.name, bytes: file.bytes.length } })
  })
}

export async function consentDocument(
  ctx: AppContext,
  grant: Grant<'consents', 'read'>,
  consentId: string,
): Promise<{ fileName: string; mediaType: string; bytes: Buffer; participantId: string; view: ParticipantView }> {
  const consent = await consentOfPlan(ctx, grant.planId!, consentId)
  const { view } = await requireView(ctx, grant, consent.participant_id)
  if (view.scope.kind === 'consent' && !consent.parties.includes(view.scope.party)) throw new AppError('consent_required')
  // The signed paper names the resident: the other party gets it only under a consent covering
  // contact details, as it would get the name on the resident's page.
  if (!sees(view, 'contact')) throw new AppError('consent_required', 'Samtykket omfatter ikke beboerens navn og kontaktoplysninger, så du kan ikke se det underskrevne samtykke.')
  const doc = await repo.documentOf(ctx.db, consentId)
  if (!doc) throw new AppError('not_found', 'Der er ikke vedhæftet et underskrevet samtykke.')
  return { fileName: doc.file_name, mediaType: doc.media_type, bytes: doc.bytes, participantId: consent.participant_id, view }
}
