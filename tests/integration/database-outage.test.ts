import { afterAll, describe, expect, it } from 'vitest'
import { alive, postmasterPid, removeTempDataDirs, type Running, startServer, stop, tempDataDir, waitFor } from '../support/process.ts'

// When the database goes away for good, answering 503 forever helps nobody: the server exits with a
// non-zero code after a bounded outage, so the supervisor (systemd, a container runtime) restarts it.

const servers: Running[] = []
afterAll(async () => {
  for (const s of servers) await stop(s)
  removeTempDataDirs()
})

describe('a database outage', () => {
  it('exits with a non-zero code and a Danish message when the database stays away', { timeout: 90_000 }, async () => {
    const dir = tempDataDir()
    const server = await startServer(dir, { DB_OUTAGE_EXIT_SECONDS: '3' })
    servers.push(server)
    expect(server.started, server.output()).toBe(true)
    const pg = postmasterPid(dir)
    expect(alive(pg)).toBe(true)

    process.kill(pg!, 'SIGKILL')
    await waitFor(() => !alive(pg))
    const health = await fetch(`http://127.0.0.1:${server.port}/api/health`).catch(() => null)
    expect(health?.status).toBe(503)

    const code = await Promise.race([server.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 40_000))])
    expect(code, server.output()).not.toBe('still running')
    expect(code).not.toBe(0)
    expect(server.output()).toContain('Databasen har ikke svaret i 3 sekunder')
  })
})
