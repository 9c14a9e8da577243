import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider.ts'
import { expect, test } from './support/fixtures.ts'
import { enrolInBrowser } from './support/second-factor.ts'
import { root } from './support/server-info.ts'

// Journey: staff of Sønderborg Kommune sign in with the municipality's own login (decision 032).
// An Indsats of its own, set up with a real OpenID provider on this machine, since the shared
// journey server has none: a person the administrator never created is refused in Danish; a project
// leader who signed in at the municipality without a second factor sets up the app in Indsats; a
// job-centre worker whose login asserted one goes straight to the start page, and signing out of
// Indsats signs them out of the municipality's login too (decision 041).

let idp: TestIdentityProvider
let server: ChildProcess
let dataDir: string
let base: string

test.beforeAll(async () => {
  test.setTimeout(240_000)
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  idp = await startIdentityProvider(`${base}/api/auth/oidc/callback`, { loginForm: true })
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-e2e-oidc-'))
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_REDIRECT_URL: `${base}/api/auth/oidc/callback`,
    OIDC_DISPLAY_NAME: 'Log ind med Sønderborg Kommune',
  }
  server = spawn(process.execPath, [path.join(root, 'bin/start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  await expect.poll(() => /kører på http/.test(output), { timeout: 180_000, message: `Indsats did not start:\n${output}` }).toBe(true)
  for (const [email, name, role] of [
    ['mette.holm@sonderborg.dk', 'Mette Holm', 'projektleder'],
    ['ali.demir@sonderborg.dk', 'Ali Demir', 'jobcenter'],
  ] as const) {
    const added = spawnSync(process.execPath, [path.join(root, 'bin/indsats.mjs'), 'user', 'add', '--email', email, '--name', name, '--role', role, '--organisation', 'Sønderborg Kommune', '--plan', 'Sønderborg'], { cwd: root, env, encoding: 'utf8' })
    expect(added.status, added.stderr + added.stdout).toBe(0)
  }
})

test.afterAll(async () => {
  if (server?.pid) {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
  }
  await idp?.close()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

test('staff sign in with the municipality’s login: an unknown person is refused, MFA there counts as the second factor, otherwise the app is set up', async ({ page, expectPage, axe }) => {
  test.setTimeout(180_000)
  const signInAtMunicipality = async (email: string, mfa: boolean) => {
    // Another person at the same browser: signed out of Indsats and of the municipality's login.
    await page.context().clearCookies()
    await page.goto(`${base}/log-ind`)
    await expectPage(page, 'Log ind')
    await page.getByRole('link', { name: 'Log ind med Sønderborg Kommune' }).click()
    await expect(page).toHaveTitle('Kommunens login (test)')
    await axe(page, 'the municipality login page')
    await page.getByLabel('E-mail hos kommunen').fill(email)
    if (mfa) await page.getByLabel('Jeg har bekræftet med totrinsbekræftelse').check()
    await page.getByRole('button', { name: 'Log ind hos kommunen' }).click()
  }

  await test.step('a person the administrator never created is refused with a Danish explanation', async () => {
    await signInAtMunicipality('ny.kollega@sonderborg.dk', true)
    await expectPage(page, 'Log ind')
    await expect(page.getByText('der er ingen bruger i Indsats med din e-mailadresse')).toBeVisible()
    await axe(page, 'the sign-in page refusing an unknown person')
  })

  await test.step('the project leader signed in without a second factor at the municipality, so sets up the app in Indsats', async () => {
    await signInAtMunicipality('mette.holm@sonderborg.dk', false)
    await expectPage(page, 'Sæt totrinsbekræftelse op')
    // Her first factor was the municipality's login, not a password in Indsats.
    await expect(page.getByText('både din organisations login og en kode fra en godkendelsesapp')).toBeVisible()
    await enrolInBrowser(page, 'mette.holm@sonderborg.dk')
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Mette Holm' })
    // Her password is the municipality's: nothing to change in Indsats.
    await expect(page.getByRole('button', { name: 'Log ud' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Skift adgangskode' })).toHaveCount(0)
    // Ali was given access to the plan's residents after her: the project leader sees it on the front page until she marks it seen.
    const notice = page.getByText(/^Ny adgang til beboere: Ali Demir, jobcentermedarbejder, /)
    await expect(notice).toBeVisible()
    await axe(page, 'the front page with a notice of new access to residents')
    await page.getByRole('button', { name: /^Markér som set: Ny adgang til beboere: Ali Demir/ }).click()
    await expect(notice).toHaveCount(0)
  })

  await test.step('the job-centre worker signed in with a second factor at the municipality and goes straight in', async () => {
    await signInAtMunicipality('ali.demir@sonderborg.dk', true)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Ali Demir' })
    await expect(page.getByRole('navigation', { name: 'Hovedmenu' })).toBeVisible()
  })

  await test.step('signing out of Indsats signs out of the municipality’s login too, so the next sign-in asks again', async () => {
    await page.getByRole('button', { name: 'Log ud' }).click()
    await expect(page).toHaveTitle('Log ud hos kommunen (test)')
    await axe(page, 'the municipality sign-out page')
    await page.getByRole('button', { name: 'Log ud hos kommunen' }).click()
    await expectPage(page, 'Log ind')
    // Same browser, no cookies cleared: the municipality asks who signs in instead of letting Ali straight through.
    await page.getByRole('link', { name: 'Log ind med Sønderborg Kommune' }).click()
    await expect(page).toHaveTitle('Kommunens login (test)')
    await expect(page.getByLabel('E-mail hos kommunen')).toBeVisible()
  })
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))))
    })
  })
}
