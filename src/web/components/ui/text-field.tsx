import type { InputHTMLAttributes, ReactNode } from 'react'
import { Field } from './field.tsx'

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  /** dkfds width class, e.g. "input-width-l". */
  width?: string
}

export function TextField({ id, label, hint, error, width = 'input-width-l', ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(description) => <input {...input} id={id} name={input.name ?? id} className={['form-input', width].join(' ')} {...description} />}
    </Field>
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
