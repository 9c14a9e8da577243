import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  Company,
  CompanyFigures,
  CompanyFiguresQuery,
  CompanyImportCommitted,
  CompanyImportPreview,
  CompanyInput,
  CompanyList,
  CompanyListQuery,
  ContactEventInput,
  ContactPeople,
  ContactPersonInput,
  CsrAwards,
  NetworkChange,
  NominationInput,
  OpeningInput,
} from '../../../shared/companies.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import { UploadQuery } from '../../../shared/imports.ts'
import type { AppContext } from '../../lib/context.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import { acceptUploads, stagedImportRoutes } from '../imports/imports.routes.ts'
import {
  addContact,
  addContactEvent,
  changeNetwork,
  chooseWinner,
  commitCompanyImport,
  companyFigures,
  createCompany,
  createOpening,
  csrAwards,
  discardCompanyImport,
  getCompany,
  listCompanies,
  listContacts,
  nominate,
  previewCompanyImport,
  removeContact,
  updateContact,
  updateCompany,
  updateOpening,
} from './companies.service.ts'

const PlanParams = z.object({ planId: z.uuid() })
const CompanyParams = PlanParams.extend({ companyId: z.uuid() })
const OpeningParams = PlanParams.extend({ openingId: z.uuid() })
const ContactParams = CompanyParams.extend({ contactId: z.uuid() })
const NominationParams = PlanParams.extend({ nominationId: z.uuid() })
const Created = z.object({ id: z.uuid() })
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

export function companyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['companies']
    const base = '/api/plans/:planId/companies'

    acceptUploads(app)

    app.get(
      base,
      {
        config: { access: { resource: 'companies', action: 'read' } },
        schema: { tags, summary: 'Helhedsplanens virksomheder: søg, filtrér på netværket, side for side', params: PlanParams, querystring: CompanyListQuery, response: { 200: CompanyList, ...errors } },
      },
      async (req) => listCompanies(ctx, grantOf(req, 'companies', 'read'), req.query),
    )

    app.post(
      base,
      {
        config: { access: { resource: 'companies', action: 'create' } },
        schema: { tags, summary: 'Opret en virksomhed (CVR-nummeret kontrolleres, og det må ikke findes i planen)', params: PlanParams, body: CompanyInput, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await createCompany(ctx, grantOf(req, 'companies', 'create'), req.body)),
    )

    app.get(
      `${base}/:companyId`,
      {
        config: { access: { resource: 'companies', action: 'read' } },
        schema: { tags, summary: 'En virksomhed med netværk, kontakter, åbninger og CSR-pris', params: CompanyParams, response: { 200: Company, ...errors } },
      },
      async (req) => getCompany(ctx, grantOf(req, 'companies', 'read'), req.params.companyId),
    )

    app.put(
      `${base}/:companyId`,
      {
        config: { access: { resource: 'companies', action: 'update' } },
        schema: { tags, summary: 'Ret en virksomheds oplysninger', params: CompanyParams, body: CompanyInput, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await updateCompany(ctx, grantOf(req, 'companies', 'update'), req.params.companyId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.post(
      `${base}/:companyId/network`,
      {
        config: { access: { resource: 'companies', action: 'update' } },
        schema: { tags, summary: 'Markér en virksomhed i netværket fra en dag, eller ud af det', params: CompanyParams, body: NetworkChange, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await changeNetwork(ctx, grantOf(req, 'companies', 'update'), req.params.companyId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.get(
      `${base}/:companyId/contacts`,
      {
        config: { access: { resource: 'company-contacts', action: 'read' } },
        schema: { tags, summary: 'Virksomhedens kontaktpersoner (personoplysninger: hver visning logges)', params: CompanyParams, response: { 200: ContactPeople, ...errors } },
      },
      async (req) => {
        const body = await listContacts(ctx, grantOf(req, 'company-contacts', 'read'), req.params.companyId)
        return disclose(req, body, { ids: body.contacts.map((c) => c.id) })
      },
    )

    app.post(
      `${base}/:companyId/contacts`,
      {
        config: { access: { resource: 'company-contacts', action: 'create' } },
        schema: { tags, summary: 'Tilføj en kontaktperson', params: CompanyParams, body: ContactPersonInput, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await addContact(ctx, grantOf(req, 'company-contacts', 'create'), req.params.companyId, req.body)),
    )

    app.put(
      `${base}/:companyId/contacts/:contactId`,
      {
        config: { access: { resource: 'company-contacts', action: 'update' } },
        schema: { tags, summary: 'Ret en kontaktperson (loggen viser, hvad der blev ændret, ikke det gamle telefonnummer eller den gamle e-mail)', params: ContactParams, body: ContactPersonInput, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await updateContact(ctx, grantOf(req, 'company-contacts', 'update'), req.params.companyId, req.params.contactId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.delete(
      `${base}/:companyId/contacts/:contactId`,
      {
        config: { access: { resource: 'company-contacts', action: 'delete' } },
        schema: { tags, summary: 'Fjern en kontaktperson helt (navn, telefon og e-mail slettes)', params: ContactParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await removeContact(ctx, grantOf(req, 'company-contacts', 'delete'), req.params.companyId, req.params.contactId)
        return reply.code(204).send(null)
      },
    )

    app.post(
      `${base}/:companyId/contact-events`,
      {
        config: { access: { resource: 'companies', action: 'create' } },
        schema: { tags, summary: 'Registrér en kontakt med virksomheden (besøg, opkald, møde, e-mail)', params: CompanyParams, body: ContactEventInput, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await addContactEvent(ctx, grantOf(req, 'companies', 'create'), req.params.companyId, req.body)),
    )

    app.post(
      `${base}/:companyId/openings`,
      {
        config: { access: { resource: 'companies', action: 'create' } },
        schema: { tags, summary: 'Opret en åbning: praktik, småjob, fritidsjob, løntilskud, job m.m.', params: CompanyParams, body: OpeningInput, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await createOpening(ctx, grantOf(req, 'companies', 'create'), req.params.companyId, req.body)),
    )

    app.put(
      '/api/plans/:planId/openings/:openingId',
      {
        config: { access: { resource: 'companies', action: 'update' } },
        schema: { tags, summary: 'Ret en åbning, fx dens status', params: OpeningParams, body: OpeningInput, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await updateOpening(ctx, grantOf(req, 'companies', 'update'), req.params.openingId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.post(
      `${base}/:companyId/csr-nominations`,
      {
        config: { access: { resource: 'csr-awards', action: 'create' } },
        schema: { tags, summary: 'Indstil virksomheden til årets CSR-pris med en begrundelse', params: CompanyParams, body: NominationInput, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await nominate(ctx, grantOf(req, 'csr-awards', 'create'), req.params.companyId, req.body)),
    )

    app.get(
      '/api/plans/:planId/csr-awards',
      {
        config: { access: { resource: 'csr-awards', action: 'read' } },
        schema: { tags, summary: 'CSR-prisen: indstillinger og vinder pr. år', params: PlanParams, response: { 200: CsrAwards, ...errors } },
      },
      async (req) => csrAwards(ctx, grantOf(req, 'csr-awards', 'read')),
    )

    app.post(
      '/api/plans/:planId/csr-nominations/:nominationId/winner',
      {
        config: { access: { resource: 'csr-awards', action: 'update' } },
        schema: { tags, summary: 'Gør en indstilling til årets vinder (én pr. år)', params: NominationParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await chooseWinner(ctx, grantOf(req, 'csr-awards', 'update'), req.params.nominationId)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/plans/:planId/company-figures',
      {
        config: { access: { resource: 'company-figures', action: 'read' } },
        schema: { tags, summary: 'Tal om virksomhedsnetværket i en periode', params: PlanParams, querystring: CompanyFiguresQuery, response: { 200: CompanyFigures, ...errors } },
      },
      async (req) => companyFigures(ctx, grantOf(req, 'company-figures', 'read'), req.query),
    )

    stagedImportRoutes(app, {
      base: '/api/plans/:planId/company-imports',
      params: PlanParams,
      query: UploadQuery,
      resource: 'companies',
      tags,
      summaries: {
        upload: 'Læs en liste over virksomheder (CSV eller Excel) og vis fejl og dubletter',
        commit: 'Gem alle virksomheder fra en læst fil (alt eller intet)',
        discard: 'Annullér en læst virksomhedsliste uden at gemme',
      },
      preview: { schema: CompanyImportPreview, run: (grant, params, _query, file) => previewCompanyImport(ctx, grant, params.planId, file) },
      commit: { schema: CompanyImportCommitted, run: (grant, params, importId) => commitCompanyImport(ctx, grant, params.planId, importId) },
      discard: (grant, _params, importId) => discardCompanyImport(ctx, grant, importId),
    })
  }
}
