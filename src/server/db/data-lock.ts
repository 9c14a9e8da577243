import fs from 'node:fs'
import path from 'node:path'
import { isAlive } from './embedded.ts'

// One process owns a data directory at a time. The lock file holds the owner's pid; a lock whose
// pid is dead (the owner was killed with `kill -9`) is stale and taken over.

export interface LockOwner {
  pid: number
  purpose: 'server' | 'cli'
  httpPort?: number
  startedAt: string
}

export class DataDirLockedError extends Error {
  constructor(
    readonly owner: LockOwner,
    dataDir: string,
  ) {
    super(
      `Indsats kører allerede på datamappen ${dataDir} (${owner.purpose === 'server' ? 'server' : 'kommando'}, PID ${owner.pid}). ` +
        `Stop den først, eller brug en anden DATA_DIR.\n` +
        `Indsats is already running on data directory ${dataDir} (PID ${owner.pid}). Stop it first or use another DATA_DIR.`,
    )
  }
}

export function readLock(lockFile: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockOwner
    return Number.isInteger(owner.pid) ? owner : undefined
  } catch {
    return undefined
  }
}

/** The live owner of the lock, if any (a stale lock counts as none). */
export function liveOwner(lockFile: string): LockOwner | undefined {
  const owner = readLock(lockFile)
  if (!owner || owner.pid === process.pid || !isAlive(owner.pid)) return undefined
  return owner
}

export function acquireLock(lockFile: string, owner: Omit<LockOwner, 'pid' | 'startedAt'>): () => void {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true })
  const me: LockOwner = { ...owner, pid: process.pid, startedAt: new Date().toISOString() }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify(me), { flag: 'wx', mode: 0o600 })
      return () => releaseLock(lockFile)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const current = liveOwner(lockFile)
      if (current) throw new DataDirLockedError(current, path.dirname(lockFile))
      // Stale: the owner died without cleaning up. Remove and try again; `wx` keeps the race fair.
      fs.rmSync(lockFile, { force: true })
    }
  }
  throw new Error(`Could not acquire ${lockFile}`)
}

export function updateLock(lockFile: string, patch: Partial<LockOwner>): void {
  const owner = readLock(lockFile)
  if (owner?.pid !== process.pid) return
  fs.writeFileSync(lockFile, JSON.stringify({ ...owner, ...patch }), { mode: 0o600 })
}

function releaseLock(lockFile: string): void {
  if (readLock(lockFile)?.pid === process.pid) fs.rmSync(lockFile, { force: true })
}
