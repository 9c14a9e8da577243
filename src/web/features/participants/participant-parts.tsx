import type { ReactNode } from 'react'

// Small pieces the residents' pages share.

/** A value that is not there: a dash to the eye, the reason in words to a screen reader. */
export function NotGiven({ text = 'Ikke angivet' }: { text?: string }) {
  return (
    <span className="text-subtle">
      <span aria-hidden="true">–</span>
      <span className="sr-only">{text}</span>
    </span>
  )
}

export interface Fact {
  label: string
  value: ReactNode
}

/** Label and value pairs, side by side where there is room. */
export function Facts({ facts, className }: { facts: Fact[]; className?: string }) {
  return (
    <dl className={['resident-facts', className].filter(Boolean).join(' ')}>
      {facts.map((fact) => (
        <div key={fact.label}>
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  )
}
