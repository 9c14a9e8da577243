// A server process for bench/api.ts and bench/soak.ts: `app` runs Indsats (buildApp) on DATABASE_URL;
// `baseline` runs a minimal Fastify route that answers with one pg select of the same rows. Prints its
// address. With BENCH_STATS_MS, `app` also prints a line `stats {...}` that often: its RSS, heap and
// the event loop's delay (p99) since the line before.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import Fastify from 'fastify'
import pg from 'pg'
import { buildApp } from '../src/server/app.ts'
import { loadConfig } from '../src/server/config.ts'
import { createDb } from '../src/server/db/client.ts'
import { createLogger } from '../src/server/lib/logger.ts'

const mode = process.argv[2]
const connectionString = process.env.DATABASE_URL!

if (mode === 'app') {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' })
  const db = createDb(connectionString, { role: 'app' })
  const app = await buildApp({ db, config, log: createLogger('silent'), now: () => new Date() })
  process.stdout.write(`${await app.listen({ host: '127.0.0.1', port: 0 })}\n`)
  const every = Number(process.env.BENCH_STATS_MS ?? 0)
  if (every > 0) {
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    setInterval(() => {
      const m = process.memoryUsage()
      const stats = { rssMiB: m.rss / 2 ** 20, heapUsedMiB: m.heapUsed / 2 ** 20, eventLoopDelayP99Ms: delay.percentile(99) / 1e6 }
      delay.reset()
      process.stdout.write(`stats ${JSON.stringify(stats)}\n`)
    }, every).unref()
  }
} else {
  const pool = new pg.Pool({ connectionString, max: 10 })
  const app = Fastify()
  app.get('/baseline/plans', async (req) => {
    const planIds = String((req.query as { ids?: string }).ids ?? '').split(',')
    const { rows } = await pool.query('select id, name, municipality from plan where id = any($1) order by municipality, name', [planIds])
    return { plans: rows }
  })
  process.stdout.write(`${await app.listen({ host: '127.0.0.1', port: 0 })}\n`)
}

// Exit cleanly on SIGTERM, so `node --cpu-prof` writes its profile (bench/api.ts with BENCH_PROFILE=1).
process.on('SIGTERM', () => process.exit(0))
