import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures.ts'
import { nextCode } from './support/second-factor.ts'
import { adminCredentials } from './support/users.ts'

// Journey (d): everything on the login page is reachable, visible and usable without a mouse.

async function tabTo(page: Page, name: RegExp, maxPresses = 15): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      const label = el && 'labels' in el ? (el as HTMLInputElement).labels?.[0]?.textContent : null
      return `${label ?? el?.textContent ?? ''}`.trim()
    })
    if (name.test(focused)) return
  }
  throw new Error(`${name} was not reached with ${maxPresses} presses of Tab`)
}

async function outlineOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!)
    return `${style.outlineStyle} ${style.outlineWidth}`
  })
}

test('the login form can be filled in and sent with Tab and Enter alone, with visible focus', async ({ page, request, expectPage }) => {
  const admin = await adminCredentials(request)
  await page.goto('/log-ind')
  await expectPage(page, 'Log ind')

  // The first Tab reveals the skip link, and Enter on it moves focus to the content.
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Gå til indhold' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()

  await tabTo(page, /^E-mail$/)
  await expect(page.getByLabel('E-mail')).toBeFocused()
  expect(await outlineOf(page)).not.toMatch(/^none|0px$/)
  await page.keyboard.type(admin.email)

  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Adgangskode', { exact: true })).toBeFocused()
  expect(await outlineOf(page)).not.toMatch(/^none|0px$/)
  await page.keyboard.type(admin.password)

  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Log ind' })).toBeFocused()
  expect(await outlineOf(page)).not.toMatch(/^none|0px$/)

  await page.keyboard.press('Enter')
  // The second factor, by keyboard too: Tab to the code, type it, Enter.
  await expectPage(page, 'Bekræft dit login')
  await tabTo(page, /^Kode$/)
  await expect(page.getByLabel('Kode', { exact: true })).toBeFocused()
  expect(await outlineOf(page)).not.toMatch(/^none|0px$/)
  await page.keyboard.type(await nextCode(admin.email))
  await page.keyboard.press('Enter')
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused()
})
