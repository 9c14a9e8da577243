import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures.ts'
import { logInAsAdmin } from './support/users.ts'

// WCAG 1.4.10 (reflow): at 320 CSS pixels wide, the pages work without scrolling sideways.
// Data tables may scroll inside their own box; the page itself may not.

test.use({ viewport: { width: 320, height: 720 } })

async function expectNoSidewaysScrolling(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, 'the page is wider than the screen').toBeLessThanOrEqual(0)
}

test('on a phone-sized screen the header, menu and pages fit the width', async ({ page, request, expectPage }) => {
  await page.goto('/log-ind')
  await expectPage(page, 'Log ind')
  await expectNoSidewaysScrolling(page)

  await logInAsAdmin(page, request)
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
  await expectNoSidewaysScrolling(page)
  // A user with long names and row buttons, so the users table is wider than the screen.
  const created = await page.request.post('/api/users', {
    headers: { origin: new URL(page.url()).origin },
    data: {
      email: `jens.langenavn.${Date.now().toString(36)}@jobcenter-soenderborg.example.dk`,
      name: 'Jens Christian Langenavn-Sørensen',
      role: 'jobcenter',
      organisation: 'Jobcenter Sønderborg, Afdeling Ung og Uddannelse',
      planIds: [],
    },
  })
  expect(created.status()).toBe(201)
  const header = page.getByRole('banner')
  await expect(header.getByRole('button', { name: 'Log ud' })).toBeVisible()
  await expect(header.getByText('Aktiv i fællesskabet, Sønderborg')).toBeVisible()
  const menu = page.getByRole('navigation', { name: 'Hovedmenu' })
  await expect(menu.getByRole('link', { name: 'Revisionsspor' })).toBeVisible()

  await menu.getByRole('link', { name: 'Brugere' }).click()
  await expectPage(page, 'Brugere')
  await expectNoSidewaysScrolling(page)

  await menu.getByRole('link', { name: 'Revisionsspor' }).click()
  await expectPage(page, 'Revisionsspor')
  await expectNoSidewaysScrolling(page)
  // The wide table scrolls in its own box, which the keyboard can reach.
  await expect(page.getByRole('region', { name: /Revisionsspor \(kan rulles vandret\)/ })).toHaveAttribute('tabindex', '0')

  await menu.getByRole('link', { name: 'Forside' }).click()
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
  await page.getByRole('main').getByRole('link', { name: 'Aktiv i fællesskabet' }).click()
  await expectPage(page, 'Aktiv i fællesskabet')
  await expectNoSidewaysScrolling(page)
})
