import { z } from 'zod'
import { type UserCreate, UserCreated, UserDto, UserList, type UserUpdate } from '../../../shared/users.ts'
import { api } from '../../lib/api.ts'

export { usersPath } from '../../app/menu-paths.ts'

export const listUsers = (signal?: AbortSignal) => api.get('/api/users', UserList, { signal })

export const createUser = (body: UserCreate) => api.post('/api/users', UserCreated, body)

export const disableUser = (userId: string) => api.post(`/api/users/${encodeURIComponent(userId)}/disable`, UserDto)

export const resetPassword = (userId: string) => api.post(`/api/users/${encodeURIComponent(userId)}/reset-password`, UserCreated)

/** Changes a user; `sessionsEnded` says whether the change took rights away, so the user must sign in again. */
export const updateUser = (userId: string, body: UserUpdate) => api.put(`/api/users/${encodeURIComponent(userId)}`, z.object({ user: UserDto, sessionsEnded: z.boolean() }), body)
/** Removes the user's authenticator app (a lost phone): they set up a new one at the next sign-in. */
export const resetSecondFactor = (userId: string) => api.delete(`/api/users/${encodeURIComponent(userId)}/second-factor`)

/** Lets a disabled user sign in again (its own act, apart from a password reset). */
export const enableUser = (userId: string) => api.post(`/api/users/${encodeURIComponent(userId)}/enable`, UserDto)
