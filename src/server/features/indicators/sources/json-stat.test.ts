import { describe, expect, it } from 'vitest'
import { readRecording } from '../../../../../tests/fixtures/sources/replay.ts'
import { JsonStatFormatError, readJsonStat } from './json-stat.ts'

const cellsAsText = (table: ReturnType<typeof readJsonStat>) =>
  table.cells.map((c) => `${Object.values(c.categories).map((k) => k.code).join('/')}=${c.value}`)

describe('readJsonStat', () => {
  it('reads the JSON-stat 1.x bundle StatBank answers format JSONSTAT with', () => {
    const table = readJsonStat(readRecording('statbank', 'auk01-soenderborg-kvartaler.json').response.body)

    expect(table.label).toBe('Offentligt forsørgede (fuldtidsmodtagere) efter område, ydelsestype, køn, alder, Indhold og tid')
    expect(table.source).toBe('Danmarks Statistik')
    expect(table.updated).toBe('2024-03-08T07:00:00Z')
    expect(table.dimensions.map((d) => d.id)).toEqual(['OMRÅDE', 'YDELSESTYPE', 'KØN', 'ALDER', 'ContentsCode', 'Tid'])
    expect(table.roles).toEqual({ time: ['Tid'], geo: ['OMRÅDE'], metric: ['ContentsCode'] })
    expect(table.cells).toHaveLength(4)
    expect(table.cells[1]).toEqual({
      categories: {
        OMRÅDE: { code: '540', label: 'Sønderborg' },
        YDELSESTYPE: { code: 'TOTUSU', label: 'I alt uden SU-modtagere' },
        KØN: { code: 'TOT', label: 'I alt' },
        ALDER: { code: 'TOT', label: 'Alder i alt' },
        ContentsCode: { code: 'AUK01', label: 'Offentligt forsørgede (fuldtidsmodtagere)' },
        Tid: { code: '2023K2', label: '2023K2' },
      },
      value: 7389,
      status: null,
    })
  })

  it('lets the last dimension vary fastest (row-major), in both dialects', () => {
    const dims = {
      OMRÅDE: { label: 'område', category: { index: { '540': 0, '573': 1 }, label: { '540': 'Sønderborg', '573': 'Varde' } } },
      Tid: { label: 'tid', category: { index: ['2023K1', '2023K2', '2023K3'] } },
    }
    const v1 = readJsonStat({ dataset: { dimension: { ...dims, id: ['OMRÅDE', 'Tid'], size: [2, 3] }, value: [1, 2, 3, 4, 5, 6] } })
    const v2 = readJsonStat({ version: '2.0', class: 'dataset', id: ['OMRÅDE', 'Tid'], size: [2, 3], dimension: dims, value: [1, 2, 3, 4, 5, 6] })

    const expected = ['540/2023K1=1', '540/2023K2=2', '540/2023K3=3', '573/2023K1=4', '573/2023K2=5', '573/2023K3=6']
    expect(cellsAsText(v1)).toEqual(expected)
    expect(cellsAsText(v2)).toEqual(expected)
    // No label: the code stands in.
    expect(v2.cells[0]?.categories.Tid).toEqual({ code: '2023K1', label: '2023K1' })
  })

  it('keeps a missing figure as null and reads sparse values and statuses', () => {
    const table = readJsonStat({
      version: '2.0',
      class: 'dataset',
      id: ['Tid'],
      size: [3],
      dimension: { Tid: { category: { index: { '2023': 0, '2024': 1, '2025': 2 } } } },
      value: { '0': 12.5, '2': null },
      status: { '1': '..' },
    })
    expect(table.cells.map((c) => [c.categories.Tid?.code, c.value, c.status])).toEqual([
      ['2023', 12.5, null],
      ['2024', null, '..'],
      ['2025', null, null],
    ])
  })

  it('takes the order from the labels when a dimension has no index', () => {
    const table = readJsonStat({
      class: 'dataset',
      id: ['ContentsCode', 'Tid'],
      size: [1, 2],
      dimension: {
        ContentsCode: { category: { label: { AUK01: 'Offentligt forsørgede' } } },
        Tid: { category: { index: ['2023', '2024'] } },
      },
      value: [10, 11],
    })
    expect(cellsAsText(table)).toEqual(['AUK01/2023=10', 'AUK01/2024=11'])
  })

  it.each([
    ['not an object', 'nonsense'],
    ['a collection', { class: 'collection', link: {} }],
    ['no dataset', { error: 'x' }],
    ['sizes that do not fit the categories', { class: 'dataset', id: ['Tid'], size: [2], dimension: { Tid: { category: { index: ['2023'] } } }, value: [1, 2] }],
    ['too few figures', { class: 'dataset', id: ['Tid'], size: [2], dimension: { Tid: { category: { index: ['2023', '2024'] } } }, value: [1] }],
    ['a figure that is text', { class: 'dataset', id: ['Tid'], size: [1], dimension: { Tid: { category: { index: ['2023'] } } }, value: ['..'] }],
    ['a dimension listed but not described', { class: 'dataset', id: ['Tid', 'OMRÅDE'], size: [1, 1], dimension: { Tid: { category: { index: ['2023'] } } }, value: [1] }],
    ['two categories at one position', { class: 'dataset', id: ['Tid'], size: [2], dimension: { Tid: { category: { index: { a: 0, b: 0 } } } }, value: [1, 2] }],
    ['a sparse position outside the cube', { class: 'dataset', id: ['Tid'], size: [1], dimension: { Tid: { category: { index: ['2023'] } } }, value: { '5': 1 } }],
  ])('refuses %s', (_, input) => {
    expect(() => readJsonStat(input)).toThrow(JsonStatFormatError)
  })
})
