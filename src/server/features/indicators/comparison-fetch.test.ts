import { describe, expect, it } from 'vitest'
import { ComparisonFetch } from '../../../shared/comparison-sources.ts'
import { fetchFileName, jobindsatsRequestOf, parseVariableOptions, pendingValuesOf, statbankRequestOf, targetOf } from './comparison-fetch.ts'

const statbank = ComparisonFetch.parse({
  source: 'statbank',
  table: ' auk01 ',
  variables: [{ code: 'OMRÅDE', values: ['540'] }, { code: 'Tid', values: ['2023K1'] }],
  indicatorKey: 'i',
  rowKey: 'r',
  measure: 'share',
  unit: 'fraction',
})

describe('fetchFileName', () => {
  it('names the source, the table and the Danish calendar day of the fetch', () => {
    expect(fetchFileName('Danmarks Statistik', 'AUK01', new Date('2026-11-27T09:30:00Z'))).toBe('Danmarks Statistik AUK01 (hentet 27.11.2026)')
    // 23.30 UTC on 27 November is already 28 November in Copenhagen.
    expect(fetchFileName('Jobindsats', 'y60a02', new Date('2026-11-27T23:30:00Z'))).toBe('Jobindsats y60a02 (hentet 28.11.2026)')
  })
})

describe('the request sent to the source', () => {
  it('asks StatBank for the table in capitals with the variables as given, and keeps the unit for shares', () => {
    expect(statbankRequestOf(statbank as Extract<ComparisonFetch, { source: 'statbank' }>)).toEqual({
      table: 'AUK01',
      variables: [{ code: 'OMRÅDE', values: ['540'] }, { code: 'Tid', values: ['2023K1'] }],
    })
    expect(targetOf(statbank)).toEqual({ indicatorKey: 'i', rowKey: 'r', measure: 'share', unit: 'fraction' })
  })

  it('drops the unit for counts and passes the Jobindsats measure name as the column to read', () => {
    const jobindsats = ComparisonFetch.parse({ source: 'jobindsats', table: 'y60a02', area: 'Sønderborg', periods: ['2023M04'], measureName: 'Antal personer', indicatorKey: 'i', rowKey: 'r', measure: 'count', unit: 'percent' })
    expect(targetOf(jobindsats)).toEqual({ indicatorKey: 'i', rowKey: 'r', measure: 'count' })
    expect(jobindsatsRequestOf(jobindsats as Extract<ComparisonFetch, { source: 'jobindsats' }>)).toEqual({ table: 'y60a02', area: 'Sønderborg', periods: ['2023M04'], measure: 'Antal personer' })
  })

  it('refuses a request without a source, or without the Jobindsats measure name, in Danish', () => {
    const noSource = ComparisonFetch.safeParse({ source: 'dst', table: 'AUK01' })
    expect(noSource.success).toBe(false)
    expect(noSource.error?.issues[0]?.message).toBe('Vælg kilden: Danmarks Statistik (statbank) eller Jobindsats (jobindsats).')
    const noMeasure = ComparisonFetch.safeParse({ source: 'jobindsats', table: 'y60a02', area: 'Sønderborg', periods: ['2023M04'], measureName: ' ', indicatorKey: 'i', rowKey: 'r', measure: 'share' })
    expect(noMeasure.error?.issues.map((i) => i.message)).toEqual(['Skriv målingens navn, som Jobindsats skriver det.'])
  })
})

describe('pendingValuesOf', () => {
  it('keeps each value with its place in the source\'s answer and no sheet', () => {
    const values = pendingValuesOf(
      [{ indicatorKey: 'i', rowKey: 'r', population: 'comparison', period: '2023-Q2', share: null, count: 7 }],
      () => 3,
    )
    expect(values).toEqual([{ indicatorKey: 'i', rowKey: 'r', population: 'comparison', period: '2023-Q2', share: null, count: 7, row: 3, sheet: null }])
  })
})

describe('parseVariableOptions', () => {
  it('reads "--var CODE=v1,v2", joining a variable given twice and keeping the order', () => {
    expect(parseVariableOptions(['OMRÅDE=540', 'Tid=2023K1, 2023K2', 'Tid=2023K3'])).toEqual([
      { code: 'OMRÅDE', values: ['540'] },
      { code: 'Tid', values: ['2023K1', '2023K2', '2023K3'] },
    ])
  })

  it.each(['OMRÅDE', '=540', 'Tid=', 'Tid=,'])('refuses %j in Danish', (option) => {
    expect(() => parseVariableOptions([option])).toThrow(/er ikke en variabel med værdier\. Skriv fx --var OMRÅDE=540/)
  })
})
