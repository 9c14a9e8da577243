import { type LoginRequest, type PasswordChange, SessionDto } from '../../../shared/auth.ts'
import { api } from '../../lib/api.ts'

/** The current session; at start-up the caller decides what an expired or missing one means. */
export const readSession = (signal?: AbortSignal) => api.get('/api/session', SessionDto, { signal, ownSessionErrors: true })

export const logIn = (body: LoginRequest) => api.post('/api/session', SessionDto, body, { ownSessionErrors: true })

export const logOut = () => api.delete('/api/session', { ownSessionErrors: true })

export const changePassword = (body: PasswordChange) => api.post('/api/session/password', null, body)
