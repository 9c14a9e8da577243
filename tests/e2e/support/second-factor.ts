import fs from 'node:fs'
import path from 'node:path'
import { type APIRequestContext, type Page, expect } from '@playwright/test'
import { generate } from 'otplib'
import { scanOnce } from './fixtures.ts'
import { stateDirectory } from './server-info.ts'

// Every role but the board signs in with a second factor (decision 027). The journeys answer it as
// a person with an authenticator app would: the secret is read off the set-up page (or the API's
// answer) the first time, kept here per user for the run, and each code is computed from it.

const PERIOD = 30
const file = () => path.join(stateDirectory(), 'second-factors.json')

export interface StoredSecondFactor {
  secret: string
  /** The last time step a code was sent for: the server takes each step's code once. */
  lastStep: number
  recoveryCodes: string[]
}

function readAll(): Record<string, StoredSecondFactor> {
  try {
    return JSON.parse(fs.readFileSync(file(), 'utf8')) as Record<string, StoredSecondFactor>
  } catch {
    return {}
  }
}

export function storedSecondFactor(email: string): StoredSecondFactor | undefined {
  return readAll()[email.toLowerCase()]
}

function store(email: string, value: StoredSecondFactor): void {
  const all = readAll()
  all[email.toLowerCase()] = value
  fs.mkdirSync(stateDirectory(), { recursive: true })
  fs.writeFileSync(file(), JSON.stringify(all, null, 2))
}

/**
 * The code the app shows, for a step the server has not seen yet: the current one, or the next (the
 * server allows one step of clock difference), or else after waiting for a new step.
 */
export async function nextCode(email: string, secret = storedSecondFactor(email)?.secret): Promise<string> {
  if (!secret) throw new Error(`No authenticator secret recorded for ${email}`)
  const known = storedSecondFactor(email)
  const last = known?.secret === secret ? known.lastStep : -1
  let current = Math.floor(Date.now() / 1000 / PERIOD)
  if (last > current) {
    await new Promise((resolve) => setTimeout(resolve, (last * PERIOD - Date.now() / 1000) * 1000 + 500))
    current = Math.floor(Date.now() / 1000 / PERIOD)
  }
  const step = Math.max(current, last + 1)
  store(email, { secret, lastStep: step, recoveryCodes: known?.secret === secret ? known.recoveryCodes : [] })
  return generate({ secret, epoch: step * PERIOD })
}

function keepRecoveryCodes(email: string, recoveryCodes: string[]): void {
  const known = storedSecondFactor(email)!
  store(email, { ...known, recoveryCodes })
}

/** On "Sæt totrinsbekræftelse op": add Indsats to the app from the typed-in key, confirm, keep the recovery codes. */
export async function enrolInBrowser(page: Page, email: string): Promise<string[]> {
  await expect(page.getByRole('heading', { level: 1, name: 'Sæt totrinsbekræftelse op' })).toBeVisible()
  const key = page.getByLabel('Nøgle til godkendelsesappen')
  await expect(key).toBeVisible()
  await scanOnce(page, 'the second-factor set-up page')
  const secret = ((await key.textContent()) ?? '').replace(/\s+/g, '')
  await page.getByLabel('Kode', { exact: true }).fill(await nextCode(email, secret))
  await page.getByRole('button', { name: 'Bekræft' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Gem dine gendannelseskoder' })).toBeVisible()
  await scanOnce(page, 'the recovery codes')
  const codes = await page.getByRole('list', { name: 'Gendannelseskoder' }).getByRole('listitem').allTextContents()
  keepRecoveryCodes(email, codes.map((c) => c.trim()))
  await page.getByRole('button', { name: 'Jeg har gemt koderne – fortsæt' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Gem dine gendannelseskoder' })).toHaveCount(0)
  return codes
}

/** On "Bekræft dit login": type the app's current code (or `code`). */
export async function answerInBrowser(page: Page, email: string, code?: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Bekræft dit login' })).toBeVisible()
  await scanOnce(page, 'the second-factor page')
  await page.getByLabel('Kode', { exact: true }).fill(code ?? (await nextCode(email)))
  await page.getByRole('button', { name: 'Bekræft' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Bekræft dit login' })).toHaveCount(0)
}

/** The same over the API, for helpers that sign in without a page (the session's cookie is `request`'s). */
export async function answerOverApi(request: APIRequestContext, baseURL: string, email: string, step: string): Promise<void> {
  const headers = { origin: baseURL }
  if (step === 'enrol') {
    const started = await request.post(`${baseURL}/api/session/second-factor/enrolment`, { headers })
    expect(started.status(), await started.text()).toBe(200)
    const { secret } = (await started.json()) as { secret: string }
    const confirmed = await request.post(`${baseURL}/api/session/second-factor/enrolment/confirm`, { headers, data: { code: await nextCode(email, secret) } })
    expect(confirmed.status(), await confirmed.text()).toBe(200)
    keepRecoveryCodes(email, ((await confirmed.json()) as { recoveryCodes: string[] }).recoveryCodes)
  } else if (step === 'verify') {
    const answered = await request.post(`${baseURL}/api/session/second-factor`, { headers, data: { code: await nextCode(email) } })
    expect(answered.status(), await answered.text()).toBe(200)
  }
}
