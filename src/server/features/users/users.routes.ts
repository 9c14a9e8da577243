import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { UserCreate, UserCreated, UserDto, UserIdParams, UserList, UserUpdate } from '../../../shared/users.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { createUser, disableUser, enableUser, listUsers, resetPassword, updateUserAccount } from './users.service.ts'

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { access: { resource: 'users', action: 'read' } },
        schema: { tags: ['users'], summary: 'Alle brugere', response: { 200: UserList, 403: ErrorBody } },
      },
      async (req) => {
        const users = await listUsers(ctx, grantOf(req, 'users', 'read'))
        return disclose(req, { users }, { ids: users.map((u) => u.id) })
      },
    )

    app.post(
      '/api/users',
      {
        config: { access: { resource: 'users', action: 'create' } },
        schema: { tags: ['users'], summary: 'Opret bruger', body: UserCreate, response: { 201: UserCreated, 400: ErrorBody, 409: ErrorBody } },
      },
      async (req, reply) => reply.code(201).send(await createUser(ctx, grantOf(req, 'users', 'create'), req.body)),
    )

    app.put(
      '/api/users/:userId',
      {
        config: { access: { resource: 'users', action: 'update' } },
        schema: {
          tags: ['users'],
          summary: 'Ret en brugers navn, organisation, rolle og planer',
          params: UserIdParams,
          body: UserUpdate,
          response: { 200: z.object({ user: UserDto, sessionsEnded: z.boolean() }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => updateUserAccount(ctx, grantOf(req, 'users', 'update'), req.params.userId, req.body),
    )

    app.post(
      '/api/users/:userId/disable',
      {
        config: { access: { resource: 'users', action: 'update' } },
        schema: { tags: ['users'], summary: 'Deaktivér bruger', params: UserIdParams, response: { 200: UserDto, 404: ErrorBody } },
      },
      async (req) => disableUser(ctx, grantOf(req, 'users', 'update'), req.params.userId),
    )

    app.post(
      '/api/users/:userId/enable',
      {
        config: { access: { resource: 'users', action: 'update' } },
        schema: { tags: ['users'], summary: 'Genaktivér bruger', params: UserIdParams, response: { 200: UserDto, 404: ErrorBody, 409: ErrorBody } },
      },
      async (req) => enableUser(ctx, grantOf(req, 'users', 'update'), req.params.userId),
    )

    app.post(
      '/api/users/:userId/reset-password',
      {
        config: { access: { resource: 'users', action: 'update' } },
        schema: { tags: ['users'], summary: 'Nulstil adgangskode', params: UserIdParams, response: { 200: UserCreated, 404: ErrorBody } },
      },
      async (req) => resetPassword(ctx, grantOf(req, 'users', 'update'), req.params.userId),
    )
  }
}
