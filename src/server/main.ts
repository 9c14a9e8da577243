import { ConfigError, loadConfig, loadDotEnv } from './config.ts'
import { DataDirLockedError } from './db/data-lock.ts'
import { EmbeddedDbError } from './db/embedded.ts'
import { openDatabase } from './db/open-database.ts'
import { createLogger } from './lib/logger.ts'
import { fail } from './lib/start-failure.ts'

// The entry of `npm start`. It imports only what it needs to read the settings and start the
// embedded PostgreSQL; the rest of the server (Fastify, Kysely, every feature) is loaded while
// PostgreSQL starts, instead of one after the other (decision 046).

const startedAt = performance.now()

loadDotEnv()
let config
try {
  config = loadConfig()
} catch (error) {
  if (error instanceof ConfigError) fail(error.message, 2)
  throw error
}
const log = createLogger(config.LOG_LEVEL)

const opening = openDatabase(config, { purpose: 'server', httpPort: config.PORT, log: (m) => log.info(m) })
// A data folder in use or a database that cannot start is told at once, not after the server has loaded.
opening.catch((error: unknown) => {
  if (error instanceof DataDirLockedError || error instanceof EmbeddedDbError) fail(error.message)
})
const { runServer } = await import('./server.ts')
await runServer(config, log, opening, startedAt)
