import { type ErrorBody, type ErrorCode, defaultMessages } from '../../shared/errors.ts'

/** The one error type. Messages are Danish and shown to users; `logDetail` is English and only logged. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = defaultMessages[code],
    readonly options: { issues?: ErrorBody['issues']; logDetail?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'AppError'
  }
}

export const httpStatus: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  account_locked: 423,
  password_change_required: 403,
  second_factor_required: 403,
  invalid_second_factor: 401,
  identity_provider_unknown_user: 403,
  identity_provider_disabled_user: 403,
  identity_provider_failed: 400,
  identity_provider_unavailable: 502,
  password_change_through_identity_provider: 403,
  forbidden: 403,
  consent_required: 403,
  bad_origin: 403,
  not_found: 404,
  conflict: 409,
  confirmation_required: 409,
  capacity_full: 409,
  participant_anonymised: 409,
  too_many_requests: 429,
  payload_too_large: 413,
  document_too_large: 422,
  source_unavailable: 502,
  database_unavailable: 503,
  cpr_key_missing: 503,
  totp_key_mismatch: 503,
  mail_failed: 502,
  internal: 500,
}

export function toErrorBody(error: AppError): ErrorBody {
  return { code: error.code, message: error.message, ...(error.options.issues ? { issues: error.options.issues } : {}) }
}
