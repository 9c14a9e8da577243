import { describe, expect, it } from 'vitest'
import { CHART_HEIGHT, CHART_WIDTH, chartPng, renderChartPng, statusReportChartSvg, yScale } from './status-report-chart.ts'
import type { ChartData } from './status-report.ts'

const activation: ChartData = {
  title: 'Aktiveringsgrad blandt de ledige',
  measure: 'share',
  unit: '%',
  area: [
    { period: '2022-Q3', value: 24.5 },
    { period: '2022-Q4', value: 28 },
    { period: '2023-Q1', value: 31.25 },
    { period: '2023-Q2', value: 33 },
  ],
  comparison: [
    { period: '2022-Q4', value: 33 },
    { period: '2023-Q2', value: 34 },
  ],
  baseline: { period: '2021-02', value: 20 },
  trajectory: { from: { period: '2021-02', value: 20 }, toDate: '2025-08-31', toValue: 85 },
  period: '2023-Q2',
}

const unemployed: ChartData = {
  title: 'Antal beboere omfattet af det fremskudte jobcenter',
  measure: 'count',
  unit: '',
  area: [
    { period: '2022-Q4', value: 1221 },
    { period: '2023-Q1', value: 1190 },
  ],
  comparison: [{ period: '2022-Q4', value: 1736 }],
  baseline: { period: '2021-02', value: 1233 },
  trajectory: null,
  period: '2023-Q1',
}

const polylines = (svg: string) => [...svg.matchAll(/<polyline points="([^"]+)"[^>]*stroke="(#[0-9A-F]{6})"/g)].map((m) => ({ points: m[1]!.split(' ').length, colour: m[2] }))
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/\u00a0/g, ' '))

describe('statusReportChartSvg', () => {
  const svg = statusReportChartSvg(activation)

  it('is an SVG of fixed size with a title and a description for screen readers', () => {
    expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}"`))
    expect(svg).toContain('<title>Aktiveringsgrad blandt de ledige</title>')
    expect(svg.replace(/\u00a0/g, ' ')).toMatch(/<desc>Boligområde\/målgruppe: 3\. kvartal 2022 24,5 %, 4\. kvartal 2022 28 %, 1\. kvartal 2023 31,25 %, 2\. kvartal 2023 33 %\./)
    expect(svg).toContain('font-family="Roboto"')
  })

  it('draws the area as a line through a point per value, and the comparison as a dashed line with its own points', () => {
    expect(polylines(svg)).toEqual([
      { points: 2, colour: '#C55A11' },
      { points: 4, colour: '#1F5FA8' },
    ])
    expect(svg.match(/<circle [^>]*fill="#1F5FA8"/g)).toHaveLength(4 + 1) // four values and the legend's sample
    expect(svg.match(/<rect [^>]*fill="#C55A11"/g)).toHaveLength(2 + 1)
    expect(svg).toMatch(/<polyline [^>]*stroke="#C55A11"[^>]*stroke-dasharray="6 3"/)
  })

  it('draws the straight line from the baseline to the target, and the baseline as a point', () => {
    expect(svg).toMatch(/<line [^>]*stroke="#4D4D4D" stroke-width="1.5" stroke-dasharray="2 3"\/>/)
    expect(svg.match(/<path d="M [^"]+ Z" fill="#000000"\/>/g)).toHaveLength(2) // the baseline and the legend's sample
    expect(texts(svg)).toContain('Måltal 85 %')
  })

  it('labels the axes in Danish: percentages on the y axis, quarters and years on the x axis, and a legend', () => {
    const labels = texts(svg)
    expect(labels).toEqual(expect.arrayContaining(['0 %', '20 %', '40 %', '100 %', 'K1', 'K3', '2022', '2023', '2025']))
    expect(labels).toEqual(expect.arrayContaining(['Boligområde/målgruppe', 'Sammenligning (kommune)', 'Forventet vej mod måltal', 'Baseline']))
    expect(labels).toContain('33 %') // the latest value, beside its point
  })

  it('writes counts with Danish thousands separators, and leaves out the municipality’s count of another population', () => {
    const counts = statusReportChartSvg(unemployed)
    expect(texts(counts)).toEqual(expect.arrayContaining(['0', '250', '1.000', '1.250', '1.190']))
    expect(polylines(counts)).toEqual([{ points: 2, colour: '#1F5FA8' }])
    expect(texts(counts)).not.toContain('Sammenligning (kommune)')
  })

  it('says so when there is nothing to draw', () => {
    const empty = statusReportChartSvg({ ...activation, area: [], comparison: [], baseline: null, trajectory: null })
    expect(texts(empty)).toContain('Ingen værdier til og med perioden')
    expect(empty).not.toContain('<polyline')
  })

  it('escapes text that would break the XML', () => {
    expect(statusReportChartSvg({ ...activation, title: 'Ledige <30 år & "unge"' })).toContain('<title>Ledige &lt;30 år &amp; &quot;unge&quot;</title>')
  })
})

describe('yScale', () => {
  it('ends the axis at a round number above the largest value, and never above 100 % for shares', () => {
    expect(yScale(85, 'share')).toEqual({ top: 100, step: 20 })
    expect(yScale(19.6, 'share')).toEqual({ top: 20, step: 5 })
    expect(yScale(1736, 'count')).toEqual({ top: 2000, step: 500 })
    expect(yScale(3, 'count').step).toBe(1)
  })
})

describe('chartPng', () => {
  it('renders a PNG twice the chart’s size with the bundled fonts, the same every time', () => {
    const svg = statusReportChartSvg(activation)
    const png = chartPng(svg)
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    // The IHDR chunk: width and height, big-endian, at bytes 16-23.
    expect(png.readUInt32BE(16)).toBe(CHART_WIDTH * 2)
    expect(png.readUInt32BE(20)).toBe(CHART_HEIGHT * 2)
    expect(renderChartPng(svg).equals(png)).toBe(true)
    expect(chartPng(svg, 1).readUInt32BE(16)).toBe(CHART_WIDTH)
  })

  it('draws a chart once for every report format, and a changed chart afresh', () => {
    const svg = statusReportChartSvg(activation)
    const first = chartPng(svg)
    expect(chartPng(svg)).toBe(first)
    const changed = statusReportChartSvg({ ...activation, title: `${activation.title} (rettet)` })
    expect(changed).not.toBe(svg)
    const other = chartPng(changed)
    expect(other).not.toBe(first)
    expect(other.equals(renderChartPng(changed))).toBe(true)
  })
})
