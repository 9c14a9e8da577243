import type { ReactNode } from 'react'

/**
 * How far something has come, as a bar with its text beside it. dkfds has no progress component,
 * so this is a native <progress> (announced by screen readers with its label) in the design
 * system's colours; the visible text says the same in words.
 */
export function ProgressBar({ id, label, value, max, text }: { id: string; label: ReactNode; value: number; max: number; text: ReactNode }) {
  return (
    <div className="progress-field">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <progress id={id} className="progress-bar" value={value} max={max} aria-describedby={`${id}-text`} />
      <p className="progress-text small-text" id={`${id}-text`}>
        {text}
      </p>
    </div>
  )
}
