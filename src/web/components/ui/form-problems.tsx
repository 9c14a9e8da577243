import type { Failure } from '../../lib/use-form.ts'
import { Alert } from './alert.tsx'
import { ErrorSummary, type SummaryError } from './error-summary.tsx'

/**
 * What went wrong with a form's last submit, above the form: a failed request no field explains
 * (it takes focus, also when the message repeats), then the list of problems at the fields.
 */
export function FormProblems({
  form,
  heading,
  headingLevel,
}: {
  form: { failure: Failure | null; summary: SummaryError[] }
  /** The failed request's heading: what did not happen, e.g. "Reglerne blev ikke gemt". */
  heading: string
  headingLevel?: 2 | 3 | 4 | 5 | 6
}) {
  return (
    <>
      {form.failure && (
        <Alert key={form.failure.seq} variant="error" heading={heading} headingLevel={headingLevel} focusOnMount>
          <p>{form.failure.message}</p>
        </Alert>
      )}
      <ErrorSummary errors={form.summary} headingLevel={headingLevel} />
    </>
  )
}
