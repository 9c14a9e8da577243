import type { ReactNode } from 'react'
import { FieldGroup } from './field.tsx'

export interface CheckboxOption {
  value: string
  label: ReactNode
  hint?: ReactNode
}

export interface CheckboxGroupProps {
  /** Prefix for the ids; the first box gets `${id}-0`, which an error summary can link to. */
  id: string
  legend: ReactNode
  hint?: ReactNode
  error?: string
  options: CheckboxOption[]
  values: string[]
  onChange: (values: string[]) => void
}

export function CheckboxGroup({ id, legend, hint, error, options, values, onChange }: CheckboxGroupProps) {
  return (
    <FieldGroup id={id} legend={legend} hint={hint} error={error}>
      {options.map((option, index) => {
        const boxId = `${id}-${index}`
        const checked = values.includes(option.value)
        return (
          <div className="form-group-checkbox" key={option.value}>
            <input
              id={boxId}
              type="checkbox"
              name={id}
              value={option.value}
              className="form-checkbox"
              checked={checked}
              onChange={() => onChange(checked ? values.filter((v) => v !== option.value) : [...values, option.value])}
            />
            <label htmlFor={boxId}>{option.label}</label>
            {option.hint && <span className="form-hint">{option.hint}</span>}
          </div>
        )
      })}
    </FieldGroup>
  )
}
