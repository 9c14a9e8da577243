import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { UploadQuery } from '../../../shared/imports.ts'
import type { Grant } from '../../lib/authorize.ts'
import { AppError } from '../../lib/errors.ts'
import type { Resource } from '../../../shared/permissions.ts'
import { type App, grantOf } from '../../lib/request.ts'
import type { Upload } from './imports.service.ts'

// The three routes of a two-step import (decision 011), the same for every kind: send the file and
// get the preview; commit what was staged; or discard it. A kind's routes module calls
// stagedImportRoutes once with its address, its schemas and its three service calls.

/** Largest file an import takes: a 100 000-row extract is about 5 MB. */
export const IMPORT_BODY_LIMIT = 50 * 1024 * 1024

/**
 * Files arrive as the raw bytes of the upload; the name travels in the query string. A parser holds
 * for the plugin it is added in and its children, so each plugin with upload routes adds it once.
 */
export function acceptUploads(app: App): void {
  app.addContentTypeParser(['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  )
}

/** The uploaded file, or a Danish "choose a file" when none came. */
export function uploadOf(req: FastifyRequest, fileName: string): Upload {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new AppError('validation', 'Vælg en fil at indlæse.')
  return { name: fileName, bytes: req.body }
}

export interface StagedImportRoutes<R extends Resource, P extends z.ZodObject, Q extends z.ZodObject, Preview, Committed> {
  /** Where files are sent, e.g. /api/plans/:planId/target-groups/imports; commit and discard hang below. */
  base: string
  params: P
  /** The upload's query: UploadQuery, or UploadQuery extended with the kind's own options. */
  query: Q
  resource: R
  tags: string[]
  /** The OpenAPI summaries, in Danish. */
  summaries: { upload: string; commit: string; discard: string }
  preview: { schema: z.ZodType<Preview>; run: (grant: Grant<R, 'create'>, params: z.infer<P>, query: z.infer<Q>, file: Upload) => Promise<Preview> }
  commit: { schema: z.ZodType<Committed>; run: (grant: Grant<R, 'create'>, params: z.infer<P>, importId: string) => Promise<Committed> }
  discard: (grant: Grant<R, 'create'>, params: z.infer<P>, importId: string) => Promise<void>
}

export function stagedImportRoutes<R extends Resource, P extends z.ZodObject, Q extends z.ZodObject, Preview, Committed>(app: App, routes: StagedImportRoutes<R, P, Q, Preview, Committed>): void {
  const { base, params, resource, tags, summaries } = routes
  // The zod provider still validates and serialises at run time; its types cannot follow generic
  // schemas, so the handlers here are typed by the kind's own functions instead.
  const server = app as unknown as FastifyInstance
  const access = { resource, action: 'create' as const }
  const staged = params.extend({ importId: z.uuid() })

  server.post(
    base,
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access },
      schema: { tags, summary: summaries.upload, params, querystring: routes.query, response: { 201: routes.preview.schema, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    },
    async (req, reply) => {
      const query = req.query as z.infer<Q> & UploadQuery
      const file = uploadOf(req, query.fileName)
      return reply.code(201).send(await routes.preview.run(grantOf(req, resource, 'create'), req.params as z.infer<P>, query, file))
    },
  )

  server.post(
    `${base}/:importId/commit`,
    {
      config: { access },
      schema: { tags, summary: summaries.commit, params: staged, response: { 200: routes.commit.schema, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
    },
    async (req) => {
      const { importId } = req.params as { importId: string }
      return routes.commit.run(grantOf(req, resource, 'create'), req.params as z.infer<P>, importId)
    },
  )

  server.post(
    `${base}/:importId/discard`,
    {
      config: { access },
      schema: { tags, summary: summaries.discard, params: staged, response: { 204: z.null(), 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
    },
    async (req, reply) => {
      const { importId } = req.params as { importId: string }
      await routes.discard(grantOf(req, resource, 'create'), req.params as z.infer<P>, importId)
      return reply.code(204).send(null)
    },
  )
}
