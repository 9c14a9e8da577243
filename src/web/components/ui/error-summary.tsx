import { useEffect, useId, useRef } from 'react'
import { Icon } from './icon.tsx'

export interface SummaryError {
  /** The id of the field the message is about; the summary links to it. */
  fieldId: string
  message: string
}

/**
 * The list of problems above a form after a failed submit. It takes focus so the user hears how
 * many problems there are, and each line moves focus to its field.
 */
export function ErrorSummary({
  errors,
  heading = 'Der er problemer med formularen',
  headingLevel = 2,
}: {
  errors: SummaryError[]
  heading?: string
  /** For a form inside a section of the page, one below the section's heading. */
  headingLevel?: 2 | 3 | 4 | 5 | 6
}) {
  const ref = useRef<HTMLDivElement>(null)
  // A page may hold several small forms, each with its own summary.
  const headingId = `${useId()}-error-summary-heading`
  const Heading = `h${headingLevel}` as const
  // Focus again after every failed submit, also when the list of problems is the same.
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus()
  }, [errors])
  if (errors.length === 0) return null
  return (
    <div ref={ref} className="alert alert-error error-summary" tabIndex={-1} aria-labelledby={headingId}>
      <Icon name="error" className="alert-icon" />
      <div className="alert-body">
        <Heading className="alert-heading" id={headingId}>
          {heading}
        </Heading>
        <ul className="alert-text nobullet-list">
          {errors.map((error) => (
            <li key={error.fieldId + error.message}>
              <a
                href={`#${error.fieldId}`}
                onClick={(event) => {
                  // Focus the field itself; following the fragment would only scroll to it.
                  event.preventDefault()
                  document.getElementById(error.fieldId)?.focus()
                }}
              >
                {error.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
