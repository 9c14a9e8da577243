import { formatNumber } from '../../../shared/lib/format.ts'
import { type QuarterView, verdictLabels } from '../../../shared/staff-time.ts'

// The quarterly view as CSV for the municipality: UTF-8 with a byte-order mark, semicolons, Danish
// numbers and headers, one row per promise (as the audit export, so a Danish Excel opens it).

const field = (value: string) => (/[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)
const number = (n: number | null) => (n === null ? '' : formatNumber(Math.round(n * 100) / 100))

export const quarterCsvHeader = ['Kvartal', 'Part', 'Hvor', 'Ressource (aftalens ord)', 'Lovet, timer', 'Lovet, timer pr. uge', 'Lovede uger', 'Lovet, medarbejdere', 'Leveret, timer', 'Leveret, medarbejdere', 'Gennemsnit pr. uge', 'Vurdering', 'Forklaring']

export function quarterCsv(view: QuarterView): string {
  const rows = view.promises.map((p) =>
    [
      view.quarterLabel,
      p.party,
      p.where,
      p.text,
      number(p.promisedHours),
      number(p.promisedPerWeek),
      number(p.promisedWeeks),
      number(p.promisedPeople),
      number(p.deliveredHours),
      String(p.deliveredPeople),
      number(p.averagePerWeek),
      verdictLabels[p.verdict],
      p.sentence,
    ]
      .map(field)
      .join(';'),
  )
  return `\uFEFF${[quarterCsvHeader.join(';'), ...rows].join('\r\n')}\r\n`
}
