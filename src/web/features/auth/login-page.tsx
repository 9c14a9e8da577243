import { Navigate, useLocation, useNavigate } from 'react-router'
import { IdentityProviderProblem, LoginRequest } from '../../../shared/auth.ts'
import { defaultMessages } from '../../../shared/errors.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { identityProviderStartUrl, logIn, readIdentityProvider } from './auth.api.ts'
import { afterSignInStep } from './sign-in-steps.ts'
import { useSession } from './session.tsx'

export interface LoginState {
  /** Where the user was going when they were sent here. */
  from?: string
}

const fieldIds = { email: 'email', password: 'password' } as const

export function LoginPage() {
  const { state, signedIn } = useSession()
  const navigate = useNavigate()
  const location = useLocation()
  const { from } = (location.state ?? {}) as LoginState
  const loggedOut = state.status === 'signed-out' && state.reason === 'logged-out'
  // Success leaves the page: stay busy until then, or the redirect below would run first.
  const form = useForm({ fieldIds, busyUntilGone: true })
  const { values, set, field } = useFormValues(form, { email: '', password: '' })
  const busy = form.busy
  const provider = useResource((signal) => readIdentityProvider(signal), [])
  // The identity provider's return sends a refusal here as ?fejl=<code> (decision 032).
  const providerProblem = IdentityProviderProblem.safeParse(new URLSearchParams(location.search).get('fejl'))

  if (state.status === 'signed-in' && !busy) {
    return <Navigate to={afterSignInStep(state.session, from)} replace state={{ from }} />
  }

  const submit = form.handle(
    () => checked(LoginRequest, values),
    async (body) => {
      try {
        const session = await logIn(body)
        signedIn(session)
        navigate(afterSignInStep(session, from), { replace: true, state: { from } })
      } catch (error) {
        set('password', '')
        throw error
      }
    },
  )

  return (
    <Page title="Log ind" lead={provider.data?.enabled ? 'Log ind med din organisations login eller med din e-mailadresse og adgangskode i Indsats.' : 'Log ind med din e-mailadresse og din adgangskode.'}>
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          {loggedOut && !form.failure && form.summary.length === 0 && <Alert variant="success" heading="Du er logget ud." />}
          {/* A new key per attempt: the alert is re-mounted and takes focus again, also when the message repeats. */}
          <FormProblems form={form} heading="Du blev ikke logget ind" />
          {providerProblem.success && !form.failure && form.summary.length === 0 && (
            <Alert variant="error" heading="Du blev ikke logget ind" focusOnMount>
              <p>{defaultMessages[providerProblem.data]}</p>
            </Alert>
          )}
          {provider.data?.enabled && (
            <div className="mt-5">
              <a className="button button-secondary" href={identityProviderStartUrl}>
                {provider.data.displayName}
              </a>
              <p className="mt-5">Eller med e-mail og adgangskode:</p>
            </div>
          )}
          <form onSubmit={submit} noValidate className="mt-5">
            <TextField
              {...field('email')}
              label="E-mail"
              type="email"
              autoComplete="username"
              spellCheck={false}
            />
            <TextField
              {...field('password')}
              label="Adgangskode"
              hint="Har du fået en engangskode, så skriv den her. Du vælger derefter din egen adgangskode."
              type="password"
              autoComplete="current-password"
            />
            <button type="submit" className="button button-primary mt-6" disabled={busy}>
              {busy ? 'Logger ind …' : 'Log ind'}
            </button>
          </form>
        </div>
      </div>
    </Page>
  )
}
