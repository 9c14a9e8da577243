import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

// A real OpenID provider (oidc-provider) on a free port of this machine, for the tests of sign-in
// through the organisation's identity provider (decision 032). Who signs in, and with which
// methods (amr), is set by the test before it walks the browser's redirects.

export interface ProviderPerson {
  email?: string
  emailVerified?: boolean
}

export interface NextSignIn {
  /** The provider's account id, which becomes the ID token's `sub`. */
  accountId: string
  amr?: string[]
  acr?: string
}

export interface TestIdentityProvider {
  issuer: string
  clientId: string
  clientSecret: string
  redirectUrl: string
  people: Map<string, ProviderPerson>
  /** The person the next sign-in at the provider is, with how they proved it. */
  signInAs(next: NextSignIn): void
  /** How many times a person has signed in on the provider's login screen (not let through by its session). */
  loginScreens(): number
  close(): Promise<void>
}

export interface ProviderOptions {
  /**
   * A login page a person fills in (for the browser journeys): the e-mail typed becomes the account,
   * vouched for, and a box says whether a second factor was used. Without it the test chooses who
   * signs in with signInAs().
   */
  loginForm?: boolean
}

export async function startIdentityProvider(redirectUrl: string, options: ProviderOptions = {}): Promise<TestIdentityProvider> {
  const people = new Map<string, ProviderPerson>()
  let next: NextSignIn | null = null
  const clientId = 'indsats'
  const clientSecret = 'test-client-secret-0123456789abcdef'
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // Indsats sends the browser back to its sign-in page after signing out here (decision 041).
  const postLogoutRedirectUrl = new URL('/log-ind', redirectUrl).href
  let signedInAtProvider = 0

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUrl],
        post_logout_redirect_uris: [postLogoutRedirectUrl],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    acrValues: ['urn:test:password', 'urn:test:substantial'],
    // amr and acr in every ID token, as identity providers that assert how a person signed in send them.
    claims: { openid: ['sub', 'acr', 'amr', 'auth_time'], email: ['email', 'email_verified'] },
    cookies: { keys: ['test-identity-provider-cookie-key'] },
    features: {
      devInteractions: { enabled: false },
      // Signing out at the provider (RP-initiated logout): the person confirms on the provider's own page.
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: { body: unknown }, form: string) => {
          ctx.body = LOGOUT_PAGE.replace('<!--form-->', form)
        },
      },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, id: string) => {
      const person = people.get(id) ?? (options.loginForm ? { email: id, emailVerified: true } : undefined)
      if (!person) return undefined
      return {
        accountId: id,
        claims: async () => ({ sub: id, ...(person.email ? { email: person.email } : {}), ...(person.emailVerified !== undefined ? { email_verified: person.emailVerified } : {}) }),
      }
    },
    // Every client is trusted for openid and email: no consent screen to walk.
    loadExistingGrant: async (ctx: { oidc: { client: { clientId: string }; session: { accountId: string } } }) => {
      const grant = new provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId })
      grant.addOIDCScope('openid email')
      await grant.save()
      return grant
    },
  })
  const handle = provider.callback()
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res)
    void (async () => {
      await provider.interactionDetails(req, res)
      if (options.loginForm && req.method === 'GET') {
        res.setHeader('content-type', 'text/html; charset=utf-8')
        res.end(LOGIN_PAGE)
        return
      }
      if (options.loginForm) {
        const form = new URLSearchParams(await bodyOf(req))
        next = { accountId: form.get('email') ?? '', amr: form.get('mfa') === 'ja' ? ['pwd', 'mfa'] : ['pwd'] }
      }
      // The login screen: the person the test (or the form) chose has signed in.
      if (!next) throw new Error('the test did not say who signs in at the provider')
      const { accountId, amr, acr } = next
      signedInAtProvider++
      await provider.interactionFinished(req, res, { login: { accountId, ...(amr ? { amr } : {}), ...(acr ? { acr } : {}) } }, { mergeWithLastSubmission: false })
    })().catch((error: unknown) => {
      res.statusCode = 500
      res.end(String(error))
    })
  })

  return {
    issuer,
    clientId,
    clientSecret,
    redirectUrl,
    people,
    signInAs: (value) => {
      next = value
    },
    loginScreens: () => signedInAtProvider,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}

/** The provider's own login page in the journeys: plain, but accessible like any page a user sees. */
const LOGIN_PAGE = `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><title>Kommunens login (test)</title></head>
<body>
<main>
<h1>Kommunens login (test)</h1>
<form method="post">
<p><label for="email">E-mail hos kommunen</label><br><input id="email" name="email" type="email" autocomplete="username" required></p>
<p><input id="mfa" name="mfa" type="checkbox" value="ja"> <label for="mfa">Jeg har bekræftet med totrinsbekræftelse</label></p>
<p><button type="submit">Log ind hos kommunen</button></p>
</form>
</main>
</body>
</html>`

/** The provider's page asking whether to sign out (its form, with the provider's xsrf token, goes in place of the comment). */
const LOGOUT_PAGE = `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><title>Log ud hos kommunen (test)</title></head>
<body>
<main>
<h1>Log ud hos kommunen (test)</h1>
<!--form-->
<p>Vil du også logge ud af kommunens login?</p>
<p><button type="submit" form="op.logoutForm" name="logout" value="yes">Log ud hos kommunen</button></p>
</main>
</body>
</html>`

function bodyOf(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

/** A browser's cookies for one site: what each answer set, sent back with the next request. */
export class CookieJar {
  private readonly cookies = new Map<string, string>()

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      const name = pair!.slice(0, at).trim()
      const value = pair!.slice(at + 1).trim()
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}
