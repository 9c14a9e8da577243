import net from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { alive, postmasterPid, removeTempDataDirs, runCli, type Running, startServer, stop, tempDataDir, waitFor } from '../support/process.ts'

// The server as an operator meets it: started, stopped, killed, started twice, on a busy port.

const servers: Running[] = []
afterAll(async () => {
  for (const s of servers) await stop(s)
  removeTempDataDirs()
})

async function start(dataDir: string, extra: Record<string, string> = {}) {
  const s = await startServer(dataDir, extra)
  servers.push(s)
  return s
}

async function loginWith(port: number, email: string, password: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  return res.status
}

describe('server lifecycle on the embedded database', () => {
  it('prints its address and a one-time administrator password on first start', async () => {
    const dir = tempDataDir()
    const s = await start(dir)
    expect(s.started).toBe(true)
    expect(s.output()).toContain(`http://localhost:${s.port}`)
    const otp = /Engangskode: (\S+)/.exec(s.output())?.[1]
    expect(otp).toBeDefined()
    expect(await loginWith(s.port, 'admin@indsats.local', otp!)).toBe(200)
    expect(await stop(s)).toBe(0)
  })

  it('shuts down cleanly on SIGTERM, stopping PostgreSQL and releasing the data folder', async () => {
    const dir = tempDataDir()
    const s = await start(dir)
    const pg = postmasterPid(dir)
    expect(alive(pg)).toBe(true)
    expect(await stop(s)).toBe(0)
    expect(s.output()).toContain('Indsats er stoppet')
    await waitFor(() => !alive(pg))
    const again = await start(dir)
    expect(again.started).toBe(true)
    expect(again.output()).not.toContain('Engangskode')
  })

  it('starts normally after kill -9, with everything that was committed', async () => {
    const dir = tempDataDir()
    const first = await start(dir)
    const added = await runCli(dir, ['user', 'add', '--email', 'lise@example.dk', '--name', 'Lise Lund', '--role', 'projektleder', '--organisation', 'Boligselskabet', '--plan', 'Sønderborg'])
    expect(added.code).toBe(0)
    const password = /Engangskode: (\S+)/.exec(added.stdout)![1]!
    const orphan = postmasterPid(dir)
    first.child.kill('SIGKILL')
    await first.exited
    expect(alive(orphan)).toBe(true) // PostgreSQL outlives its parent...
    const second = await start(dir)
    expect(second.started).toBe(true) // ...and the next start deals with it
    expect(await loginWith(second.port, 'lise@example.dk', password)).toBe(200)
    expect(alive(orphan)).toBe(false)
  })

  it('refuses a second server on the same data folder with a clear message', async () => {
    const dir = tempDataDir()
    const first = await start(dir)
    const second = await start(dir)
    expect(second.started).toBe(false)
    expect(await second.exited).toBe(1)
    expect(second.output()).toContain('Indsats kører allerede på datamappen')
    expect(second.output()).toContain('already running')
    expect(second.output()).not.toMatch(/\n\s+at /) // no stack trace
    const health = await fetch(`http://127.0.0.1:${first.port}/api/health`)
    expect(health.status).toBe(200)
  })

  it('explains a busy port instead of crashing, and leaves no database running', async () => {
    const dir = tempDataDir()
    const blocker = net.createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      const s = await start(dir, { PORT: String(port) })
      expect(s.started).toBe(false)
      expect(await s.exited).toBe(1)
      expect(s.output()).toContain(`Port ${port} er allerede i brug`)
      expect(s.output()).not.toMatch(/\n\s+at /)
      await waitFor(() => !alive(postmasterPid(dir)))
    } finally {
      blocker.close()
    }
  })

  it('stops at start-up on a bad setting, naming the variable', async () => {
    const s = await start(tempDataDir(), { SESSION_IDLE_MINUTES: 'altid' })
    expect(s.started).toBe(false)
    expect(await s.exited).toBe(2)
    expect(s.output()).toContain('SESSION_IDLE_MINUTES="altid"')
  })
})

describe('command line', () => {
  it('works without a server: starts the database for the command and stops it again', async () => {
    const dir = tempDataDir()
    const added = await runCli(dir, ['user', 'add', '--email', 'ole@example.dk', '--name', 'Ole', '--role', 'admin', '--organisation', 'Indsats'])
    expect(added.code).toBe(0)
    const listed = await runCli(dir, ['user', 'list', '--format', 'json'])
    expect(JSON.parse(listed.stdout).map((u: { email: string }) => u.email)).toEqual(['ole@example.dk'])
    expect(alive(postmasterPid(dir))).toBe(false)
  })

  it('uses the running server’s database, whose users can then log in', async () => {
    const dir = tempDataDir()
    const s = await start(dir)
    const added = await runCli(dir, ['user', 'add', '--email', 'per@example.dk', '--name', 'Per', '--role', 'jobcenter', '--organisation', 'Jobcenter Varde', '--plan', 'varde'])
    expect(added.code).toBe(0)
    expect(await loginWith(s.port, 'per@example.dk', /Engangskode: (\S+)/.exec(added.stdout)![1]!)).toBe(200)
    const reset = await runCli(dir, ['user', 'reset-password', 'per@example.dk'])
    expect(reset.stdout).toMatch(/Ny engangskode til per@example.dk: \S+/)
    expect(alive(postmasterPid(dir))).toBe(true) // the server's database is still up
  })

  it('lets an operator re-enable an account and reset a lost second factor when no administrator can sign in', async () => {
    const dir = tempDataDir()
    expect((await runCli(dir, ['user', 'add', '--email', 'eva@example.dk', '--name', 'Eva', '--role', 'admin', '--organisation', 'Indsats'])).code).toBe(0)
    expect((await runCli(dir, ['user', 'disable', 'eva@example.dk'])).code).toBe(0)
    const enabled = await runCli(dir, ['user', 'enable', 'eva@example.dk'])
    expect(enabled.stdout).toContain('Genaktiveret: eva@example.dk')
    const reset = await runCli(dir, ['user', 'reset-second-factor', 'eva@example.dk'])
    expect(reset.code).toBe(0)
    expect(reset.stdout).toContain('Totrinsbekræftelsen er nulstillet for eva@example.dk')
    const [eva] = JSON.parse((await runCli(dir, ['user', 'list', '--format', 'json'])).stdout) as { disabled: boolean; secondFactorEnrolled: boolean }[]
    expect(eva).toMatchObject({ disabled: false, secondFactorEnrolled: false })
    const again = await runCli(dir, ['user', 'enable', 'eva@example.dk'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('Brugeren er ikke deaktiveret.')
  })

  it('answers a mistake in Danish without a stack trace', async () => {
    const dir = tempDataDir()
    const bad = await runCli(dir, ['user', 'add', '--email', 'ikke-en-mail', '--name', 'X', '--role', 'konge', '--organisation', 'Y'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('Ukendt rolle')
    const unknown = await runCli(dir, ['user', 'disable', 'ingen@example.dk'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('Der findes ingen bruger med e-mailen ingen@example.dk')
  })

  it('backs up a running server and restores into a fresh data folder', async () => {
    const dir = tempDataDir()
    await start(dir)
    await runCli(dir, ['user', 'add', '--email', 'kim@example.dk', '--name', 'Kim', '--role', 'boligsocial', '--organisation', 'Boligselskabet'])
    const file = `${tempDataDir()}/indsats.backup.gz`
    const b = await runCli(dir, ['backup', file])
    expect(b.code).toBe(0)
    const fresh = tempDataDir()
    const r = await runCli(fresh, ['restore', file])
    expect(r.code).toBe(0)
    const listed = await runCli(fresh, ['user', 'list', '--format', 'json'])
    expect(JSON.parse(listed.stdout).map((u: { email: string }) => u.email).sort()).toEqual(['admin@indsats.local', 'kim@example.dk'])
  })
})
