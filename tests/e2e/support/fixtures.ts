import fs from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type BrowserContext, type Page, test as base, expect } from '@playwright/test'
import { readServerInfo } from './server-info.ts'

// Every journey imports `test` from here. Besides failing on script errors and content-security-
// policy violations in any page, it makes two promises about accessibility:
//   1. expectPage() checks a page's title and heading and runs axe on it, and
//   2. when the test ends, any page a user stayed on (longer than a redirect, and long enough for
//      it to show its heading) that was never scanned fails the test, and the page the test ended
//      on is scanned if it was not already.
// So a journey cannot visit a page without an axe scan, even if its author forgets to ask.

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** A visit shorter than this is a redirect the user never saw (e.g. "/" → "/log-ind"). */
const REDIRECT_MS = 1500

/** Set to a folder to keep a screenshot of every page expectPage() and axe() see. */
const SHOTS_DIR = process.env.E2E_SCREENSHOTS

interface Visit {
  path: string
  at: number
}

/** Each watched page's watch, so helpers without the fixture (logIn) can ask for a scan. */
const watchOf = new WeakMap<Page, AccessibilityWatch>()

/**
 * Scans the page where it is now unless this path was scanned already. For shared helpers that
 * make the user work on a page (the login form): a page typed into is a page seen, however fast
 * the machine, so it is scanned rather than left to the redirect allowance.
 */
export async function scanOnce(page: Page, what: string): Promise<void> {
  const watch = watchOf.get(page)
  if (watch && !watch.scannedHere(page)) await watch.scan(page, what)
}

class AccessibilityWatch {
  private pages = new Map<Page, { visits: Visit[]; scanned: Set<string>; headed: Set<string> }>()
  private contexts: BrowserContext[] = []
  /** Uncaught script errors and blocked resources: things a user would see as a broken page. */
  readonly pageProblems: string[] = []

  /** Contexts to close once their pages have had their final scan. */
  closeLater(context: BrowserContext): void {
    this.contexts.push(context)
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close()
  }

  async watch(page: Page): Promise<void> {
    const record = { visits: [] as Visit[], scanned: new Set<string>(), headed: new Set<string>() }
    this.pages.set(page, record)
    watchOf.set(page, this)
    // Which paths ever showed a page heading. A path that never did (a spinner while "/" finds out
    // where to send the user) was a redirect however slow the machine was; one that did was seen.
    await page.exposeBinding('__a11yHeaded', (_source, path: string) => void record.headed.add(path))
    await page.addInitScript(() => {
      let last = ''
      const report = () => {
        if (!document.querySelector('h1')) return
        const path = location.pathname
        if (path === last) return
        last = path
        ;(window as unknown as { __a11yHeaded: (path: string) => void }).__a11yHeaded(path)
      }
      new MutationObserver(report).observe(document, { subtree: true, childList: true })
    })
    page.on('pageerror', (error) => this.pageProblems.push(`uncaught error on ${page.url()}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().startsWith('Refused to')) this.pageProblems.push(`${page.url()}: ${message.text()}`)
    })
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return
      const url = frame.url()
      if (!url.startsWith('http')) return
      record.visits.push({ path: new URL(url).pathname, at: Date.now() })
    })
  }

  scannedHere(page: Page): boolean {
    return this.pages.get(page)?.scanned.has(new URL(page.url()).pathname) ?? false
  }

  async scan(page: Page, what = 'page'): Promise<void> {
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
    const problems = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
    )
    expect(problems, `axe found WCAG 2.1 AA violations on ${what} ${page.url()}`).toEqual([])
    this.pages.get(page)?.scanned.add(new URL(page.url()).pathname)
  }

  /** Scans each watched page where it ended, then lists pages that were visited but never scanned. */
  async finish(): Promise<string[]> {
    const missed: string[] = []
    for (const [page, record] of this.pages) {
      if (!page.isClosed() && page.url().startsWith('http')) {
        const here = new URL(page.url()).pathname
        if (!record.scanned.has(here)) await this.scan(page, 'the final page')
      }
      record.visits.forEach((visit, i) => {
        const next = record.visits[i + 1]
        const stayed = next ? next.at - visit.at : Number.POSITIVE_INFINITY
        if (stayed >= REDIRECT_MS && record.headed.has(visit.path) && !record.scanned.has(visit.path)) missed.push(visit.path)
      })
    }
    return [...new Set(missed)]
  }
}

export interface PageExpectation {
  /** The page's own title; the tab reads "<title> – Indsats". */
  title: string
  /** The <h1>; defaults to the title. */
  heading?: string | RegExp
}

/** The fixture's page check, for helpers that take it. */
export type ExpectPage = (page: Page, expected: string | PageExpectation) => Promise<void>

interface Fixtures {
  a11y: AccessibilityWatch
  /** Asserts the page a user now sees (title, one h1, nothing still loading) and scans it with axe. */
  expectPage: (page: Page, expected: string | PageExpectation) => Promise<void>
  /** Scans the page in its current state (an error summary, an open dialog) with axe. */
  axe: (page: Page, what?: string) => Promise<void>
  /** A second browser, for another user signed in at the same time. Watched like `page`. */
  openBrowser: () => Promise<Page>
}

export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => {
    await use(readServerInfo().baseURL)
  },

  a11y: [
    async ({ page }, use, testInfo) => {
      const watch = new AccessibilityWatch()
      await watch.watch(page)
      await use(watch)
      try {
        // Only judge a test that otherwise passed: a failed one already says what went wrong.
        if (testInfo.status !== testInfo.expectedStatus) return
        const missed = await watch.finish()
        expect(watch.pageProblems, 'script errors or content-security-policy violations').toEqual([])
        expect(missed, 'pages were visited without an axe scan: use expectPage() or axe()').toEqual([])
      } finally {
        await watch.close()
      }
    },
    { auto: true },
  ],

  expectPage: async ({ a11y }, use) => {
    await use(async (page, expected) => {
      const { title, heading = title } = typeof expected === 'string' ? { title: expected } : expected
      await expect(page).toHaveTitle(`${title} – Indsats`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading)
      await expect(page.locator('.spinner-wrapper')).toHaveCount(0)
      await a11y.scan(page)
      if (SHOTS_DIR) await screenshot(page, title)
    })
  },

  axe: async ({ a11y }, use) => {
    await use(async (page, what) => {
      await a11y.scan(page, what)
      if (SHOTS_DIR && what) await screenshot(page, what)
    })
  },

  openBrowser: async ({ browser, a11y, baseURL }, use) => {
    await use(async () => {
      const context = await browser.newContext({ baseURL, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' })
      // The a11y fixture closes it, after the final scan of its page.
      a11y.closeLater(context)
      const page = await context.newPage()
      await a11y.watch(page)
      return page
    })
  },
})

const shotNames = new Map<string, number>()

async function screenshot(page: Page, title: string): Promise<void> {
  const base = title
    .toLowerCase()
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'oe')
    .replace(/[å]/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  const n = (shotNames.get(base) ?? 0) + 1
  shotNames.set(base, n)
  fs.mkdirSync(SHOTS_DIR!, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS_DIR!, `${base}${n > 1 ? `-${n}` : ''}.png`), fullPage: true })
}

export { expect }
