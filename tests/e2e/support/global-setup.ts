import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { root, stateDirectory, writeServerInfo } from './server-info.ts'

// Starts the real Indsats, exactly as `npm start` does, on a fresh data directory and a free port.
// No mocks: the journeys run against the embedded PostgreSQL and the built web UI.

const START_TIMEOUT_MS = 180_000

export default async function globalSetup(): Promise<void> {
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-e2e-'))
  fs.mkdirSync(stateDirectory(), { recursive: true })
  const logFile = path.join(stateDirectory(), 'server.log')
  const log = fs.createWriteStream(logFile)

  // With DATABASE_URL (CI's second pass) the journeys get a database of their own on that server,
  // so the first start is a real first start there too.
  const database = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL) : undefined
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }
  if (database) env.DATABASE_URL = database.url

  const child = spawn(process.execPath, [path.join(root, 'bin/start.mjs')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8')
    log.write(chunk)
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)

  try {
    const { email, oneTimePassword } = await waitForStart(child, () => output)
    const baseURL = `http://127.0.0.1:${port}`
    await waitForHealth(baseURL)
    writeServerInfo({
      baseURL,
      pid: child.pid!,
      dataDir,
      ...(database ? { database: { name: database.name, adminUrl: database.adminUrl } } : {}),
      logFile,
      adminEmail: email,
      adminOneTimePassword: oneTimePassword,
    })
  } catch (error) {
    child.kill('SIGTERM')
    throw new Error(`The Indsats server did not start: ${(error as Error).message}\n--- server output ---\n${output}`)
  }
  // The runner must not wait for the server before it can exit; teardown stops it.
  child.unref()
  ;(child.stdout as unknown as { unref?: () => void }).unref?.()
  ;(child.stderr as unknown as { unref?: () => void }).unref?.()
}

function waitForStart(child: ChildProcess, output: () => string): Promise<{ email: string; oneTimePassword: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no start-up message within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS)
    const poll = setInterval(() => {
      const text = output()
      const email = /E-mail:\s+(\S+)/.exec(text)?.[1]
      const oneTimePassword = /Engangskode:\s+(\S+)/.exec(text)?.[1]
      if (email && oneTimePassword && /kører på http/.test(text)) done(null, { email, oneTimePassword })
      else if (/kører på http/.test(text) && !/Første start/.test(text)) {
        done(new Error('the server started without printing a first administrator (is DATA_DIR fresh?)'))
      }
    }, 50)
    const onExit = (code: number | null) => done(new Error(`the server exited with code ${code}`))
    child.once('exit', onExit)
    function done(error: Error | null, value?: { email: string; oneTimePassword: string }) {
      clearTimeout(timer)
      clearInterval(poll)
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve(value!)
    }
  })
}

async function waitForHealth(baseURL: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseURL}/api/health`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${baseURL}/api/health did not answer 200`)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))))
    })
  })
}

async function createDatabase(serverUrl: string): Promise<{ name: string; url: string; adminUrl: string }> {
  const name = `indsats_e2e_${process.pid}`
  const admin = new URL(serverUrl)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.href })
  await client.connect()
  try {
    await client.query(`drop database if exists ${name} with (force)`)
    await client.query(`create database ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return { name, url: url.href, adminUrl: admin.href }
}
