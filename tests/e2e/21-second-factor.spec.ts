import { generate } from 'otplib'
import { expect, test } from './support/fixtures.ts'
import { nextCode } from './support/second-factor.ts'
import { choosePassword, createPlanUser, logInAsAdmin } from './support/users.ts'

// Journey: a project leader's first sign-in sets up an authenticator app (decision 027): the QR code
// and the key to type in, a wrong code refused, the right one accepted, the recovery codes shown
// once. Then the leader signs out and in again with password and code, and once with a recovery
// code, as after losing the phone. The codes are computed from the key the page shows, as the app would.

const leader = { name: 'Sofie Lund', email: 'sofie.lund@varde.dk', password: 'en lang sætning om at tage toget til Varde' }

test('a project leader sets up an authenticator app, then signs in with password and code, and once with a recovery code', async ({ page, request, expectPage, axe, openBrowser }) => {
  test.setTimeout(180_000)
  let oneTimePassword = ''

  await test.step('the administrator gives the project leader access to Varde', async () => {
    await page.goto('/log-ind')
    await expectPage(page, 'Log ind')
    await logInAsAdmin(page, request)
    await expectPage(page, { title: 'Forside', heading: 'Velkommen, Administrator' })
    const plans = (await (await page.request.get('/api/plans')).json()) as { plans: { id: string; municipality: string }[] }
    const planId = plans.plans.find((plan) => plan.municipality === 'Varde')!.id
    oneTimePassword = await createPlanUser(page, leader, 'projektleder', planId)
  })

  const browser = await openBrowser()
  const signIn = async (password: string) => {
    await browser.getByLabel('E-mail').fill(leader.email)
    await browser.getByLabel('Adgangskode', { exact: true }).fill(password)
    await browser.getByRole('button', { name: 'Log ind' }).click()
  }

  await test.step('after the one-time password the leader must set up an app before anything else', async () => {
    await browser.goto('/log-ind')
    await expectPage(browser, 'Log ind')
    await signIn(oneTimePassword)
    await expectPage(browser, 'Sæt totrinsbekræftelse op')
    await expect(browser.getByRole('img', { name: 'QR-kode, der tilføjer Indsats i godkendelsesappen' })).toBeVisible()
    await expect(browser.getByRole('navigation', { name: 'Hovedmenu' })).toHaveCount(0)
    await browser.goto('/brugere')
    await expectPage(browser, 'Sæt totrinsbekræftelse op')
  })

  let recoveryCodes: string[] = []
  await test.step('a wrong code is refused in Danish; the code the app computes from the key is accepted', async () => {
    const secret = ((await browser.getByLabel('Nøgle til godkendelsesappen').textContent()) ?? '').replace(/\s+/g, '')
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
    const right = await generate({ secret })
    await browser.getByLabel('Kode', { exact: true }).fill(right === '123456' ? '654321' : '123456')
    await browser.getByRole('button', { name: 'Bekræft' }).click()
    await expect(browser.getByText('Koden er forkert eller udløbet.').first()).toBeVisible()
    await axe(browser, 'the set-up page with a wrong code')

    await browser.getByLabel('Kode', { exact: true }).fill(await nextCode(leader.email, secret))
    await browser.getByRole('button', { name: 'Bekræft' }).click()
    await expectPage(browser, 'Gem dine gendannelseskoder')
    recoveryCodes = (await browser.getByRole('list', { name: 'Gendannelseskoder' }).getByRole('listitem').allTextContents()).map((c) => c.trim())
    expect(recoveryCodes).toHaveLength(10)
    await browser.getByRole('button', { name: 'Jeg har gemt koderne – fortsæt' }).click()
  })

  await test.step('then the one-time password is replaced, and the front page opens', async () => {
    await expectPage(browser, 'Skift adgangskode')
    await choosePassword(browser, oneTimePassword, leader.password)
    await expectPage(browser, { title: 'Forside', heading: `Velkommen, ${leader.name}` })
    await browser.getByRole('banner').getByRole('button', { name: 'Log ud' }).click()
    await expectPage(browser, 'Log ind')
  })

  await test.step('signing in again asks for the code after the password', async () => {
    await signIn(leader.password)
    await expectPage(browser, 'Bekræft dit login')
    await expect(browser.getByRole('navigation', { name: 'Hovedmenu' })).toHaveCount(0)
    await browser.getByLabel('Kode').fill('000000')
    await browser.getByRole('button', { name: 'Bekræft' }).click()
    await expect(browser.getByText('Koden er forkert eller udløbet.').first()).toBeVisible()
    await axe(browser, 'the code page with a wrong code')
    await browser.getByLabel('Kode').fill(await nextCode(leader.email))
    await browser.getByRole('button', { name: 'Bekræft' }).click()
    await expectPage(browser, { title: 'Forside', heading: `Velkommen, ${leader.name}` })
    await browser.getByRole('banner').getByRole('button', { name: 'Log ud' }).click()
    await expectPage(browser, 'Log ind')
  })

  await test.step('without the phone, a recovery code lets the leader in once', async () => {
    const code = recoveryCodes[0]!
    await signIn(leader.password)
    await expectPage(browser, 'Bekræft dit login')
    await browser.getByLabel('Kode').fill(code.toUpperCase())
    await browser.getByRole('button', { name: 'Bekræft' }).click()
    await expectPage(browser, { title: 'Forside', heading: `Velkommen, ${leader.name}` })
    await browser.getByRole('banner').getByRole('button', { name: 'Log ud' }).click()
    await expectPage(browser, 'Log ind')

    await signIn(leader.password)
    await expectPage(browser, 'Bekræft dit login')
    await browser.getByLabel('Kode').fill(code)
    await browser.getByRole('button', { name: 'Bekræft' }).click()
    await expect(browser.getByText('Koden er forkert eller udløbet.').first()).toBeVisible()
  })
})
