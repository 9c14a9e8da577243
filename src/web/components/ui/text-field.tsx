import type { InputHTMLAttributes, ReactNode } from 'react'

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  /** dkfds width class, e.g. "input-width-l". */
  width?: string
}

export function TextField({ id, label, hint, error, width = 'input-width-l', ...input }: TextFieldProps) {
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
      <input
        {...input}
        id={id}
        name={input.name ?? id}
        className={['form-input', width].join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  )
}

/**
 * A whole number (places, weeks, months, a year, a head count): typed as text so the user's own
 * input is kept and checked by the form's schema, with the digit keyboard on phones and no
 * browser autofill, in the narrow width a few digits need.
 */
export function NumberField({ width = 'input-width-xs', ...props }: Omit<TextFieldProps, 'inputMode' | 'autoComplete'>) {
  return <TextField {...props} width={width} inputMode="numeric" autoComplete="off" />
}
