import type { Config } from '../config.ts'
import type { Database } from '../db/client.ts'
import type { Logger } from './logger.ts'

/** What every use case needs from the outside world; built once in main.ts (or a test). */
export interface AppContext {
  db: Database
  config: Config
  log: Logger
  /** The clock, so rules and tests can fix "now". */
  now: () => Date
  /**
   * How Indsats reaches outside sources (Danmarks Statistik, Jobindsats); the global fetch when
   * unset. Tests inject a replay of recorded answers, so nothing leaves the machine.
   */
  fetch?: typeof fetch
}
