import type { ReactNode, TextareaHTMLAttributes } from 'react'
import { Field } from './field.tsx'

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
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(description) => <textarea {...textarea} id={id} name={textarea.name ?? id} className={['form-input', width].filter(Boolean).join(' ')} {...description} />}
    </Field>
  )
}
