import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import {
  CprReveal,
  DuplicateCheck,
  ErasureDecision,
  ErasureRequest,
  ErasureRequestCreate,
  ErasureRequestList,
  NoteCreate,
  Participant,
  ParticipantCreate,
  ParticipantExport,
  ParticipantExportQuery,
  ParticipantForm,
  ParticipantList,
  ParticipantListQuery,
  ParticipantMerge,
  ParticipantMerged,
  ParticipantUpdate,
  PossibleDuplicates,
  PrivacyOverview,
  PrivacySettingsUpdate,
  RetentionRun,
} from '../../../shared/participants.ts'
import { disclose, readAuditEntry } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { addNote, getParticipant, listParticipants, participantForm, possibleDuplicates, registerParticipant, revealCpr, updateParticipant } from './participants.service.ts'
import { mergeParticipants } from './participant-merge.service.ts'
import { disclosureDetails } from './resident-gate.ts'
import {
  decideErasure,
  eraseParticipant,
  erasureRequestsOfResident,
  exportParticipant,
  planErasureRequests,
  privacySettings,
  requestErasure,
  runRetention,
  updatePrivacySettings,
} from './privacy.service.ts'
import { renderPdfInThread } from '../../lib/pdf-thread.ts'

const PlanParams = z.object({ planId: z.uuid() })
const ParticipantParams = PlanParams.extend({ participantId: z.uuid() })
const Created = z.object({ id: z.uuid() })
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
/** A file's bytes, published in the OpenAPI document as binary. */
const PdfFile = z.custom<Buffer>((value) => Buffer.isBuffer(value)).meta({ type: 'string', format: 'binary' })

export function participantRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['participants']
    const base = '/api/plans/:planId/participants'

    app.get(
      base,
      {
        config: { access: { resource: 'participants', action: 'read' } },
        schema: { tags, summary: 'Deltagere i helhedsplanen, som læseren må se', params: PlanParams, querystring: ParticipantListQuery, response: { 200: ParticipantList, ...errors } },
      },
      async (req) => {
        // The list's statement writes the read's audit row itself (decision 044).
        const { ids, disclosedIds, recorded, ...list } = await listParticipants(ctx, grantOf(req, 'participants', 'read'), req.query, readAuditEntry(req))
        // The residents shown to the other party under their consent: each is a disclosure.
        return disclose(req, list, { ids, details: disclosedIds.length ? { disclosure: { ids: disclosedIds } } : {}, recorded })
      },
    )

    app.get(
      `/api/plans/:planId/participant-form`,
      {
        config: { access: { resource: 'participants', action: 'create' } },
        schema: { tags, summary: 'Valgmuligheder til registrering af en deltager', params: PlanParams, response: { 200: ParticipantForm, ...errors } },
      },
      async (req) => participantForm(ctx, grantOf(req, 'participants', 'create')),
    )

    app.post(
      base,
      {
        config: { access: { resource: 'participants', action: 'create' } },
        schema: { tags, summary: 'Registrér en deltager', params: PlanParams, body: ParticipantCreate, response: { 201: z.object({ id: z.uuid(), pseudonym: z.string() }), ...errors } },
      },
      async (req, reply) => reply.code(201).send(await registerParticipant(ctx, grantOf(req, 'participants', 'create'), req.body)),
    )

    app.post(
      `/api/plans/:planId/participant-duplicates`,
      {
        config: { access: { resource: 'participants', action: 'create' } },
        schema: {
          tags,
          summary: 'Deltagere, der kan være den samme person som den, der registreres',
          params: PlanParams,
          body: DuplicateCheck,
          response: { 200: PossibleDuplicates, ...errors },
        },
      },
      async (req) => ({ items: await possibleDuplicates(ctx, grantOf(req, 'participants', 'create'), req.body, { logRead: true }) }),
    )

    app.post(
      `${base}/:participantId/merge`,
      {
        config: { access: { resource: 'participant-merges', action: 'create' } },
        schema: { tags, summary: 'Læg en dublet sammen med denne deltager', params: ParticipantParams, body: ParticipantMerge, response: { 200: ParticipantMerged, ...errors } },
      },
      async (req) => mergeParticipants(ctx, grantOf(req, 'participant-merges', 'create'), req.params.participantId, req.body),
    )

    app.get(
      `${base}/:participantId`,
      {
        config: { access: { resource: 'participants', action: 'read' } },
        schema: { tags, summary: 'Én deltager, så meget læseren må se', params: ParticipantParams, response: { 200: Participant, ...errors } },
      },
      async (req) => {
        const { dto, view } = await getParticipant(ctx, grantOf(req, 'participants', 'read'), req.params.participantId)
        return disclose(req, dto, { ids: [dto.id], details: disclosureDetails(view) })
      },
    )

    app.put(
      `${base}/:participantId`,
      {
        config: { access: { resource: 'participants', action: 'update' } },
        schema: { tags, summary: 'Ret en deltagers oplysninger', params: ParticipantParams, body: ParticipantUpdate, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await updateParticipant(ctx, grantOf(req, 'participants', 'update'), req.params.participantId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.post(
      `${base}/:participantId/notes`,
      {
        config: { access: { resource: 'participants', action: 'update' } },
        schema: { tags, summary: 'Skriv en note om en deltager', params: ParticipantParams, body: NoteCreate, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await addNote(ctx, grantOf(req, 'participants', 'update'), req.params.participantId, req.body)),
    )

    app.get(
      `${base}/:participantId/cpr`,
      {
        config: { access: { resource: 'participant-cpr', action: 'read' } },
        schema: { tags, summary: 'Vis hele CPR-nummeret (logges)', params: ParticipantParams, response: { 200: CprReveal, ...errors } },
      },
      async (req, reply) => {
        const cpr = await revealCpr(ctx, grantOf(req, 'participant-cpr', 'read'), req.params.participantId)
        reply.header('cache-control', 'no-store')
        return disclose(req, { cpr }, { ids: [req.params.participantId] })
      },
    )

    app.get(
      `${base}/:participantId/export`,
      {
        config: { access: { resource: 'participant-rights', action: 'read' } },
        schema: {
          tags,
          summary: 'Deltagerens egne oplysninger og adgangslog (indsigt), som JSON eller som PDF til beboeren',
          params: ParticipantParams,
          querystring: ParticipantExportQuery,
          // One response per media type: the JSON keeps its schema, so nothing else leaves that way;
          // the PDF is drawn from the same export and sent as bytes.
          response: { 200: { content: { 'application/json': { schema: ParticipantExport }, 'application/pdf': { schema: PdfFile } } }, ...errors },
        },
      },
      async (req, reply) => {
        const data = await exportParticipant(ctx, grantOf(req, 'participant-rights', 'read'), req.params.participantId)
        const body = req.query.format === 'pdf' ? await renderPdfInThread('participant-export', data) : data
        const name = `indsigt-${String(data.participant.Id ?? 'deltager')}.${req.query.format}`
        if (Buffer.isBuffer(body)) reply.header('content-type', 'application/pdf')
        reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store')
        return disclose(req, body, { ids: [req.params.participantId] })
      },
    )

    app.post(
      `${base}/:participantId/erasure`,
      {
        config: { access: { resource: 'participant-rights', action: 'delete' } },
        schema: { tags, summary: 'Slet en deltagers personoplysninger efter anmodning', params: ParticipantParams, body: ErasureRequest, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await eraseParticipant(ctx, grantOf(req, 'participant-rights', 'delete'), req.params.participantId, req.body.confirmPseudonym)
        return reply.code(204).send(null)
      },
    )

    app.post(
      `${base}/:participantId/erasure-requests`,
      {
        config: { access: { resource: 'erasure-requests', action: 'create' } },
        schema: { tags, summary: 'Beboeren beder om at blive slettet: anmodningen går til projektlederen', params: ParticipantParams, body: ErasureRequestCreate, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await requestErasure(ctx, grantOf(req, 'erasure-requests', 'create'), req.params.participantId, req.body)),
    )

    app.get(
      `${base}/:participantId/erasure-requests`,
      {
        config: { access: { resource: 'erasure-requests', action: 'read' } },
        schema: { tags, summary: 'En beboers anmodninger om sletning', params: ParticipantParams, response: { 200: ErasureRequestList, ...errors } },
      },
      async (req) => {
        const requests = await erasureRequestsOfResident(ctx, grantOf(req, 'erasure-requests', 'read'), req.params.participantId)
        return disclose(req, { requests }, { ids: [req.params.participantId] })
      },
    )

    app.get(
      '/api/plans/:planId/erasure-requests',
      {
        // The project leader decides them; the housing-social worker who took them follows them here.
        config: { access: { resource: 'erasure-requests', action: 'read' } },
        schema: { tags, summary: 'Helhedsplanens anmodninger om sletning, ventende og afgjorte', params: PlanParams, response: { 200: ErasureRequestList, ...errors } },
      },
      async (req) => {
        const requests = await planErasureRequests(ctx, grantOf(req, 'erasure-requests', 'read'))
        return disclose(req, { requests }, { ids: requests.map((r) => r.participantId) })
      },
    )

    app.post(
      '/api/plans/:planId/erasure-requests/:requestId/decision',
      {
        config: { access: { resource: 'erasure-requests', action: 'update' } },
        schema: { tags, summary: 'Godkend (og slet) eller afvis en anmodning om sletning', params: PlanParams.extend({ requestId: z.uuid() }), body: ErasureDecision, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await decideErasure(ctx, grantOf(req, 'erasure-requests', 'update'), req.params.requestId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/plans/:planId/privacy',
      {
        config: { access: { resource: 'plan-privacy', action: 'read' } },
        schema: { tags, summary: 'Helhedsplanens indstillinger for persondata og opbevaring', params: PlanParams, response: { 200: PrivacyOverview, ...errors } },
      },
      async (req) => privacySettings(ctx, grantOf(req, 'plan-privacy', 'read')),
    )

    app.put(
      '/api/plans/:planId/privacy',
      {
        config: { access: { resource: 'plan-privacy', action: 'update' } },
        schema: { tags, summary: 'Ret indstillinger for persondata og opbevaring', params: PlanParams, body: PrivacySettingsUpdate, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await updatePrivacySettings(ctx, grantOf(req, 'plan-privacy', 'update'), req.body)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/api/plans/:planId/privacy/retention-run',
      {
        config: { access: { resource: 'plan-privacy', action: 'update' } },
        schema: { tags, summary: 'Anonymisér de deltagere, hvis opbevaringstid er udløbet', params: PlanParams, response: { 200: RetentionRun, ...errors } },
      },
      async (req) => {
        const grant = grantOf(req, 'plan-privacy', 'update')
        const result = await runRetention(ctx, grant, grant.planId!)
        return { anonymised: result.anonymised }
      },
    )
  }
}
