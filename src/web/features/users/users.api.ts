import { type UserCreate, UserCreated, UserDto, UserList } from '../../../shared/users.ts'
import { api } from '../../lib/api.ts'

export const usersPath = '/brugere'

export const listUsers = (signal?: AbortSignal) => api.get('/api/users', UserList, { signal })

export const createUser = (body: UserCreate) => api.post('/api/users', UserCreated, body)

export const disableUser = (userId: string) => api.post(`/api/users/${encodeURIComponent(userId)}/disable`, UserDto)

export const resetPassword = (userId: string) => api.post(`/api/users/${encodeURIComponent(userId)}/reset-password`, UserCreated)

/** Removes the user's authenticator app (a lost phone): they set up a new one at the next sign-in. */
export const resetSecondFactor = (userId: string) => api.delete(`/api/users/${encodeURIComponent(userId)}/second-factor`)

/** Lets a disabled user sign in again (its own act, apart from a password reset). */
export const enableUser = (userId: string) => api.post(`/api/users/${encodeURIComponent(userId)}/enable`, UserDto)
