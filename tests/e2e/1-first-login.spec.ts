import { expect, test } from './support/fixtures.ts'
import { ADMIN_PASSWORD, markAdminPasswordChanged, readServerInfo } from './support/server-info.ts'
import { adminCredentials, choosePassword, logIn } from './support/users.ts'

// Journey (a): the very first start. Must run before the other journeys (file order), since it
// uses the administrator's one-time password.

test('the first administrator logs in with the one-time password, must choose a new one, and then sees both plans', async ({
  page,
  expectPage,
  axe,
}) => {
  const server = readServerInfo()

  await test.step('the front page sends a visitor to a Danish login page', async () => {
    await page.goto('/')
    await expect(page).toHaveURL(/\/log-ind$/)
    await expectPage(page, 'Log ind')
    await expect(page.locator('html')).toHaveAttribute('lang', 'da')
    await expect(page.getByRole('link', { name: 'Gå til indhold' })).toBeAttached()
    await expect(page.getByRole('navigation', { name: 'Hovedmenu' })).toHaveCount(0)
  })

  await test.step('an empty form is answered with Danish messages, in a summary and at each field', async () => {
    await page.getByRole('button', { name: 'Log ind' }).click()
    const summary = page.locator('.error-summary')
    await expect(summary.getByRole('heading', { name: 'Der er problemer med formularen' })).toBeVisible()
    await expect(summary).toBeFocused()
    await expect(summary.getByRole('link', { name: 'Skriv en gyldig e-mailadresse.' })).toBeVisible()
    await expect(summary.getByRole('link', { name: 'Skriv din adgangskode.' })).toBeVisible()
    await expect(page.getByLabel('E-mail')).toHaveAccessibleDescription(/Skriv en gyldig e-mailadresse\./)
    await axe(page, 'the login form with errors')
    await summary.getByRole('link', { name: 'Skriv din adgangskode.' }).click()
    await expect(page.getByLabel('Adgangskode', { exact: true })).toBeFocused()
  })

  await test.step('a wrong password gets the server’s Danish message', async () => {
    await logIn(page, server.adminEmail, 'ikke den rigtige kode')
    const alert = page.locator('.alert-error', { hasText: 'Du blev ikke logget ind' })
    await expect(alert).toContainText('Forkert e-mail eller adgangskode.')
    await expect(alert).toBeFocused()
    await expect(page.getByLabel('Adgangskode', { exact: true })).toHaveValue('')
    await axe(page, 'the login page after a failed attempt')
  })

  await test.step('the one-time password leads straight to "Skift adgangskode", and nowhere else', async () => {
    await logIn(page, server.adminEmail, server.adminOneTimePassword)
    await expect(page).toHaveURL(/\/skift-adgangskode$/)
    await expectPage(page, 'Skift adgangskode')
    await expect(page.getByText('Du er logget ind med en engangskode.')).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Hovedmenu' })).toHaveCount(0)
    await page.goto('/brugere')
    await expect(page).toHaveURL(/\/skift-adgangskode$/)
  })

  await test.step('a too short or mistyped new password is refused in Danish', async () => {
    await choosePassword(page, server.adminOneTimePassword, 'kort')
    await expect(page.locator('.error-summary')).toContainText('Adgangskoden skal have mindst 12 tegn.')
    await page.getByLabel('Ny adgangskode', { exact: true }).fill(ADMIN_PASSWORD)
    await page.getByLabel('Gentag ny adgangskode').fill(`${ADMIN_PASSWORD}!`)
    await page.getByRole('button', { name: 'Skift adgangskode' }).click()
    await expect(page.locator('.error-summary')).toContainText('De to nye adgangskoder er ikke ens.')
    await axe(page, 'the change-password form with errors')
  })

  await test.step('with a good new password the administrator reaches the front page and both plans', async () => {
    await choosePassword(page, server.adminOneTimePassword, ADMIN_PASSWORD)
    markAdminPasswordChanged()
    await expect(page).toHaveURL(/\/$/)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    await expect(page.getByText('Din adgangskode er skiftet.')).toBeVisible()

    const header = page.getByRole('banner')
    await expect(header).toContainText('Administrator')
    await expect(header.getByRole('button', { name: 'Log ud' })).toBeVisible()
    await expect(header).toContainText('Aktiv i fællesskabet, Sønderborg')
    await expect(header).toContainText('Den boligsociale indsats i Isbjergparken og Lerpøtparken, Varde')

    const menu = page.getByRole('navigation', { name: 'Hovedmenu' })
    await expect(menu.getByRole('link')).toHaveText(['Forside', 'Opfølgning', 'Unge', 'Virksomheder', 'Tid og løfter', 'Møder', 'Brugere', 'Revisionsspor', 'Referencedata'])
    await expect(menu.getByRole('link', { name: 'Forside' })).toHaveAttribute('aria-current', 'page')

    const plans = page.getByRole('main').getByRole('listitem')
    await expect(plans).toHaveCount(2)
    await expect(plans.filter({ hasText: 'Sønderborg Kommune' }).getByRole('link')).toHaveText('Aktiv i fællesskabet')
    await expect(plans.filter({ hasText: 'Varde Kommune' }).getByRole('link')).toHaveText(
      'Den boligsociale indsats i Isbjergparken og Lerpøtparken',
    )
  })

  await test.step('a plan page shows the plan and its staff', async () => {
    await page.getByRole('link', { name: 'Aktiv i fællesskabet' }).click()
    await expectPage(page, 'Aktiv i fællesskabet')
    await expect(page.getByText('Boligsocial helhedsplan i Sønderborg Kommune')).toBeVisible()
    const row = page.getByRole('table').getByRole('row', { name: /Administrator/ })
    await expect(row).toContainText('admin@indsats.local')
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused()
  })

  await test.step('the audit log lists what just happened, newest first, in Danish', async () => {
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Revisionsspor' }).click()
    await expectPage(page, 'Revisionsspor')
    const rows = page.getByRole('table').getByRole('row')
    await expect(rows.nth(1)).toContainText('Administrator')
    await expect(page.getByRole('table')).toContainText('Mislykket login')
    await expect(page.getByRole('table')).toContainText('Loggede ind')
    // Times are Danish: "23. nov. 2026, 15.44.38".
    await expect(rows.nth(1).locator('time')).toHaveText(/^\d{1,2}\. [a-zæøå]+\.? \d{4}, \d{2}\.\d{2}\.\d{2}$/)
  })
})

test('a signed-in user can change their own password from the header; a wrong current password is refused', async ({
  page,
  request,
  expectPage,
  axe,
}) => {
  const admin = await adminCredentials(request)
  await logIn(page, admin.email, admin.password)
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })

  await page.getByRole('banner').getByRole('link', { name: 'Skift adgangskode' }).click()
  await expectPage(page, 'Skift adgangskode')
  await expect(page.getByLabel('Nuværende adgangskode')).toBeVisible()
  // Not forced this time: the menu stays.
  await expect(page.getByRole('navigation', { name: 'Hovedmenu' })).toBeVisible()

  await choosePassword(page, 'ikke min adgangskode', 'en helt ny og lang adgangskode')
  // The summary names the field; at the field, under its label, the message does not repeat it.
  await expect(page.locator('.error-summary').getByRole('link', { name: 'Den nuværende adgangskode er forkert.' })).toBeVisible()
  await expect(page.getByLabel('Nuværende adgangskode')).toHaveAccessibleDescription(/^Fejl: Er forkert\.$/)
  await expect(page.locator('.error-summary')).toBeFocused()
  await axe(page, 'the change-password form refused by the server')

  // Change it and back again, so the other journeys keep the password they know.
  await choosePassword(page, admin.password, 'en helt ny og lang adgangskode')
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
  await expect(page.getByText('Din adgangskode er skiftet.')).toBeVisible()
  await page.getByRole('banner').getByRole('link', { name: 'Skift adgangskode' }).click()
  await expectPage(page, 'Skift adgangskode')
  await choosePassword(page, 'en helt ny og lang adgangskode', admin.password)
  await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
})
