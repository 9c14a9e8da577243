import { describe, expect, it } from 'vitest'
import { failure, noNetwork, readRecording, replay } from '../../../../../tests/fixtures/sources/replay.ts'
import { toComparisonValues } from './comparison-import.ts'
import { fetchJobindsats, jobindsatsPeriod, type JobindsatsRequest } from './jobindsats.ts'

const now = () => new Date('2026-12-01T09:30:00Z')
const apiKey = 'TEST-KEY-0000'
const shareOfPopulation = 'Fuldtidspersoner i pct. af befolkningen 16-66 år'

// The request in y60a02-soenderborg-maaneder.json: cash benefit (kontanthjælp), April–June 2023.
const soenderborgSpring: JobindsatsRequest = {
  table: 'y60a02',
  area: 'Sønderborg',
  periods: ['2023M04', '2023M05', '2023M06'],
  measure: shareOfPopulation,
}

const recording = (name: string) => readRecording('jobindsats', name)

describe('fetchJobindsats', () => {
  it('asks v3 for the months with the key as a bearer token, and keeps the municipality and measure asked for', async () => {
    const source = replay(recording('y60a02-soenderborg-maaneder.json'))

    const result = await fetchJobindsats(soenderborgSpring, { fetch: source.fetch, apiKey, now })

    expect(source.calls).toBe(1)
    expect(result.source).toEqual({
      name: 'Jobindsats',
      table: 'y60a02',
      url: 'https://api.jobindsats.dk/v3/data/y60a02?mgroup.*=*&period.M=2023M04%2C2023M05%2C2023M06&hierarchy._nykom=*&format=json',
      fetchedAt: '2026-12-01T09:30:00.000Z',
    })
    expect(result.rows).toEqual([
      { period: '2023-04', value: 3.1, labels: { Område: 'Sønderborg' }, codes: {} },
      { period: '2023-05', value: 3.1, labels: { Område: 'Sønderborg' }, codes: {} },
      { period: '2023-06', value: 3, labels: { Område: 'Sønderborg' }, codes: {} },
    ])
  })

  it('takes Indsats periods, "… Kommune" and any case in the measure, and sends the same request', async () => {
    const source = replay(recording('y60a02-soenderborg-maaneder.json'))

    const result = await fetchJobindsats(
      { table: 'Y60A02', area: ' sønderborg kommune ', periods: ['2023-04', '2023-05', '2023-06'], measure: shareOfPopulation.toUpperCase() },
      { fetch: source.fetch, apiKey, now },
    )

    expect(result.rows.map((r) => r.period)).toEqual(['2023-04', '2023-05', '2023-06'])
  })

  it('becomes comparison shares with Danish periods, and names the month a municipality has no figure for', async () => {
    const fetched = async (area: string) =>
      (await fetchJobindsats({ ...soenderborgSpring, area }, { fetch: replay(recording('y60a02-soenderborg-maaneder.json')).fetch, apiKey, now })).rows
    // An indicator row comparing with the municipality's share of 16-66-year-olds on cash benefit (keys for illustration).
    const target = { indicatorKey: 'andel-paa-kontanthjaelp', rowKey: '16-66-aar', measure: 'share', unit: 'percent' } as const

    const soenderborg = toComparisonValues(await fetched('Sønderborg'), target)
    expect(soenderborg.problems).toEqual([])
    expect(soenderborg.warnings).toEqual([])
    expect(soenderborg.values).toEqual([
      { indicatorKey: 'andel-paa-kontanthjaelp', rowKey: '16-66-aar', population: 'comparison', period: '2023-04', share: 3.1, count: null },
      { indicatorKey: 'andel-paa-kontanthjaelp', rowKey: '16-66-aar', population: 'comparison', period: '2023-05', share: 3.1, count: null },
      { indicatorKey: 'andel-paa-kontanthjaelp', rowKey: '16-66-aar', population: 'comparison', period: '2023-06', share: 3, count: null },
    ])

    const toender = toComparisonValues(await fetched('Tønder'), target)
    expect(toender.values.map((v) => v.period)).toEqual(['2023-04', '2023-06'])
    expect(toender.problems).toEqual([
      {
        row: 2,
        column: null,
        sheet: null,
        message:
          'Kilden har intet tal for maj 2023 (område: Tønder): tallet er ikke offentliggjort eller er udeladt, fordi det er for lille (diskretionering).',
      },
    ])
  })

  it('refuses without asking when the organisation has no key', async () => {
    for (const missing of [null, undefined, '', '   ']) {
      const error = await failure(fetchJobindsats(soenderborgSpring, { fetch: noNetwork().fetch, apiKey: missing, now }))
      expect(error.code).toBe('forbidden')
      expect(error.message).toBe(
        'Organisationen har ingen nøgle til Jobindsats. STAR udleverer én nøgle pr. organisation (ansøg på jobindsats@star.dk); bed en administrator om at lægge den ind.',
      )
    }
  })

  it('says the key was refused, with what Jobindsats said', async () => {
    const source = replay(recording('fejl-forkert-noegle.json'))

    const error = await failure(fetchJobindsats(soenderborgSpring, { fetch: source.fetch, apiKey: 'WRONG-KEY-0000', now }))

    expect(error.code).toBe('forbidden')
    expect(error.message).toBe(
      'Jobindsats afviste organisationens nøgle: den er forkert eller udløbet ("Forkert nøgle eller nøglen er udløbet."). Bed en administrator om at kontrollere nøglen eller søge STAR om en ny.',
    )
  })

  it('says when to try again when Jobindsats limits the calls', async () => {
    const source = replay(recording('fejl-for-mange-kald.json'))

    const error = await failure(fetchJobindsats(soenderborgSpring, { fetch: source.fetch, apiKey, now }))

    expect(error.code).toBe('too_many_requests')
    expect(error.message).toBe('Jobindsats afviser flere forespørgsler fra organisationens nøgle lige nu. Prøv igen om 2 minutter.')
  })

  it('gives up with a Danish message when Jobindsats does not answer in time', async () => {
    const source = replay(recording('y60a02-soenderborg-maaneder.json'), { hang: true })

    const error = await failure(fetchJobindsats(soenderborgSpring, { fetch: source.fetch, apiKey, now, timeoutMs: 25 }))

    expect(source.calls).toBe(1)
    expect(error.code).toBe('source_unavailable')
    expect(error.message).toBe('Jobindsats svarede ikke inden for 25 millisekunder. Prøv igen om lidt.')
  })

  it('says the answer could not be read when the body is not JSON', async () => {
    const source = replay(recording('afbrudt-svar.json'))

    const error = await failure(fetchJobindsats(soenderborgSpring, { fetch: source.fetch, apiKey, now }))

    expect(error.code).toBe('internal')
    expect(error.message).toBe('Svaret fra Jobindsats kunne ikke læses. Prøv igen senere, og kontakt en administrator, hvis det bliver ved.')
  })

  it('lists the measures the table has when the one asked for is not among them', async () => {
    const source = replay(recording('y60a02-soenderborg-maaneder.json'))

    const error = await failure(fetchJobindsats({ ...soenderborgSpring, measure: 'Andel i job' }, { fetch: source.fetch, apiKey, now }))

    expect(error.code).toBe('validation')
    expect(error.message).toBe(
      'Tabellen y60a02 hos Jobindsats har ingen måling, der hedder "Andel i job". Svaret har: "Antal personer", "Antal fuldtidspersoner", "Fuldtidspersoner i pct. af arbejdsstyrken 16-66 år", "Fuldtidspersoner i pct. af befolkningen 16-66 år".',
    )
  })

  it('suggests the name Jobindsats uses when the municipality is misspelt', async () => {
    const source = replay(recording('y60a02-soenderborg-maaneder.json'))

    const error = await failure(fetchJobindsats({ ...soenderborgSpring, area: 'Sønderborgg' }, { fetch: source.fetch, apiKey, now }))

    expect(error.code).toBe('validation')
    expect(error.message).toBe('Jobindsats har ingen tal for "Sønderborgg" i tabellen y60a02. Mente du "Sønderborg"? Skriv kommunens navn, som Jobindsats skriver det.')
  })

  it('refuses rolling years and mixed kinds of periods before asking', async () => {
    const rolling = await failure(fetchJobindsats({ ...soenderborgSpring, periods: ['2023QMAT02'] }, { fetch: noNetwork().fetch, apiKey, now }))
    expect(rolling.code).toBe('validation')
    expect(rolling.message).toBe(
      'Perioden "2023QMAT02" kan ikke hentes fra Jobindsats. Det er et løbende år (de 12 måneder til og med et kvartal eller en måned), og Indsats gemmer kun kalenderperioder. Vælg måneder, kvartaler eller år.',
    )

    const mixed = await failure(fetchJobindsats({ ...soenderborgSpring, periods: ['2023M04', '2023K2'] }, { fetch: noNetwork().fetch, apiKey, now }))
    expect(mixed.message).toBe('Hent én slags perioder ad gangen fra Jobindsats: kun måneder, kun kvartaler eller kun år.')
  })

  it('reads Danish figures written as text, and ".." as no figure', async () => {
    const answer = {
      columns: ['Periode', 'Kommune', 'Ydelsesgruppe', 'Antal fuldtidspersoner'],
      rows: [
        ['2023Q1', 'Varde', 'Kontanthjælp', '1.234,5'],
        ['2023Q2', 'Varde Kommune', 'Kontanthjælp', '..'],
      ],
    }
    // A BOM before the JSON, as some Jobindsats answers start with.
    const fetchOnce = (async () => new Response(`\uFEFF${JSON.stringify(answer)}`, { status: 200 })) as typeof fetch

    const result = await fetchJobindsats(
      { table: 'y60a02', area: 'Varde', periods: ['2023Q1', '2023Q2'], measure: 'Antal fuldtidspersoner', hierarchies: { _ygrpi09: '/3/' } },
      { fetch: fetchOnce, apiKey, now },
    )

    expect(result.source.url).toBe(
      'https://api.jobindsats.dk/v3/data/y60a02?mgroup.*=*&period.Q=2023Q1%2C2023Q2&hierarchy._nykom=*&hierarchy._ygrpi09=%2F3%2F&format=json',
    )
    expect(result.rows).toEqual([
      { period: '2023-Q1', value: 1234.5, labels: { Kommune: 'Varde', Ydelsesgruppe: 'Kontanthjælp' }, codes: {} },
      { period: '2023-Q2', value: null, labels: { Kommune: 'Varde Kommune', Ydelsesgruppe: 'Kontanthjælp' }, codes: {} },
    ])
  })
})

describe('jobindsatsPeriod', () => {
  it.each([
    ['2023M05', '2023-05'],
    ['2023Q2', '2023-Q2'],
    ['2023K2', '2023-Q2'],
    ['2023', '2023'],
  ])('reads %s as %s', (code, period) => {
    expect(jobindsatsPeriod(code)).toBe(period)
  })

  it.each(['2023QMAT02', '2023MAT05', '2023M13', '2023Q5', '2023-05', ''])('refuses %j', (code) => {
    expect(jobindsatsPeriod(code)).toBeNull()
  })
})
