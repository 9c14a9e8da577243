import { sql } from 'kysely'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { Health } from '../../../shared/health.ts'
import type { AppContext } from '../../lib/context.ts'

const VERSION = process.env.npm_package_version ?? '0.1.0'

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      { config: { access: { public: true } }, schema: { tags: ['health'], summary: 'Driftsstatus', response: { 200: Health, 503: Health } } },
      async (_req, reply) => {
        const started = performance.now()
        let reachable = true
        try {
          await sql`select 1`.execute(ctx.db)
        } catch {
          reachable = false
        }
        const body = {
          status: reachable ? ('ok' as const) : ('degraded' as const),
          database: { reachable, latencyMs: reachable ? Math.round((performance.now() - started) * 10) / 10 : null },
          version: VERSION,
        }
        return reply.code(reachable ? 200 : 503).send(body)
      },
    )
  }
}
