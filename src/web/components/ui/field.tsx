import type { ReactNode } from 'react'

// The dkfds form group every field shares: a label (or a legend for a group of boxes), the hint,
// the error message, and the wiring that lets a screen reader read both with the control. The
// hint is `${id}-hint` and the message `${id}-error`, so an error summary and tests can find them.

/** What the control itself carries so a screen reader reads the hint and the message with it. */
export interface FieldDescription {
  'aria-describedby'?: string
  'aria-invalid'?: true
}

function describe(id: string, hint: ReactNode, error: string | undefined) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return { hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined }
}

const groupClass = (error: string | undefined, ...more: (string | false | undefined)[]) => ['form-group', error ? 'form-error' : '', ...more].filter(Boolean).join(' ')

function Messages({ hint, hintId, error, errorId }: { hint: ReactNode; hintId?: string; error?: string; errorId?: string }) {
  return (
    <>
      {hint && (
        <span className="form-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={errorId}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
    </>
  )
}

export interface FieldProps {
  /** The control's id: the label points at it. */
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  /** The control, given what it must carry to be described by the hint and the message. */
  children: (description: FieldDescription) => ReactNode
}

/** One control with its label, hint and error message. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const { hintId, errorId, describedBy } = describe(id, hint, error)
  return (
    <div className={groupClass(error)}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
      {children({ 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
    </div>
  )
}

export interface FieldGroupProps {
  /** Prefix of the hint's and the message's ids. */
  id: string
  legend: ReactNode
  hint?: ReactNode
  error?: string
  /** More classes on the form group, e.g. "radio-inline". */
  className?: string
  /** The boxes or buttons, and anything else inside the fieldset after the messages. */
  children: ReactNode
}

/** A group of boxes or buttons in a fieldset whose legend asks the question; the fieldset is described. */
export function FieldGroup({ id, legend, hint, error, className, children }: FieldGroupProps) {
  const { hintId, errorId, describedBy } = describe(id, hint, error)
  return (
    <div className={groupClass(error, className)}>
      <fieldset aria-describedby={describedBy}>
        <legend className="form-label">{legend}</legend>
        <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
        {children}
      </fieldset>
    </div>
  )
}
