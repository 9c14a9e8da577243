import { describe, expect, it } from 'vitest'
import { failure, noNetwork, readRecording, replay } from '../../../../../tests/fixtures/sources/replay.ts'
import { toComparisonValues } from './comparison-import.ts'
import { fetchStatbank, statbankPeriod, statbankTableInfo, type StatbankRequest } from './statbank.ts'

const now = () => new Date('2026-12-01T09:30:00Z')

// The request in auk01-soenderborg-kvartaler.json: public benefit recipients (full-time) in Sønderborg, 2023 by quarter.
const soenderborgQuarters: StatbankRequest = {
  table: 'AUK01',
  variables: [
    { code: 'OMRÅDE', values: ['540'] },
    { code: 'YDELSESTYPE', values: ['TOTUSU'] },
    { code: 'KØN', values: ['TOT'] },
    { code: 'ALDER', values: ['TOT'] },
    { code: 'Tid', values: ['2023K1', '2023K2', '2023K3', '2023K4'] },
  ],
}

describe('fetchStatbank', () => {
  it('posts the selection as JSON and returns one row per quarter with Indsats periods and DST labels', async () => {
    const source = replay(readRecording('statbank', 'auk01-soenderborg-kvartaler.json'))

    const result = await fetchStatbank(soenderborgQuarters, { fetch: source.fetch, now })

    expect(source.calls).toBe(1)
    expect(result.source).toEqual({ name: 'Danmarks Statistik', table: 'AUK01', url: 'https://api.statbank.dk/v1/data', fetchedAt: '2026-12-01T09:30:00.000Z' })
    expect(result.rows.map((r) => [r.period, r.value])).toEqual([
      ['2023-Q1', 7412],
      ['2023-Q2', 7389],
      ['2023-Q3', 7355],
      ['2023-Q4', 7298],
    ])
    expect(result.rows[0]?.labels).toEqual({
      OMRÅDE: 'Sønderborg',
      YDELSESTYPE: 'I alt uden SU-modtagere',
      KØN: 'I alt',
      ALDER: 'Alder i alt',
      ContentsCode: 'Offentligt forsørgede (fuldtidsmodtagere)',
    })
    expect(result.rows[0]?.codes).toEqual({ OMRÅDE: '540', YDELSESTYPE: 'TOTUSU', KØN: 'TOT', ALDER: 'TOT', ContentsCode: 'AUK01' })
  })

  it('becomes comparison values for one indicator row, counted per quarter', async () => {
    const source = replay(readRecording('statbank', 'auk01-soenderborg-kvartaler.json'))
    const { rows } = await fetchStatbank(soenderborgQuarters, { fetch: source.fetch, now })

    // An indicator row counting full-time recipients in the whole municipality (keys for illustration).
    const result = toComparisonValues(rows, { indicatorKey: 'offentligt-forsoergede-fuldtidspersoner', rowKey: 'i-alt', measure: 'count' })

    expect(result.problems).toEqual([])
    expect(result.values).toEqual(
      (
        [
          ['2023-Q1', 7412],
          ['2023-Q2', 7389],
          ['2023-Q3', 7355],
          ['2023-Q4', 7298],
        ] as const
      ).map(([period, count]) => ({
        indicatorKey: 'offentligt-forsoergede-fuldtidspersoner',
        rowKey: 'i-alt',
        population: 'comparison',
        period,
        share: null,
        count,
      })),
    )
  })

  it('passes on what Danmarks Statistik says is wrong with the request', async () => {
    const source = replay(readRecording('statbank', 'auk01-ukendt-tabel.json'))
    const request: StatbankRequest = { table: 'AUK99', variables: [{ code: 'OMRÅDE', values: ['540'] }, { code: 'Tid', values: ['2023K1'] }] }

    const error = await failure(fetchStatbank(request, { fetch: source.fetch, now }))

    expect(error.code).toBe('validation')
    expect(error.message).toBe('Danmarks Statistik afviste forespørgslen: Tabel findes ikke: AUK99')
  })

  it('gives up with a Danish message when Danmarks Statistik does not answer in time', async () => {
    const source = replay(readRecording('statbank', 'auk01-soenderborg-kvartaler.json'), { hang: true })

    const error = await failure(fetchStatbank(soenderborgQuarters, { fetch: source.fetch, now, timeoutMs: 25 }))

    expect(source.calls).toBe(1)
    expect(error.code).toBe('source_unavailable')
    expect(error.message).toBe('Danmarks Statistik svarede ikke inden for 25 millisekunder. Prøv igen om lidt.')
  })

  it('says the answer could not be read when the body is not JSON', async () => {
    const source = replay(readRecording('statbank', 'auk01-afbrudt-svar.json'))

    const error = await failure(fetchStatbank(soenderborgQuarters, { fetch: source.fetch, now }))

    expect(error.code).toBe('internal')
    expect(error.message).toBe('Svaret fra Danmarks Statistik kunne ikke læses. Prøv igen senere, og kontakt en administrator, hvis det bliver ved.')
    expect(error.options.logDetail).toContain('is not JSON')
  })

  it('says Danmarks Statistik is not answering when the connection fails', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed')
    }) as typeof fetch

    const error = await failure(fetchStatbank(soenderborgQuarters, { fetch: failing, now }))

    expect(error.code).toBe('source_unavailable')
    expect(error.message).toBe('Danmarks Statistik svarer ikke lige nu. Prøv igen om lidt.')
  })

  it('reports a server error at Danmarks Statistik as theirs, and a rate limit with when to try again', async () => {
    const answer = (status: number, headers: Record<string, string> = {}) => (async () => new Response('<html>fejl</html>', { status, headers })) as typeof fetch

    const down = await failure(fetchStatbank(soenderborgQuarters, { fetch: answer(503), now }))
    expect([down.code, down.message]).toEqual(['source_unavailable', 'Danmarks Statistik svarer ikke lige nu (fejl 503 hos dem). Prøv igen om lidt.'])

    const busy = await failure(fetchStatbank(soenderborgQuarters, { fetch: answer(429, { 'retry-after': '30' }), now }))
    expect([busy.code, busy.message]).toEqual(['too_many_requests', 'Danmarks Statistik modtager for mange forespørgsler lige nu. Prøv igen om 30 sekunder.'])
  })

  it('refuses a table of weeks, which Indsats cannot store as periods', async () => {
    const weeks = {
      dataset: {
        dimension: {
          Tid: { label: 'tid', category: { index: { '2023U05': 0 }, label: { '2023U05': '2023U05' } } },
          id: ['Tid'],
          size: [1],
          role: { time: ['Tid'] },
        },
        value: [1],
      },
    }
    const answer = (async () => new Response(JSON.stringify(weeks), { status: 200 })) as typeof fetch

    const error = await failure(fetchStatbank({ table: 'DODC1', variables: [{ code: 'Tid', values: ['2023U05'] }] }, { fetch: answer, now }))

    expect(error.code).toBe('validation')
    expect(error.message).toContain('"2023U05"')
  })

  it('checks the request before asking anyone', async () => {
    const source = noNetwork()
    const error = await failure(fetchStatbank({ table: 'AUK01; drop', variables: [] }, { fetch: source.fetch, now }))
    expect(error.code).toBe('validation')
    expect(error.message).toBe('Skriv tabellens navn fra Statistikbanken, fx AUK01.')
  })
})

describe('statbankTableInfo', () => {
  it('lists the variables of a table and their values', async () => {
    const source = replay(readRecording('statbank', 'tableinfo-auk01.json'))

    const info = await statbankTableInfo('AUK01', { fetch: source.fetch, now })

    expect(info.id).toBe('AUK01')
    expect(info.unit).toBe('Antal')
    expect(info.variables.map((v) => [v.id, v.time, v.elimination, v.values.length])).toEqual([
      ['OMRÅDE', false, true, 3],
      ['YDELSESTYPE', false, true, 3],
      ['KØN', false, true, 3],
      ['ALDER', false, true, 3],
      ['Tid', true, false, 2],
    ])
    expect(info.variables[0]?.values[1]).toEqual({ id: '540', text: 'Sønderborg' })
  })
})

describe('statbankPeriod', () => {
  it.each([
    ['2023', '2023'],
    ['2023H2', '2023-H2'],
    ['2023K2', '2023-Q2'],
    ['2023Q2', '2023-Q2'],
    ['2023M05', '2023-05'],
    ['2023M12', '2023-12'],
    ['2023M05D17', '2023-05-17'],
  ])('reads %s as %s', (code, period) => {
    expect(statbankPeriod(code)).toBe(period)
  })

  it.each(['2023U05', '2023M13', '2023K5', '2023M02D30', '23K2', '2023 K2', ''])('refuses %j', (code) => {
    expect(statbankPeriod(code)).toBeNull()
  })
})
