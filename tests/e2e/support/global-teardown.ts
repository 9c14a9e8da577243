import fs from 'node:fs'
import pg from 'pg'
import { isAlive } from '../../../src/server/db/embedded.ts'
import { readServerInfo, removeServerInfo } from './server-info.ts'

// Stops the server the way an operator would (SIGTERM, so it shuts PostgreSQL down cleanly),
// waits for it, and removes its data directory.

const STOP_TIMEOUT_MS = 30_000

export default async function globalTeardown(): Promise<void> {
  let info
  try {
    info = readServerInfo()
  } catch {
    return
  }
  if (alive(info.pid)) {
    process.kill(info.pid, 'SIGTERM')
    const deadline = Date.now() + STOP_TIMEOUT_MS
    while (alive(info.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    if (alive(info.pid)) {
      console.error(`Indsats (pid ${info.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM; killing it.`)
      process.kill(info.pid, 'SIGKILL')
    }
  }
  fs.rmSync(info.dataDir, { recursive: true, force: true })
  if (info.database) {
    const client = new pg.Client({ connectionString: info.database.adminUrl })
    await client.connect()
    await client.query(`drop database if exists ${info.database.name} with (force)`)
    await client.end()
  }
  removeServerInfo()
}

function alive(pid: number): boolean {
  return isAlive(pid)
}
