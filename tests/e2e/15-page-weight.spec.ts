import type { Page, Response } from '@playwright/test'
import { expect, test } from './support/fixtures.ts'
import { logInAsAdmin } from './support/users.ts'

// Journey: what a browser downloads to show the login page and then the first page after login,
// on an empty cache. Records the compressed bytes of each (attached to the report as
// page-weight.json) and checks the shape that keeps them small: every page is its own chunk,
// fetched only when visited; scripts and styles arrive compressed; hashed assets may be cached for
// a year and the page itself is asked for again each time; fonts are .woff2.

interface Download {
  path: string
  type: string
  bytes: number
  encoding: string | null
  cacheControl: string | null
}

/** Every response the page receives from now on, with its size on the wire. */
function recordDownloads(page: Page): { downloads: Download[]; settle: () => Promise<void> } {
  const pending: Promise<void>[] = []
  const downloads: Download[] = []
  page.on('response', (response: Response) => {
    pending.push(
      (async () => {
        const url = new URL(response.url())
        const headers = await response.allHeaders()
        const sizes = await response.request().sizes()
        downloads.push({
          path: url.pathname,
          type: response.request().resourceType(),
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          encoding: headers['content-encoding'] ?? null,
          cacheControl: headers['cache-control'] ?? null,
        })
      })(),
    )
  })
  return { downloads, settle: async () => void (await Promise.all(pending)) }
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10
const total = (list: Download[], type?: string) => list.filter((d) => !type || d.type === type).reduce((sum, d) => sum + d.bytes, 0)
const chunk = (list: Download[], name: string) => list.some((d) => new RegExp(`^/assets/${name}-[\\w-]+\\.js$`).test(d.path))

test('the login page and the first page download only their own code, compressed and cacheable', async ({ page, request, expectPage }, testInfo) => {
  const login = recordDownloads(page)
  await page.goto('/log-ind')
  await expectPage(page, 'Log ind')
  await page.waitForLoadState('networkidle')
  await login.settle()
  const loginDownloads = [...login.downloads]

  await test.step('the login page brings its own chunk and not the pages behind the login', () => {
    expect(chunk(loginDownloads, 'login-page'), 'the login page is its own chunk').toBe(true)
    expect(chunk(loginDownloads, 'home-page'), 'the front page is not fetched before login').toBe(false)
    expect(chunk(loginDownloads, 'plan-page'), "a plan's page is not fetched before it is visited").toBe(false)
  })

  login.downloads.length = 0
  await logInAsAdmin(page, request)
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
  await page.waitForLoadState('networkidle')
  await login.settle()
  const firstPageDownloads = [...login.downloads]

  await test.step('the first page after login fetches its own chunk, and still not the others', () => {
    expect(chunk(firstPageDownloads, 'home-page'), 'the front page is its own chunk').toBe(true)
    expect(chunk([...loginDownloads, ...firstPageDownloads], 'plan-page')).toBe(false)
    expect(chunk([...loginDownloads, ...firstPageDownloads], 'users-page')).toBe(false)
  })

  const all = [...loginDownloads, ...firstPageDownloads]
  const assets = all.filter((d) => d.path.startsWith('/assets/'))

  await test.step('scripts, styles and the page arrive compressed', () => {
    const text = all.filter((d) => d.type === 'script' || d.type === 'stylesheet' || d.type === 'document')
    expect(text.length).toBeGreaterThan(2)
    for (const d of text) expect(`${d.path}: ${d.encoding ?? 'not compressed'}`).toMatch(/: (br|gzip)$/)
  })

  await test.step('hashed assets are cached for a year, unchanged; the page itself is asked for each time', () => {
    expect(assets.length).toBeGreaterThan(2)
    for (const d of assets) expect(d.cacheControl, d.path).toBe('public, max-age=31536000, immutable')
    const documents = all.filter((d) => d.type === 'document')
    expect(documents.length).toBeGreaterThan(0)
    for (const d of documents) expect(d.cacheControl, d.path).toBe('no-cache')
  })

  await test.step('fonts are .woff2', () => {
    const fonts = all.filter((d) => d.type === 'font')
    for (const d of fonts) expect(d.path, d.path).toMatch(/\.woff2$/)
  })

  await test.step('a visit to a plan fetches that page as a chunk of its own', async () => {
    const plan = recordDownloads(page)
    await page.getByRole('link', { name: 'Aktiv i fællesskabet' }).click()
    await expectPage(page, 'Aktiv i fællesskabet')
    await page.waitForLoadState('networkidle')
    await plan.settle()
    expect(chunk(plan.downloads, 'plan-page'), "the plan's page is its own chunk").toBe(true)
  })

  const weight = {
    loginPage: { totalKiB: kib(total(loginDownloads)), scriptKiB: kib(total(loginDownloads, 'script')), styleKiB: kib(total(loginDownloads, 'stylesheet')), fontKiB: kib(total(loginDownloads, 'font')) },
    firstPageAfterLogin: { totalKiB: kib(total(firstPageDownloads)), scriptKiB: kib(total(firstPageDownloads, 'script')) },
    loginAndFirstPage: { totalKiB: kib(total(all)), scriptKiB: kib(total(all, 'script')) },
    files: all.map((d) => ({ path: d.path, kib: kib(d.bytes), encoding: d.encoding })),
  }
  await testInfo.attach('page-weight.json', { body: JSON.stringify(weight, null, 2), contentType: 'application/json' })
  console.log(`page weight (compressed): login ${weight.loginPage.totalKiB} KiB (scripts ${weight.loginPage.scriptKiB}), first page after login +${weight.firstPageAfterLogin.totalKiB} KiB; scripts for both ${weight.loginAndFirstPage.scriptKiB} KiB`)
})
