import type { ReactNode, TextareaHTMLAttributes } from 'react'

export interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  /** dkfds width class, e.g. "input-width-xl"; omitted for the full width of the column. */
  width?: string
}

/** A multi-line text field, with the same label, hint and error markup as TextField. */
export function TextareaField({ id, label, hint, error, width, ...textarea }: TextareaFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['form-group', error ? 'form-error' : ''].filter(Boolean).join(' ')}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
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
      <textarea
        {...textarea}
        id={id}
        name={textarea.name ?? id}
        className={['form-input', width].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  )
}
