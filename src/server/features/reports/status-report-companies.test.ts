import { describe, expect, it } from 'vitest'
import type { CompanyFigures } from '../../../shared/companies.ts'
import { companySection } from './status-report.ts'

// The companies section of the board's report (decision 022): what it prints for each figure, with
// the hidden ones said as hidden and never as a number.

const figures: CompanyFigures = {
  from: '2026-07-01',
  to: '2026-09-30',
  inNetwork: { value: 12, hidden: false },
  active: { value: null, hidden: true },
  openingsByKind: [
    { kind: 'virksomhedspraktik', label: 'Virksomhedspraktik', count: { value: 7, hidden: false } },
    { kind: 'smaajob', label: 'Småjob (ordinære timer)', count: { value: null, hidden: true } },
  ],
  openingsTotal: { value: 9, hidden: false },
  placements: {
    started: { value: 8, hidden: false },
    completed: { value: 6, hidden: false },
    jobOrEducation: { numerator: 5, denominator: 6, pending: null, share: 5 / 6, hidden: false },
  },
  definitions: [{ name: 'Udplaceringer startet', definition: 'Udplaceringer, hvis første dag ligger i perioden.' }],
  suppressed: true,
}

describe('the companies section of the status report', () => {
  it('prints each figure, hidden ones as hidden, and the share with its counts', () => {
    const section = companySection(figures)
    expect(section.heading).toBe('Virksomheder og udplaceringer')
    expect(section.text).toContain('Fra 1. juli 2026 til 30. september 2026.')
    expect(section.lines.map((l) => [l.label, l.value])).toEqual([
      ['Virksomheder i netværket', '12'],
      ['Aktive virksomheder', 'skjult'],
      ['Åbninger: Virksomhedspraktik', '7'],
      ['Åbninger: Småjob (ordinære timer)', 'skjult'],
      ['Åbninger i alt', '9'],
      ['Udplaceringer startet', '8'],
      ['Udplaceringer gennemført', '6'],
      ['Job eller uddannelse inden for 13 uger', '83\u00a0% (5 af 6)'], // Danish puts a no-break space before the per cent sign
    ])
    expect(section.lines[5]!.definition).toBe('Udplaceringer, hvis første dag ligger i perioden.')
  })

  it('says hidden for a hidden share and a dash when nothing has ended', () => {
    const hidden = companySection({ ...figures, placements: { ...figures.placements, jobOrEducation: { numerator: null, denominator: null, pending: null, share: null, hidden: true } } })
    expect(hidden.lines.at(-1)!.value).toBe('skjult')
    const none = companySection({ ...figures, placements: { ...figures.placements, jobOrEducation: { numerator: 0, denominator: 0, pending: null, share: null, hidden: false } } })
    expect(none.lines.at(-1)!.value).toBe('–')
  })
})
