import { expect, test } from './support/fixtures.ts'
import { readServerInfo } from './support/server-info.ts'
import { adminCredentials, logIn, logInAsAdmin } from './support/users.ts'

// Journey (c): addresses that do not exist, logging out, and sessions that end.

test('an address that does not exist shows the Danish 404 page with a way back', async ({ page, expectPage }) => {
  await page.goto('/planer-og-andet-der-ikke-findes')
  await expectPage(page, 'Siden findes ikke')
  await expect(page.getByRole('link', { name: 'Gå til forsiden' })).toBeVisible()
})

test('a signed-in user also gets the 404 page, with the header still there', async ({ page, request, expectPage }) => {
  await logInAsAdmin(page, request)
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
  await page.goto('/planer/00000000-0000-4000-8000-000000000000')
  await expectPage(page, 'Siden findes ikke')
  await expect(page.getByRole('banner')).toContainText('Administrator')
  await page.getByRole('link', { name: 'Gå til forsiden' }).click()
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
})

test('after logging out, a page leads to the login page, and logging in returns to that page', async ({ page, request, expectPage }) => {
  const admin = await adminCredentials(request)
  await logIn(page, admin.email, admin.password)
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })

  await page.getByRole('banner').getByRole('button', { name: 'Log ud' }).click()
  await expectPage(page, 'Log ind')
  await expect(page.getByText('Du er logget ud.')).toBeVisible()
  await expect(page.getByRole('banner')).not.toContainText('Administrator')

  await page.goto('/brugere')
  await expect(page).toHaveURL(/\/log-ind$/)
  await expectPage(page, 'Log ind')
  await logIn(page, admin.email, admin.password)
  await expect(page).toHaveURL(/\/brugere$/)
  await expectPage(page, 'Brugere')
})

test('a session cookie the server no longer knows leads to "Din session er udløbet"', async ({ page, context, expectPage }) => {
  await context.addCookies([{ name: 'indsats_session', value: 'en-session-der-ikke-findes', url: readServerInfo().baseURL }])
  await page.goto('/')
  await expect(page).toHaveURL(/\/session-udloebet$/)
  await expectPage(page, 'Din session er udløbet')
  await page.getByRole('link', { name: 'Log ind igen' }).click()
  await expectPage(page, 'Log ind')
})

test('a session that ends while the user is working leads to "Din session er udløbet" on the next click', async ({
  page,
  context,
  request,
  expectPage,
}) => {
  await logInAsAdmin(page, request)
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
  // The server forgets the session (it timed out, or an administrator ended it).
  await context.clearCookies()
  await context.addCookies([{ name: 'indsats_session', value: 'udloebet', url: readServerInfo().baseURL }])
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Brugere' }).click()
  await expect(page).toHaveURL(/\/session-udloebet$/)
  await expectPage(page, 'Din session er udløbet')
  await expect(page.getByRole('navigation', { name: 'Hovedmenu' })).toHaveCount(0)
})

test('when the server cannot be reached, the user gets the Danish error page with a way to try again', async ({ page, expectPage }) => {
  // The network drops every API call; the page itself still loads.
  await page.route('**/api/**', (route) => route.abort('connectionrefused'))
  await page.goto('/')
  await expectPage(page, 'Der skete en fejl')
  await expect(page.getByText('Indsats kan ikke nås lige nu. Tjek din forbindelse, og prøv igen.')).toBeVisible()

  await page.unroute('**/api/**')
  await page.getByRole('button', { name: 'Genindlæs siden' }).click()
  await expectPage(page, 'Log ind')
})
