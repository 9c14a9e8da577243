import type { ReactNode } from 'react'
import { FieldGroup } from './field.tsx'

export interface RadioOption {
  value: string
  label: ReactNode
  hint?: ReactNode
}

export interface RadioGroupProps {
  /** Prefix for the ids; the first button gets `${id}-0`, which an error summary can link to. */
  id: string
  legend: ReactNode
  hint?: ReactNode
  error?: string
  options: RadioOption[]
  value: string
  onChange: (value: string) => void
  /** Side by side instead of one below the other, for two or three short choices. */
  inline?: boolean
  className?: string
}

/** One choice of a few, as dkfds' radio buttons in a fieldset whose legend names the question. */
export function RadioGroup({ id, legend, hint, error, options, value, onChange, inline, className }: RadioGroupProps) {
  return (
    <FieldGroup id={id} legend={legend} hint={hint} error={error} className={[inline ? 'radio-inline' : '', className].filter(Boolean).join(' ') || undefined}>
      <div className="radio-options">
        {options.map((option, index) => {
          const buttonId = `${id}-${index}`
          return (
            <div className="form-group-radio" key={option.value}>
              <input
                id={buttonId}
                type="radio"
                name={id}
                value={option.value}
                className="form-radio"
                checked={value === option.value}
                onChange={() => onChange(option.value)}
              />
              <label htmlFor={buttonId}>{option.label}</label>
              {option.hint && <span className="form-hint">{option.hint}</span>}
            </div>
          )
        })}
      </div>
    </FieldGroup>
  )
}
