import { useEffect, useRef, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { type RecoveryCodes, type SecondFactorEnrolment, TotpCode } from '../../../shared/second-factor.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { ApiError } from '../../lib/api.ts'
import { checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { confirmSecondFactorEnrolment, readSession, startSecondFactorEnrolment } from './auth.api.ts'
import type { LoginState } from './login-page.tsx'
import { useSession } from './session.tsx'
import { afterSignInStep } from './sign-in-steps.ts'

const fieldIds = { code: 'code' } as const

/** "JBSW Y3DP EHPK 3PXP": a secret is easier to type in groups of four. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim()
}

/**
 * Setting up an authenticator app (decision 027), required before anything else for a role that
 * reads residents or administers users: a QR code (or the secret to type in), the first code, and
 * the recovery codes, shown this once.
 */
export function EnrolSecondFactorPage() {
  const { signedIn, state } = useSession()
  // Signed in through the organisation's login, the first factor is that login, not a password here (decision 041).
  const throughProvider = state.status === 'signed-in' && state.session.signInMethod === 'identity_provider'
  const navigate = useNavigate()
  const { from } = (useLocation().state ?? {}) as LoginState
  const [enrolment, setEnrolment] = useState<SecondFactorEnrolment | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [codes, setCodes] = useState<RecoveryCodes | null>(null)
  const [leaving, setLeaving] = useState(false)
  const started = useRef(false)
  const form = useForm({ fieldIds })
  const { values, set, field } = useFormValues(form, { code: '' })

  const start = () => {
    setLoadError(null)
    startSecondFactorEnrolment().then(setEnrolment, (error: unknown) => setLoadError(error instanceof ApiError ? error.message : 'Opsætningen kunne ikke startes.'))
  }
  // Once: each start makes a new secret, and the QR code shown must be the one the server keeps.
  useEffect(() => {
    if (started.current) return
    started.current = true
    start()
  }, [])

  const submit = form.handle(
    () => checked(TotpCode, values),
    async (body) => {
      try {
        setCodes(await confirmSecondFactorEnrolment(body))
      } catch (error) {
        set('code', '')
        throw error
      }
    },
  )

  const carryOn = async () => {
    setLeaving(true)
    const session = await readSession()
    signedIn(session)
    navigate(afterSignInStep(session, from), { replace: true })
  }

  if (codes) {
    return (
      <Page title="Gem dine gendannelseskoder">
        <div className="row">
          <div className="col-12 col-md-8 col-lg-6">
            <Alert variant="success" heading="Godkendelsesappen er sat op" focusOnMount>
              <p>
                {throughProvider
                  ? 'Fremover logger du ind med din organisations login og en kode fra appen, medmindre du allerede har brugt totrinsbekræftelse hos din organisation.'
                  : 'Fremover logger du ind med din adgangskode og en kode fra appen.'}
              </p>
            </Alert>
            <Alert variant="warning" heading="Gem koderne et sikkert sted nu" className="mt-5">
              <p>Mister du din telefon, kan du logge ind med én af disse koder i stedet for koden fra appen. Hver kode virker én gang. Koderne vises kun denne ene gang.</p>
            </Alert>
            <ul className="nobullet-list mt-5" aria-label="Gendannelseskoder">
              {codes.recoveryCodes.map((code) => (
                <li key={code}>
                  <code className="recovery-code">{code}</code>
                </li>
              ))}
            </ul>
            <button type="button" className="button button-primary mt-6" onClick={() => void carryOn()} disabled={leaving}>
              Jeg har gemt koderne – fortsæt
            </button>
          </div>
        </div>
      </Page>
    )
  }

  return (
    <Page
      title="Sæt totrinsbekræftelse op"
      lead={
        throughProvider
          ? 'Din rolle giver adgang til oplysninger om beboere eller brugere. Din organisations login bekræftede ikke dit login med en anden faktor, så du logger ind med både din organisations login og en kode fra en godkendelsesapp på din telefon.'
          : 'Din rolle giver adgang til oplysninger om beboere eller brugere. Derfor logger du ind med både adgangskode og en kode fra en godkendelsesapp på din telefon.'
      }
    >
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          {loadError && <LoadError message={loadError} onRetry={start} heading="Opsætningen kunne ikke startes" />}
          {!enrolment && !loadError && <Spinner />}
          {enrolment && (
            <>
              <h2>1. Tilføj Indsats i appen</h2>
              <p>Åbn en godkendelsesapp, fx Microsoft Authenticator eller Google Authenticator, og scan QR-koden.</p>
              <img src={enrolment.qrCode} alt="QR-kode, der tilføjer Indsats i godkendelsesappen" width={200} height={200} />
              <p className="mt-4">Kan du ikke scanne koden, så vælg at indtaste en nøgle i appen, og skriv denne nøgle:</p>
              <p>
                <code className="totp-secret" aria-label="Nøgle til godkendelsesappen">
                  {grouped(enrolment.secret)}
                </code>
              </p>
              <h2 className="mt-6">2. Skriv koden fra appen</h2>
              <FormProblems form={form} heading="Godkendelsesappen blev ikke sat op" />
              <form onSubmit={submit} noValidate className="mt-3">
                <TextField {...field('code')} label="Kode" hint="Seks cifre, som appen viser for Indsats." autoComplete="one-time-code" inputMode="numeric" width="input-width-s" />
                <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
                  {form.busy ? 'Bekræfter …' : 'Bekræft'}
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    </Page>
  )
}
