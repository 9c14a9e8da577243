import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  AppointmentCreate,
  AppointmentList,
  AppointmentUpdate,
  CheckAction,
  CounsellingFiguresDto,
  FiguresQuery,
  InquiryCreate,
  InquiryUpdate,
  OccurrenceCancel,
  OccurrenceDetail,
  OccurrenceWeek,
  TopicCreate,
  TopicList,
  TopicUpdate,
  WeekQuery,
} from '../../../shared/counselling.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import type { AppContext } from '../../lib/context.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import {
  addTopic,
  bookAppointment,
  cancelOccurrence,
  checkInOut,
  listAppointments,
  listTopics,
  logInquiry,
  occurrenceDetail,
  openWeek,
  referInquiry,
  retireTopic,
  setAppointmentStatus,
  undoLastInquiry,
} from './counselling.service.ts'
import { counsellingFiguresOf, figuresCsv } from './figures.service.ts'

const PlanParams = z.object({ planId: z.uuid() })
const OccurrenceParams = PlanParams.extend({ occurrenceId: z.uuid() })
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const Created = z.object({ id: z.uuid() })

export function counsellingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['counselling']
    const base = '/api/plans/:planId/counselling'

    app.get(
      `${base}/occurrences`,
      {
        config: { access: { resource: 'counselling-occurrences', action: 'read' } },
        schema: { tags, summary: 'Ugens åbningstider i åben rådgivning (dannes fra delaftalernes faste åbningstider)', params: PlanParams, querystring: WeekQuery, response: { 200: OccurrenceWeek, ...errors } },
      },
      async (req) => disclose(req, await openWeek(ctx, grantOf(req, 'counselling-occurrences', 'read'), req.query.week), { ids: [], details: { week: req.query.week ?? null } }),
    )

    app.get(
      `${base}/occurrences/:occurrenceId`,
      {
        config: { access: { resource: 'counselling-occurrences', action: 'read' } },
        schema: { tags, summary: 'En åbningstid: hvem der er tjekket ind, henvendelser og aftalte tider', params: OccurrenceParams, response: { 200: OccurrenceDetail, ...errors } },
      },
      async (req) => {
        const { detail, ids, disclosedIds } = await occurrenceDetail(ctx, grantOf(req, 'counselling-occurrences', 'read'), req.params.occurrenceId)
        return disclose(req, detail, { ids, details: disclosedIds.length ? { disclosure: { ids: disclosedIds } } : {} })
      },
    )

    app.post(
      `${base}/occurrences/:occurrenceId/cancel`,
      {
        config: { access: { resource: 'counselling-occurrences', action: 'update' } },
        schema: { tags, summary: 'Aflys en åbningstid med en begrundelse', params: OccurrenceParams, body: OccurrenceCancel, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await cancelOccurrence(ctx, grantOf(req, 'counselling-occurrences', 'update'), req.params.occurrenceId, req.body.reason)
        return reply.code(204).send(null)
      },
    )

    app.post(
      `${base}/occurrences/:occurrenceId/check`,
      {
        config: { access: { resource: 'counselling-occurrences', action: 'update' } },
        schema: { tags, summary: 'Tjek ind eller ud af en åbningstid', params: OccurrenceParams, body: CheckAction, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await checkInOut(ctx, grantOf(req, 'counselling-occurrences', 'update'), req.params.occurrenceId, req.body.action)
        return reply.code(204).send(null)
      },
    )

    app.post(
      `${base}/occurrences/:occurrenceId/inquiries`,
      {
        config: { access: { resource: 'inquiries', action: 'create' } },
        schema: { tags, summary: 'Registrér en henvendelse (anonym, medmindre en beboer med samtykke vælges)', params: OccurrenceParams, body: InquiryCreate, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await logInquiry(ctx, grantOf(req, 'inquiries', 'create'), req.params.occurrenceId, req.body)),
    )

    app.delete(
      `${base}/occurrences/:occurrenceId/inquiries/last`,
      {
        config: { access: { resource: 'inquiries', action: 'delete' } },
        schema: { tags, summary: 'Fortryd din seneste henvendelse ved åbningstiden', params: OccurrenceParams, response: { 200: Created, ...errors } },
      },
      async (req) => undoLastInquiry(ctx, grantOf(req, 'inquiries', 'delete'), req.params.occurrenceId),
    )

    app.put(
      `${base}/inquiries/:inquiryId/referral`,
      {
        config: { access: { resource: 'inquiries', action: 'update' } },
        schema: { tags, summary: 'Angiv, om en henvendelse blev henvist videre', params: PlanParams.extend({ inquiryId: z.uuid() }), body: InquiryUpdate, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await referInquiry(ctx, grantOf(req, 'inquiries', 'update'), req.params.inquiryId, req.body.referral)
        return reply.code(204).send(null)
      },
    )

    app.get(
      `${base}/topics`,
      {
        config: { access: { resource: 'inquiry-topics', action: 'read' } },
        schema: { tags, summary: 'Emner for henvendelser', params: PlanParams, response: { 200: TopicList, ...errors } },
      },
      async (req) => ({ topics: await listTopics(ctx, grantOf(req, 'inquiry-topics', 'read')) }),
    )

    app.post(
      `${base}/topics`,
      {
        config: { access: { resource: 'inquiry-topics', action: 'create' } },
        schema: { tags, summary: 'Tilføj et emne', params: PlanParams, body: TopicCreate, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await addTopic(ctx, grantOf(req, 'inquiry-topics', 'create'), req.body.label)),
    )

    app.put(
      `${base}/topics/:topicId/retired`,
      {
        config: { access: { resource: 'inquiry-topics', action: 'update' } },
        schema: { tags, summary: 'Tag et emne ud af brug, eller tag det i brug igen', params: PlanParams.extend({ topicId: z.uuid() }), body: TopicUpdate, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await retireTopic(ctx, grantOf(req, 'inquiry-topics', 'update'), req.params.topicId, req.body.retired)
        return reply.code(204).send(null)
      },
    )

    app.get(
      `${base}/appointments`,
      {
        config: { access: { resource: 'appointments', action: 'read' } },
        schema: { tags, summary: 'Aftalte tider fra en dag (i dag, hvis ingen dag er valgt)', params: PlanParams, querystring: z.object({ from: z.iso.date().optional() }), response: { 200: AppointmentList, ...errors } },
      },
      async (req) => {
        const { appointments, ids, disclosedIds } = await listAppointments(ctx, grantOf(req, 'appointments', 'read'), req.query.from)
        return disclose(req, { appointments }, { ids, details: disclosedIds.length ? { disclosure: { ids: disclosedIds } } : {} })
      },
    )

    app.post(
      `${base}/appointments`,
      {
        config: { access: { resource: 'appointments', action: 'create' } },
        schema: { tags, summary: 'Book en tid ud over den åbne rådgivning', params: PlanParams, body: AppointmentCreate, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await bookAppointment(ctx, grantOf(req, 'appointments', 'create'), req.body)),
    )

    app.put(
      `${base}/appointments/:appointmentId/status`,
      {
        config: { access: { resource: 'appointments', action: 'update' } },
        schema: { tags, summary: 'Ændr en tids status', params: PlanParams.extend({ appointmentId: z.uuid() }), body: AppointmentUpdate, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await setAppointmentStatus(ctx, grantOf(req, 'appointments', 'update'), req.params.appointmentId, req.body.status)
        return reply.code(204).send(null)
      },
    )

    app.get(
      `${base}/figures`,
      {
        config: { access: { resource: 'counselling-figures', action: 'read' } },
        schema: { tags, summary: 'Nøgletal for åben rådgivning i en periode', params: PlanParams, querystring: FiguresQuery, response: { 200: CounsellingFiguresDto, ...errors } },
      },
      async (req) => counsellingFiguresOf(ctx, grantOf(req, 'counselling-figures', 'read'), req.query),
    )

    app.get(
      `${base}/figures.csv`,
      {
        config: { access: { resource: 'counselling-figures', action: 'read' } },
        // No response schema: the body is CSV text.
        schema: { tags, summary: 'Nøgletal for åben rådgivning som CSV til kommunen', params: PlanParams, querystring: FiguresQuery },
      },
      async (req, reply) => {
        const figures = await counsellingFiguresOf(ctx, grantOf(req, 'counselling-figures', 'read'), req.query)
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="aaben-raadgivning-${req.query.from}-${req.query.to}.csv"`)
          .header('cache-control', 'no-store')
        return figuresCsv(figures)
      },
    )
  }
}
