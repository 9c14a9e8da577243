import type { z } from 'zod'
import type { FieldIssue } from './api.ts'

/** Field name → the first message about it. The keys are paths such as "email" or "planIds.0". */
export type FieldErrors = Record<string, string>

/** Messages from a failed safeParse of a shared schema: the same rules and words as the server. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  return fromIssues(error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })))
}

/** Messages from the server's 400 answer. */
export function fieldErrorsFromIssues(issues: FieldIssue[]): FieldErrors {
  return fromIssues(issues)
}

function fromIssues(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const field = issue.path.split('.')[0] ?? ''
    errors[field] ??= issue.message
  }
  return errors
}
