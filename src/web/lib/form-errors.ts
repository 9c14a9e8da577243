import type { z } from 'zod'
import { withoutFieldName } from '../../shared/lib/zod-locale.ts'
import type { FieldIssue } from './api.ts'

/** Field name → the first message about it. The keys are paths such as "email" or "planIds.0". */
export type FieldErrors = Record<string, string>

/** The request body, or what is wrong with the form, field by field. */
export type Checked<T> = { body: T } | { errors: FieldErrors }

/** The form's input through its shared schema, with the rules only the form knows on top (they win). */
export function checked<S extends z.ZodType>(schema: S, input: unknown, problems: FieldErrors = {}): Checked<z.output<S>> {
  const parsed = schema.safeParse(input)
  if (parsed.success && Object.keys(problems).length === 0) return { body: parsed.data }
  return { errors: { ...(parsed.success ? {} : fieldErrorsFromZod(parsed.error)), ...problems } }
}

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

/**
 * Like the two above, but keeps the whole path ("content.goals.0.text"), for forms whose fields
 * are nested in lists. The zod issues and the server's issues use the same dotted form.
 */
export function fieldErrorsByPath(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) errors[issue.path] ??= issue.message
  return errors
}

/** The server's shape of a zod issue, so both kinds can go through fieldErrorsByPath. */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
}

/**
 * The messages as shown at their fields, under the field's own label: without the field's name the
 * messages start with ("Antallet kan ikke være negativt." → "Kan ikke være negativt."). Only the name
 * of the field the key points at is left out; a message about something inside it keeps its name.
 * The error summary shows the whole messages, as it is read away from the fields.
 */
export function inlineErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([key, message]) => [key, withoutFieldName(message, key.split('.'))]))
}
