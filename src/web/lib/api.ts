import type { z } from 'zod'
import { ErrorBody, type ErrorCode, defaultMessages } from '../../shared/errors.ts'

// The one way the web app talks to the server. Every response is checked against the shared zod
// contract, and every failure becomes an ApiError with the server's code and Danish message, so
// pages never look at HTTP status codes or half-parsed JSON.

/** Codes the browser adds to the server's own: the server could not be reached or answered nonsense. */
export type ClientErrorCode = 'network' | 'bad_response'

export interface FieldIssue {
  path: string
  message: string
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly status: number,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

const clientMessages: Record<ClientErrorCode, string> = {
  network: 'Indsats kan ikke nås lige nu. Tjek din forbindelse, og prøv igen.',
  bad_response: defaultMessages.internal,
}

export interface AuthProblemHandlers {
  /** The session cookie was there but is no longer valid. */
  sessionExpired: () => void
  /** The user must choose a new password before anything else. */
  passwordChangeRequired: () => void
}

let handlers: AuthProblemHandlers | null = null

/** The app registers here how to react when any request finds the session expired or locked. */
export function setAuthProblemHandlers(next: AuthProblemHandlers | null): void {
  handlers = next
}

export interface RequestOptions {
  signal?: AbortSignal
  /**
   * Leave session problems to the caller instead of routing away. Used by the calls that are
   * themselves about the session (reading it at start-up, logging out).
   */
  ownSessionErrors?: boolean
}

type Method = 'GET' | 'POST' | 'DELETE'

async function request<S extends z.ZodType | null>(
  method: Method,
  path: string,
  schema: S,
  body: unknown,
  options: RequestOptions = {},
): Promise<S extends z.ZodType ? z.infer<S> : void> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    })
  } catch (error) {
    if (options.signal?.aborted) throw error
    throw new ApiError('network', clientMessages.network, 0)
  }

  if (!response.ok) {
    const error = await toApiError(response)
    if (!options.ownSessionErrors) {
      if (error.code === 'session_expired') handlers?.sessionExpired()
      if (error.code === 'password_change_required') handlers?.passwordChangeRequired()
    }
    throw error
  }

  if (schema === null || response.status === 204) return undefined as never
  let json: unknown
  try {
    json = await response.json()
  } catch {
    throw new ApiError('bad_response', clientMessages.bad_response, response.status)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    // A contract mismatch is a bug in one of the two ends; say so in the console for whoever debugs it.
    console.error(`Response from ${method} ${path} did not match its schema`, parsed.error.issues)
    throw new ApiError('bad_response', clientMessages.bad_response, response.status)
  }
  return parsed.data as never
}

async function toApiError(response: Response): Promise<ApiError> {
  let json: unknown = null
  try {
    json = await response.json()
  } catch {
    // Not JSON (a proxy's error page, say): fall through to the generic message below.
  }
  const body = ErrorBody.safeParse(json)
  if (body.success) return new ApiError(body.data.code, body.data.message, response.status, body.data.issues ?? [])
  if (response.status === 429) return new ApiError('too_many_requests', defaultMessages.too_many_requests, 429)
  return new ApiError('internal', defaultMessages.internal, response.status)
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) => request('GET', path, schema, undefined, options),
  post: <S extends z.ZodType | null>(path: string, schema: S, body: unknown = {}, options?: RequestOptions) =>
    request('POST', path, schema, body, options),
  delete: (path: string, options?: RequestOptions) => request('DELETE', path, null, undefined, options),
}

/** The message to show for any error a request or a page may throw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return defaultMessages.internal
}
