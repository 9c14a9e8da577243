import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import {
  ConversationCreate,
  ConversationList,
  QuarterCloseCreate,
  QuarterReopen,
  QuarterQuery,
  QuarterView,
  StaffTimeOptions,
  StaffTimeSettingsUpdate,
  TimeEntryCreate,
  TimeEntryList,
} from '../../../shared/staff-time.ts'
import type { AppContext } from '../../lib/context.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import { UploadQuery } from '../../../shared/imports.ts'
import { StaffTimeImportCommitted, StaffTimeImportPreview } from '../../../shared/staff-time.ts'
import { acceptUploads, stagedImportRoutes } from '../imports/imports.routes.ts'
import { quarterCsv } from './quarter-csv.ts'
import { commitCalendar, commitTimeSheet, discardCalendar, discardTimeSheet, previewCalendar, previewTimeSheet } from './staff-time-imports.service.ts'
import { closeQuarter, reopenQuarter, createConversation, listConversations, myTimeEntries, quarterView, registerHours, staffTimeOptions, updateSettings } from './staff-time.service.ts'

const PlanParams = z.object({ planId: z.uuid() })
const AgreementParams = z.object({ planId: z.uuid(), agreementId: z.uuid() })
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

export function staffTimeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['staff-time']
    const base = '/api/plans/:planId/staff-time'

    app.get(
      `${base}/options`,
      {
        config: { access: { resource: 'time-entries', action: 'read' } },
        schema: { tags, summary: 'Aftaler, løfter og aktiviteter til registrering af tid og samtaler', params: PlanParams, response: { 200: StaffTimeOptions, ...errors } },
      },
      async (req) => staffTimeOptions(ctx, grantOf(req, 'time-entries', 'read')),
    )

    app.get(
      `${base}/conversations`,
      {
        config: { access: { resource: 'conversations', action: 'read' } },
        schema: { tags, summary: 'Samtalekalenderen', params: PlanParams, response: { 200: ConversationList, ...errors } },
      },
      async (req) => {
        const { conversations, ids, disclosedIds } = await listConversations(ctx, grantOf(req, 'conversations', 'read'))
        return disclose(req, { conversations }, { ids, details: disclosedIds.length ? { disclosure: { ids: disclosedIds } } : {} })
      },
    )

    app.post(
      `${base}/conversations`,
      {
        config: { access: { resource: 'conversations', action: 'create' } },
        schema: { tags, summary: 'Registrér en samtale', params: PlanParams, body: ConversationCreate, response: { 201: z.object({ id: z.uuid() }), ...errors } },
      },
      async (req, reply) => reply.code(201).send(await createConversation(ctx, grantOf(req, 'conversations', 'create'), req.body)),
    )

    app.get(
      `${base}/hours`,
      {
        config: { access: { resource: 'time-entries', action: 'read' } },
        schema: { tags, summary: 'Mine registrerede timer', params: PlanParams, response: { 200: TimeEntryList, ...errors } },
      },
      async (req) => ({ entries: await myTimeEntries(ctx, grantOf(req, 'time-entries', 'read')) }),
    )

    app.post(
      `${base}/hours`,
      {
        config: { access: { resource: 'time-entries', action: 'create' } },
        schema: { tags, summary: 'Registrér timer for en uge (erstatter tidligere timer for samme uge)', params: PlanParams, body: TimeEntryCreate, response: { 201: z.object({ id: z.uuid(), replaced: z.boolean() }), ...errors } },
      },
      async (req, reply) => reply.code(201).send(await registerHours(ctx, grantOf(req, 'time-entries', 'create'), req.body)),
    )

    app.get(
      `${base}/agreements/:agreementId/quarter`,
      {
        config: { access: { resource: 'staff-time-figures', action: 'read' } },
        schema: { tags, summary: 'Leveret mod lovet i et kvartal', params: AgreementParams, querystring: QuarterQuery, response: { 200: QuarterView, ...errors } },
      },
      async (req) => quarterView(ctx, grantOf(req, 'staff-time-figures', 'read'), req.params.agreementId, req.query.quarter),
    )

    app.get(
      `${base}/agreements/:agreementId/quarter.csv`,
      {
        config: { access: { resource: 'staff-time-figures', action: 'read' } },
        schema: { tags, summary: 'Leveret mod lovet i et kvartal som CSV', params: AgreementParams, querystring: QuarterQuery },
      },
      async (req, reply) => {
        const view = await quarterView(ctx, grantOf(req, 'staff-time-figures', 'read'), req.params.agreementId, req.query.quarter)
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="leveret-mod-lovet-${view.quarter}.csv"`)
          .send(quarterCsv(view))
      },
    )

    app.post(
      `${base}/agreements/:agreementId/closes`,
      {
        config: { access: { resource: 'time-quarters', action: 'create' } },
        schema: { tags, summary: 'Opgør og luk kvartalets samlede timer for en ressource', params: AgreementParams, body: QuarterCloseCreate, response: { 201: z.object({ id: z.uuid(), totalHours: z.number() }), ...errors } },
      },
      async (req, reply) => reply.code(201).send(await closeQuarter(ctx, grantOf(req, 'time-quarters', 'create'), req.params.agreementId, req.body)),
    )

    app.post(
      `${base}/agreements/:agreementId/reopenings`,
      {
        config: { access: { resource: 'time-quarters', action: 'update' } },
        schema: { tags, summary: 'Åbn et opgjort kvartal igen, med begrundelse', params: AgreementParams, body: QuarterReopen, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await reopenQuarter(ctx, grantOf(req, 'time-quarters', 'update'), req.params.agreementId, req.body)
        return reply.code(204).send(null)
      },
    )

    acceptUploads(app)

    stagedImportRoutes(app, {
      base: `${base}/calendar/imports`,
      params: PlanParams,
      query: UploadQuery,
      resource: 'conversations',
      tags,
      summaries: {
        upload: 'Læs jobcentrets kalendereksport (CSV eller Excel) og vis, hvilke samtaler den vil tilføje',
        commit: 'Gem alle samtaler fra en læst kalendereksport (alt eller intet)',
        discard: 'Annullér en læst kalendereksport uden at gemme',
      },
      preview: { schema: StaffTimeImportPreview, run: (grant, _params, _query, file) => previewCalendar(ctx, grant, file) },
      commit: { schema: StaffTimeImportCommitted, run: (grant, _params, importId) => commitCalendar(ctx, grant, importId) },
      discard: (grant, _params, importId) => discardCalendar(ctx, grant, importId),
    })

    stagedImportRoutes(app, {
      base: `${base}/agreements/:agreementId/time-sheets/imports`,
      params: AgreementParams,
      query: UploadQuery,
      resource: 'time-entries',
      tags,
      summaries: {
        upload: 'Læs et timeskema (CSV eller Excel) og vis, hvilke timer det vil registrere',
        commit: 'Gem alle timer fra et læst timeskema (alt eller intet)',
        discard: 'Annullér et læst timeskema uden at gemme',
      },
      preview: { schema: StaffTimeImportPreview, run: (grant, { agreementId }, _query, file) => previewTimeSheet(ctx, grant, agreementId, file) },
      commit: { schema: StaffTimeImportCommitted, run: (grant, { agreementId }, importId) => commitTimeSheet(ctx, grant, agreementId, importId) },
      discard: (grant, { agreementId }, importId) => discardTimeSheet(ctx, grant, agreementId, importId),
    })

    app.put(
      `${base}/settings`,
      {
        config: { access: { resource: 'staff-time-settings', action: 'update' } },
        schema: { tags, summary: 'Normal arbejdsuge, arbejdsdag og ferieuger for planens opgørelser', params: PlanParams, body: StaffTimeSettingsUpdate, response: { 200: StaffTimeSettingsUpdate, ...errors } },
      },
      async (req) => updateSettings(ctx, grantOf(req, 'staff-time-settings', 'update'), req.body),
    )
  }
}
