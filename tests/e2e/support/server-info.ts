import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// How the journeys find the server that global-setup.ts started: a small JSON file, so a worker
// process (or a developer with a second terminal) can read it.

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const stateDir = path.join(root, '.tmp', 'e2e')
const infoFile = path.join(stateDir, 'server.json')
const adminFile = path.join(stateDir, 'admin-password-changed')

export interface ServerInfo {
  baseURL: string
  pid: number
  dataDir: string
  /** With DATABASE_URL: the database made for this run (dropped by teardown) and its server's admin URL. */
  database?: { name: string; adminUrl: string }
  logFile: string
  adminEmail: string
  /** The first administrator's one-time password, as printed on first start. */
  adminOneTimePassword: string
}

export function writeServerInfo(info: ServerInfo): void {
  fs.mkdirSync(stateDir, { recursive: true })
  fs.rmSync(adminFile, { force: true })
  fs.rmSync(path.join(stateDir, 'second-factors.json'), { force: true })
  fs.writeFileSync(infoFile, JSON.stringify(info, null, 2))
}

export function readServerInfo(): ServerInfo {
  try {
    return JSON.parse(fs.readFileSync(infoFile, 'utf8')) as ServerInfo
  } catch {
    throw new Error(`No running test server (${infoFile} is missing). Run the journeys with npm run test:e2e.`)
  }
}

export function removeServerInfo(): void {
  fs.rmSync(infoFile, { force: true })
  fs.rmSync(adminFile, { force: true })
}

/** The password the journeys give the first administrator in place of the one-time password. */
export const ADMIN_PASSWORD = 'rød grød med fløde og jordbær'

export function adminPasswordChanged(): boolean {
  return fs.existsSync(adminFile)
}

export function markAdminPasswordChanged(): void {
  fs.writeFileSync(adminFile, new Date().toISOString())
}

export function stateDirectory(): string {
  return stateDir
}
