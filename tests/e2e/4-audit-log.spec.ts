import { expect, test } from './support/fixtures.ts'
import { readServerInfo } from './support/server-info.ts'
import { logInAsAdmin } from './support/users.ts'

test('the audit log shows 50 entries at a time, and "Vis ældre" adds the older ones below', async ({ page, request, expectPage }) => {
  // The login page is scanned too: on a busy machine the form stays up long enough to count as a visit.
  await page.goto('/log-ind')
  await expectPage(page, 'Log ind')
  await logInAsAdmin(page, request)
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })

  // Enough history for three pages or more: every read of the staff list is logged.
  const { baseURL } = readServerInfo()
  const plans = (await (await page.request.get(`${baseURL}/api/plans`)).json()) as { plans: { id: string }[] }
  for (let i = 0; i < 110; i++) {
    const response = await page.request.get(`${baseURL}/api/plans/${plans.plans[0]!.id}/members`)
    expect(response.ok()).toBe(true)
  }

  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Revisionsspor' }).click()
  await expectPage(page, 'Revisionsspor')
  const rows = page.getByRole('table').locator('tbody tr')
  await expect(rows).toHaveCount(50)
  await expect(page.getByText('Viser 50 hændelser.')).toBeVisible()
  // The log names what was read, with the plan's name rather than its id.
  await expect(rows.filter({ hasText: 'Medarbejdere på en plan: Aktiv i fællesskabet' }).first()).toContainText('Læste')

  const older = page.getByRole('button', { name: 'Vis ældre' })
  await older.click()
  await expect(rows).toHaveCount(100)
  await expect(page.getByText('50 ældre hændelser er tilføjet nederst.')).toBeVisible()
  await expect(older).toBeFocused()

  // Down to the very beginning: the system creating the two seed plans.
  for (let i = 0; i < 20 && (await older.count()) > 0; i++) {
    const before = await rows.count()
    await older.click()
    await expect.poll(() => rows.count()).toBeGreaterThan(before)
  }
  await expect(older).toHaveCount(0)
  await expect(page.getByText(/Der er ikke flere\./)).toBeFocused()
  await expect(rows.last()).toContainText('Systemet')
  await expect(rows.last()).toContainText('Oprettede')
  await expect(rows.last()).toContainText('Helhedsplan: Aktiv i fællesskabet')
})
