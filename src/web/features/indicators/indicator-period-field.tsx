import type { PeriodKey } from '../../../shared/indicators.ts'
import { periodLabel, readPeriod } from '../../../shared/lib/period.ts'
import { TextField } from '../../components/ui/text-field.tsx'

// A period as people write it ("2. kvartal 2023", "K2 2023", "maj 2023", "2023-Q2"), read with
// readPeriod, and said back in words as the user types, so a misreading shows before it is saved.

export const PERIOD_EXAMPLES = 'Fx 2023-Q2, 2. kvartal 2023, 1. halvår 2023, maj 2023 eller 2023.'
export const PERIOD_UNREADABLE = `Perioden kan ikke læses. ${PERIOD_EXAMPLES}`

/** The key of what was typed, or the message to show. */
export function periodFromText(text: string): { period: PeriodKey } | { error: string } {
  if (!text.trim()) return { error: 'Skriv en periode.' }
  const period = readPeriod(text)
  return period ? { period } : { error: PERIOD_UNREADABLE }
}

export interface PeriodFieldProps {
  id: string
  value: string
  onChange: (text: string) => void
  error?: string
  label?: string
  /** More to say about a period once it is read ("Perioden er godkendt og låst."). */
  noteFor?: (period: PeriodKey) => string | undefined
}

export function PeriodField({ id, value, onChange, error, label = 'Periode', noteFor }: PeriodFieldProps) {
  const read = value.trim() ? readPeriod(value) : null
  const note = read ? noteFor?.(read) : undefined
  return (
    <div className="period-field">
      <TextField
        id={id}
        label={label}
        hint={PERIOD_EXAMPLES}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error}
        width="input-width-m"
        autoComplete="off"
        spellCheck={false}
      />
      {/* Said politely after each change: what the text was read as, or that it cannot be read yet. */}
      <p className="period-reading small-text" aria-live="polite" id={`${id}-reading`}>
        {value.trim() === '' ? '' : read ? `Læst som: ${periodLabel(read)} (${read})` : 'Kan ikke læses som en periode endnu.'}
        {note ? ` ${note}` : ''}
      </p>
    </div>
  )
}
