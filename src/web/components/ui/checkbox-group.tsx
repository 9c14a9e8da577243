import type { ReactNode } from 'react'

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
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['form-group', error ? 'form-error' : ''].filter(Boolean).join(' ')}>
      <fieldset aria-describedby={describedBy}>
        <legend className="form-label">{legend}</legend>
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
      </fieldset>
    </div>
  )
}
