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
  /** The user must give a second factor, or choose a new password, before anything else: read the session again. */
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

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

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

  return readResponse(method, path, schema, response, options)
}

/** An answer as the pages want it: the parsed body, or an ApiError (with the session handlers told). */
async function readResponse<S extends z.ZodType | null>(
  method: Method,
  path: string,
  schema: S,
  response: Response,
  options: RequestOptions,
): Promise<S extends z.ZodType ? z.infer<S> : void> {
  if (!response.ok) {
    const error = await toApiError(response)
    if (!options.ownSessionErrors) {
      if (error.code === 'session_expired') handlers?.sessionExpired()
      if (error.code === 'password_change_required' || error.code === 'second_factor_required') handlers?.passwordChangeRequired()
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

export interface UploadOptions {
  signal?: AbortSignal
  /** Called as the bytes leave the browser: `loaded` of `total` bytes sent. */
  onProgress?: (loaded: number, total: number) => void
  /** PUT stores the file at the address (a signed consent); POST, the default, hands it over to be read. */
  method?: 'POST' | 'PUT'
  /** The file's own type, where the server keeps the file as it is; otherwise raw bytes to be read. */
  contentType?: string
}

/**
 * Sends a file's raw bytes (Content-Type application/octet-stream unless told otherwise) and reads
 * the JSON answer like every other request. XMLHttpRequest rather than fetch, because only it
 * reports upload progress, and a large extract can take a while to send. The same headers and
 * cookies as `request`, so the server's same-origin check treats it the same way.
 */
function upload<S extends z.ZodType | null>(path: string, schema: S, file: Blob, options: UploadOptions = {}): Promise<S extends z.ZodType ? z.infer<S> : void> {
  const method = options.method ?? 'POST'
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, path)
    xhr.withCredentials = true
    xhr.setRequestHeader('accept', 'application/json')
    xhr.setRequestHeader('content-type', options.contentType ?? 'application/octet-stream')
    xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size)
    const abort = () => xhr.abort()
    options.signal?.addEventListener('abort', abort, { once: true })
    const settle = () => options.signal?.removeEventListener('abort', abort)
    xhr.onabort = () => {
      settle()
      reject(new DOMException('The upload was aborted.', 'AbortError'))
    }
    xhr.onerror = () => {
      settle()
      reject(new ApiError('network', clientMessages.network, 0))
    }
    xhr.onload = () => {
      settle()
      // The same reading of the answer as fetch's, so errors and schema checks cannot drift apart.
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
      })
      void readResponse(method, path, schema, response, {}).then(resolve, reject)
    }
    xhr.send(file)
  })
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) => request('GET', path, schema, undefined, options),
  post: <S extends z.ZodType | null>(path: string, schema: S, body: unknown = {}, options?: RequestOptions) =>
    request('POST', path, schema, body, options),
  put: <S extends z.ZodType | null>(path: string, schema: S, body: unknown, options?: RequestOptions) => request('PUT', path, schema, body, options),
  delete: <S extends z.ZodType | null = null>(path: string, schema: S | null = null, options?: RequestOptions) => request('DELETE', path, schema as S, undefined, options),
  upload,
}

/** The message to show for any error a request or a page may throw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return defaultMessages.internal
}
