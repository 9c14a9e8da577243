import { IdentityProviderDto, type LoginRequest, type PasswordChange, SessionDto, SignedOut } from '../../../shared/auth.ts'
import { RecoveryCodes, type SecondFactorCode, SecondFactorEnrolment, type TotpCode } from '../../../shared/second-factor.ts'
import { api } from '../../lib/api.ts'

/** The current session; at start-up the caller decides what an expired or missing one means. */
export const readSession = (signal?: AbortSignal) => api.get('/api/session', SessionDto, { signal, ownSessionErrors: true })

export const logIn = (body: LoginRequest) => api.post('/api/session', SessionDto, body, { ownSessionErrors: true })

/** Ends the session; the answer says where to sign out at the identity provider too, if anywhere. */
export const logOut = () => api.delete('/api/session', SignedOut, { ownSessionErrors: true })

export const changePassword = (body: PasswordChange) => api.post('/api/session/password', null, body)

/** The code from the app, or a recovery code, after the password. */
export const giveSecondFactor = (body: SecondFactorCode) => api.post('/api/session/second-factor', SessionDto, body, { ownSessionErrors: true })

export const startSecondFactorEnrolment = () => api.post('/api/session/second-factor/enrolment', SecondFactorEnrolment, undefined, { ownSessionErrors: true })

export const confirmSecondFactorEnrolment = (body: TotpCode) => api.post('/api/session/second-factor/enrolment/confirm', RecoveryCodes, body, { ownSessionErrors: true })

/** Whether sign-in through the organisation's identity provider is offered, and the button's text. */
export const readIdentityProvider = (signal?: AbortSignal) => api.get('/api/auth/oidc', IdentityProviderDto, { signal })

/** Where the browser goes (a full page load) to sign in through the identity provider. */
export const identityProviderStartUrl = '/api/auth/oidc/start'
