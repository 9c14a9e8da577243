import type { ReactNode, SelectHTMLAttributes } from 'react'
import { Field } from './field.tsx'

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className' | 'children'> {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  options: { value: string; label: string }[]
  /** Shown first with an empty value, so nothing is chosen by accident. */
  placeholder?: string
}

export function SelectField({ id, label, hint, error, options, placeholder, ...select }: SelectFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(description) => (
        <select {...select} id={id} name={select.name ?? id} className="form-select" {...description}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
