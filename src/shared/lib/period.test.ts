import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PeriodKey } from '../indicators.ts'
import { addDays, addMonths, baselinePeriod, comparePeriods, dayNumber, isoOfDayNumber, parsePeriod, type PeriodKind, periodLabel, periodOfDate, periodPosition, readPeriod } from './period.ts'

/** Any valid key of any kind, years 1900-2100 (where Intl's Danish month names are certain). */
const periodKeyArb = fc.oneof(
  fc.integer({ min: 1900, max: 2100 }).map(String),
  fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.constantFrom(1, 2)).map(([y, h]) => `${y}-H${h}`),
  fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
  fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
)

describe('parsePeriod', () => {
  it.each([
    ['2023', 'year', '2023-01-01', '2023-12-31'],
    ['2023-H1', 'half-year', '2023-01-01', '2023-06-30'],
    ['2023-H2', 'half-year', '2023-07-01', '2023-12-31'],
    ['2023-Q1', 'quarter', '2023-01-01', '2023-03-31'],
    ['2023-Q2', 'quarter', '2023-04-01', '2023-06-30'],
    ['2023-Q3', 'quarter', '2023-07-01', '2023-09-30'],
    ['2023-Q4', 'quarter', '2023-10-01', '2023-12-31'],
    ['2023-05', 'month', '2023-05-01', '2023-05-31'],
    ['2023-02', 'month', '2023-02-01', '2023-02-28'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29'],
    ['1900-02', 'month', '1900-02-01', '1900-02-28'],
    ['2000-02', 'month', '2000-02-01', '2000-02-29'],
    ['2023-04', 'month', '2023-04-01', '2023-04-30'],
    ['2023-12', 'month', '2023-12-01', '2023-12-31'],
    ['2023-05-17', 'day', '2023-05-17', '2023-05-17'],
    ['2024-02-29', 'day', '2024-02-29', '2024-02-29'],
  ])('reads %s as a %s from %s to %s', (key, kind, start, end) => {
    expect(parsePeriod(key)).toEqual({ kind, start, end })
  })

  it.each(['', '23', '20234', '2023-Q5', '2023-Q0', '2023-H3', '2023-H0', '2023-00', '2023-13', '2023-5', '2023-02-30', '2023-02-29', '2100-02-29', '2021-04-31', '2023-05-00', '2023-q2', ' 2023', '2023-05-17T00:00'])(
    'refuses %j',
    (key) => {
      expect(parsePeriod(key)).toBeNull()
    },
  )

  it('accepts exactly the keys the PeriodKey schema accepts, apart from days that do not exist', () => {
    fc.assert(
      fc.property(fc.oneof(periodKeyArb, fc.stringMatching(/^\d{4}(-(H\d|Q\d|\d{2}(-\d{2})?))?$/)), (key) => {
        const parsed = parsePeriod(key)
        if (parsed) expect(PeriodKey.safeParse(key).success).toBe(true)
        else if (PeriodKey.safeParse(key).success) expect(key).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      }),
    )
  })

  it('gives every period a first day on or before its last day, both valid days', () => {
    fc.assert(
      fc.property(periodKeyArb, (key) => {
        const p = parsePeriod(key)!
        expect(dayNumber(p.start)).not.toBeNull()
        expect(dayNumber(p.end)! >= dayNumber(p.start)!).toBe(true)
      }),
    )
  })
})

describe('periodLabel', () => {
  it.each([
    ['2023', '2023'],
    ['2023-H1', '1. halvår 2023'],
    ['2023-H2', '2. halvår 2023'],
    ['2023-Q2', '2. kvartal 2023'],
    ['2023-Q4', '4. kvartal 2023'],
    ['2023-05', 'maj 2023'],
    ['2021-02', 'februar 2021'],
    ['2023-05-17', '17.05.2023'],
    ['2021-06-02', '02.06.2021'],
  ])('labels %s as %s', (key, label) => {
    expect(periodLabel(key)).toBe(label)
  })

  it('shows an invalid key as it is rather than failing', () => {
    expect(periodLabel('2023-Q5')).toBe('2023-Q5')
  })

  it('gives labels that read back to the same key', () => {
    fc.assert(
      fc.property(periodKeyArb, (key) => {
        expect(readPeriod(periodLabel(key))).toBe(key)
      }),
    )
  })
})

describe('comparePeriods', () => {
  it('orders by last day, then by first day', () => {
    const keys = ['2023-12-31', '2023-Q4', '2023', '2023-12', '2023-H2', '2023-06', '2023-Q2', '2023-H1', '2022', '2023-01-15', '2023-01']
    expect([...keys].sort(comparePeriods)).toEqual(['2022', '2023-01-15', '2023-01', '2023-H1', '2023-Q2', '2023-06', '2023', '2023-H2', '2023-Q4', '2023-12', '2023-12-31'])
  })

  it('puts invalid keys last, in text order', () => {
    expect(['zz', '2023-Q5', '2024', '2023'].sort(comparePeriods)).toEqual(['2023', '2024', '2023-Q5', 'zz'])
  })

  it('is a total order on valid keys: antisymmetric, 0 only for equal keys, transitive', () => {
    fc.assert(
      fc.property(periodKeyArb, periodKeyArb, periodKeyArb, (a, b, c) => {
        expect(Math.sign(comparePeriods(a, b)) + Math.sign(comparePeriods(b, a))).toBe(0)
        expect(comparePeriods(a, b) === 0).toBe(a === b)
        if (comparePeriods(a, b) <= 0 && comparePeriods(b, c) <= 0) expect(comparePeriods(a, c)).toBeLessThanOrEqual(0)
      }),
    )
  })

  it('sorts a series so that the last days never go backwards', () => {
    fc.assert(
      fc.property(fc.array(periodKeyArb), (keys) => {
        const ends = [...keys].sort(comparePeriods).map((k) => parsePeriod(k)!.end)
        expect(ends).toEqual([...ends].sort())
      }),
    )
  })

  it('sorts periods of one kind as their keys sort as text', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1900, max: 2100 }).chain((y) => fc.constantFrom(`${y}-Q1`, `${y}-Q2`, `${y}-Q3`, `${y}-Q4`))), (keys) => {
        expect([...keys].sort(comparePeriods)).toEqual([...keys].sort())
      }),
    )
  })
})

describe('dayNumber and periodPosition', () => {
  it('counts days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0)
    expect(dayNumber('1970-01-02')).toBe(1)
    expect(dayNumber('1969-12-31')).toBe(-1)
    expect(dayNumber('2000-03-01')).toBe(11017)
    expect(dayNumber('2021-02-30')).toBeNull()
    expect(dayNumber('2021-2-3')).toBeNull()
  })

  it('agrees with the UTC calendar for every day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
        expect(dayNumber(new Date(day).toISOString().slice(0, 10))).toBe(day / 86_400_000)
      }),
    )
  })

  it('places a period at its last day', () => {
    expect(periodPosition('2023-Q2')).toBe(dayNumber('2023-06-30'))
    expect(periodPosition('2023')).toBe(dayNumber('2023-12-31'))
    expect(periodPosition('2021-02')).toBe(dayNumber('2021-02-28'))
    expect(periodPosition('2021-06-02')).toBe(dayNumber('2021-06-02'))
    expect(periodPosition('2023-H1')).toBe(dayNumber('2023-06-30'))
    expect(periodPosition('2023-Q5')).toBeNull()
  })
})

describe('periodOfDate', () => {
  it.each([
    ['year', '2023'],
    ['half-year', '2023-H1'],
    ['quarter', '2023-Q2'],
    ['month', '2023-05'],
    ['day', '2023-05-17'],
  ] as const)('finds the %s of 17 May 2023: %s', (kind, key) => {
    expect(periodOfDate('2023-05-17', kind)).toBe(key)
  })

  it('knows where quarters and half-years begin and end', () => {
    expect(periodOfDate('2023-03-31', 'quarter')).toBe('2023-Q1')
    expect(periodOfDate('2023-04-01', 'quarter')).toBe('2023-Q2')
    expect(periodOfDate('2023-12-31', 'quarter')).toBe('2023-Q4')
    expect(periodOfDate('2023-06-30', 'half-year')).toBe('2023-H1')
    expect(periodOfDate('2023-07-01', 'half-year')).toBe('2023-H2')
  })

  it('refuses a day that does not exist', () => {
    expect(periodOfDate('2023-02-29', 'month')).toBeNull()
    expect(periodOfDate('17.05.2023', 'month')).toBeNull()
  })

  it('returns a period that contains the day, for every kind', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom<PeriodKind>('year', 'half-year', 'quarter', 'month', 'day'),
        (day, kind) => {
          const p = parsePeriod(periodOfDate(day, kind)!)!
          expect(p.kind).toBe(kind)
          expect(p.start <= day && day <= p.end).toBe(true)
        },
      ),
    )
  })
})

describe('baselinePeriod', () => {
  it('turns each kind of baseline time into a period', () => {
    expect(baselinePeriod({ kind: 'year', year: 2018 })).toBe('2018')
    expect(baselinePeriod({ kind: 'month', year: 2021, month: 2, label: 'Udgang februar 2021' })).toBe('2021-02')
    expect(baselinePeriod({ kind: 'month', year: 2021, month: 11 })).toBe('2021-11')
    expect(baselinePeriod({ kind: 'date', date: '2021-06-02' })).toBe('2021-06-02')
  })
})

describe('readPeriod', () => {
  it.each([
    // years
    ['2023', '2023'],
    [' 2023 ', '2023'],
    // quarters
    ['2023-Q2', '2023-Q2'],
    ['2023-q2', '2023-Q2'],
    ['2023Q2', '2023-Q2'],
    ['2023 Q2', '2023-Q2'],
    ['2023K2', '2023-Q2'],
    ['2023-K2', '2023-Q2'],
    ['2023 - K2', '2023-Q2'],
    ['K2 2023', '2023-Q2'],
    ['k2-2023', '2023-Q2'],
    ['Q2 2023', '2023-Q2'],
    ['Q4/2023', '2023-Q4'],
    ['2. kvt. 2023', '2023-Q2'],
    ['2. kvt 2023', '2023-Q2'],
    ['2 kvt. 2023', '2023-Q2'],
    ['2. kvartal 2023', '2023-Q2'],
    ['2.kvartal 2023', '2023-Q2'],
    ['4. Kvartal 2023', '2023-Q4'],
    ['1. kv. 2024', '2024-Q1'],
    // half-years
    ['2023-H1', '2023-H1'],
    ['2023H1', '2023-H1'],
    ['2023 h2', '2023-H2'],
    ['H1 2023', '2023-H1'],
    ['1. halvår 2023', '2023-H1'],
    ['2. Halvår 2023', '2023-H2'],
    ['1 halvår 2023', '2023-H1'],
    // months
    ['2023-05', '2023-05'],
    ['2023-5', '2023-05'],
    ['2023/05', '2023-05'],
    ['05-2023', '2023-05'],
    ['5-2023', '2023-05'],
    ['05/2023', '2023-05'],
    ['05.2023', '2023-05'],
    ['maj 2023', '2023-05'],
    ['Maj 2023', '2023-05'],
    ['MAJ 2023', '2023-05'],
    ['februar 2021', '2021-02'],
    ['feb. 2021', '2021-02'],
    ['feb 2021', '2021-02'],
    ['sept. 2023', '2023-09'],
    ['okt 2023', '2023-10'],
    ['marts 2022', '2022-03'],
    ['maj-23', '2023-05'],
    ['dec-21', '2021-12'],
    ["jan '24", '2024-01'],
    ['udgang februar 2021', '2021-02'],
    ['Udgang februar 2021', '2021-02'],
    ['udgangen af februar 2021', '2021-02'],
    ['ultimo december 2022', '2022-12'],
    ['Udgang 2021', '2021'],
    // days
    ['2021-06-02', '2021-06-02'],
    ['2021-6-2', '2021-06-02'],
    ['02.06.2021', '2021-06-02'],
    ['2.6.2021', '2021-06-02'],
    ['02-06-2021', '2021-06-02'],
    ['2/6/2021', '2021-06-02'],
    ['29.02.2024', '2024-02-29'],
    ['2. juni 2021', '2021-06-02'],
    ['17 maj 2023', '2023-05-17'],
    ['pr. 02.06.2021', '2021-06-02'],
    ['02.06.2021\u00a0', '2021-06-02'],
  ])('reads %j as %s', (text, key) => {
    expect(readPeriod(text)).toBe(key)
  })

  it.each([
    '',
    '   ',
    'abc',
    '23',
    '202',
    '2023-Q5',
    '2023Q0',
    'K5 2023',
    '5. kvartal 2023',
    '3. halvår 2023',
    '2023-H3',
    '2023-13',
    '13-2023',
    '00-2023',
    '2023-00',
    '31.02.2021',
    '29.02.2023',
    '32.01.2021',
    '02.13.2021',
    '2021-02-30',
    '2.6.21',
    '02.06.21',
    '05-23',
    '2.6-2021',
    'maj',
    'mejs 2023',
    'foo-23',
    '2023 (foreløbig)',
    '2023-2024',
    '2023-05-17T10:00',
    'udgang',
    '31. februar 2021',
  ])('refuses %j', (text) => {
    expect(readPeriod(text)).toBeNull()
  })

  it('reads every valid key as itself', () => {
    fc.assert(
      fc.property(periodKeyArb, (key) => {
        expect(readPeriod(key)).toBe(key)
      }),
    )
  })

  it('returns only valid keys, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9KQHkqh. \-/]{1,12}$/)), (text) => {
        const key = readPeriod(text)
        if (key !== null) expect(parsePeriod(key)).not.toBeNull()
      }),
    )
  })
})

describe('calendar-day arithmetic', () => {
  it('turns a day number back into its day, across leap days and centuries', () => {
    expect(isoOfDayNumber(0)).toBe('1970-01-01')
    expect(isoOfDayNumber(dayNumber('2024-02-29')!)).toBe('2024-02-29')
    expect(isoOfDayNumber(dayNumber('1900-03-01')! - 1)).toBe('1900-02-28')
    expect(isoOfDayNumber(dayNumber('2000-03-01')! - 1)).toBe('2000-02-29')
  })

  it('is the inverse of dayNumber for every day from year 0 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('0000-01-01')!, max: dayNumber('9999-12-31')! }), (n) => {
        expect(dayNumber(isoOfDayNumber(n))).toBe(n)
      }),
    )
  })

  it('refuses a day it could not read back', () => {
    expect(() => isoOfDayNumber(dayNumber('9999-12-31')! + 1)).toThrow(RangeError)
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError)
  })

  it('adds days over month and year ends: a 10-week course starting 2026-11-27 ends 2027-02-04', () => {
    expect(addDays('2026-11-27', 10 * 7 - 1)).toBe('2027-02-04')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
  })

  it('adds calendar months and clamps to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28')
    expect(addMonths('2026-12-31', 12)).toBe('2027-12-31')
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
    expect(addMonths('2026-11-27', 0)).toBe('2026-11-27')
  })
})
