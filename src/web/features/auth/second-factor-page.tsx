import { useLocation, useNavigate } from 'react-router'
import { SecondFactorCode } from '../../../shared/second-factor.ts'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { giveSecondFactor } from './auth.api.ts'
import type { LoginState } from './login-page.tsx'
import { useSession } from './session.tsx'
import { afterSignInStep } from './sign-in-steps.ts'

const fieldIds = { code: 'code' } as const

/** The second step of signing in (decision 027): the code from the app, or a recovery code. */
export function SecondFactorPage() {
  const { signedIn } = useSession()
  const navigate = useNavigate()
  const { from } = (useLocation().state ?? {}) as LoginState
  const form = useForm({ fieldIds, busyUntilGone: true })
  const { values, set, field } = useFormValues(form, { code: '' })

  const submit = form.handle(
    () => checked(SecondFactorCode, values),
    async (body) => {
      try {
        const session = await giveSecondFactor(body)
        signedIn(session)
        navigate(afterSignInStep(session, from), { replace: true })
      } catch (error) {
        set('code', '')
        throw error
      }
    },
  )

  return (
    <Page title="Bekræft dit login" lead="Skriv koden, som din godkendelsesapp viser for Indsats.">
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <FormProblems form={form} heading="Du blev ikke logget ind" />
          <form onSubmit={submit} noValidate className="mt-5">
            <TextField
              {...field('code')}
              label="Kode"
              hint="Seks cifre fra godkendelsesappen. Har du mistet din telefon, så skriv en af dine gendannelseskoder."
              autoComplete="one-time-code"
              spellCheck={false}
              width="input-width-s"
            />
            <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
              {form.busy ? 'Bekræfter …' : 'Bekræft'}
            </button>
          </form>
          <p className="mt-6">Har du hverken telefonen eller dine gendannelseskoder, så bed en administrator om at nulstille din totrinsbekræftelse.</p>
        </div>
      </div>
    </Page>
  )
}
