import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import { populationLabels, type PeriodKey } from '../../../shared/indicators.ts'
import { formatMonth, formatNumber, formatPercentValue } from '../../../shared/lib/format.ts'
import { dayNumber, parsePeriod, type PeriodKind, periodLabel, periodOfDate, periodPosition } from '../../../shared/lib/period.ts'
import type { ChartData, ChartPoint } from './status-report.ts'

// One indicator row's follow-up as a line chart: the area, the comparison population, the status
// rule's straight line from baseline to target, and the baseline itself. An SVG string, drawn
// without a browser: pdfmake puts the SVG straight into the PDF; Word and Excel get a PNG made by
// resvg (chartPng). Only presentation attributes, no CSS, and only elements svg-to-pdfkit (pdfmake)
// draws: lines, polylines, circles, rects, paths and plain text.
//
// The x axis is time, each value at its period's LAST day (lib/period.ts), so the baseline, a
// quarter and the agreement's end date sit where they were measured. Counts of the area and of the
// municipality are different populations (233 against 1.736): the comparison is drawn for shares
// only, where the two are rates and can be read against each other; the table gives both.

export const CHART_WIDTH = 640
export const CHART_HEIGHT = 260

const FONT = 'Roboto'
const PLOT = { left: 60, right: 18, bottom: 46 }
/** Height of one line of the legend above the plot. */
const LEGEND_LINE = 20
const COLOURS = { area: '#1F5FA8', comparison: '#C55A11', trajectory: '#4D4D4D', baseline: '#000000', grid: '#D9D9D9', axis: '#595959', text: '#262626', period: '#A6A6A6' }
/** A little over the average width of a Roboto character at 11 px (5,0-5,9 measured), to lay out the legend without measuring text. */
const CHAR_WIDTH = 5.9

const round1 = (n: number) => Math.round(n * 10) / 10

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  const extra = Object.entries({ 'font-family': FONT, 'font-size': 11, fill: COLOURS.text, ...attrs })
    .map(([k, v]) => `${k}="${escapeXml(String(v))}"`)
    .join(' ')
  return `<text x="${round1(x)}" y="${round1(y)}" ${extra}>${escapeXml(content)}</text>`
}

/** A value as the y axis and labels show it: "20 %", "1.736". */
function formatValue(value: number, data: ChartData): string {
  return data.measure === 'share' ? formatPercentValue(value) : formatNumber(value)
}

/** 0 … a round number above the largest value, in 4-6 steps of 1, 2, 2,5 or 5 × 10ⁿ. */
export function yScale(max: number, measure: ChartData['measure']): { top: number; step: number } {
  if (!(max > 0)) return { top: measure === 'share' ? 10 : 5, step: measure === 'share' ? 2 : 1 }
  const raw = max / 5
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!
  // Counts are whole people: never a step of 0,5 or 2,5 persons below 10.
  const whole = measure === 'count' ? Math.max(1, step < 10 ? Math.ceil(step) : step) : step
  let top = Math.ceil(max / whole) * whole
  if (top === max) top += whole
  // A share never needs an axis above 100 %.
  if (measure === 'share' && top > 100) top = 100
  return { top, step: whole }
}

function nextPeriod(key: PeriodKey, kind: PeriodKind): PeriodKey {
  const y = Number(key.slice(0, 4))
  switch (kind) {
    case 'year':
      return String(y + 1)
    case 'half-year':
      return key.endsWith('H1') ? `${y}-H2` : `${y + 1}-H1`
    case 'quarter': {
      const q = Number(key.slice(6))
      return q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`
    }
    default: {
      const m = Number(key.slice(5, 7))
      return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
    }
  }
}

/** The first line of a tick's label ("K2", "H1", "maj", "2023") and the year for the second line. */
function tickLabel(key: PeriodKey, kind: PeriodKind): { first: string; year: string | null } {
  const year = key.slice(0, 4)
  switch (kind) {
    case 'year':
      return { first: year, year: null }
    case 'half-year':
      return { first: `H${key.slice(6)}`, year }
    case 'quarter':
      return { first: `K${key.slice(6)}`, year }
    default:
      // "maj 2023" → "maj": the month's short name, the year goes on the line below.
      return { first: formatMonth(Number(year), Number(key.slice(5, 7))).slice(0, 3), year }
  }
}

interface Tick {
  key: PeriodKey
  day: number
}

/** A tick per period of the series' own kind, from the first day shown to the last. */
function ticks(data: ChartData, fromDay: number, toDay: number, fromKey: PeriodKey): { kind: PeriodKind; ticks: Tick[] } {
  const kinds = [...data.area, ...data.comparison].map((p) => parsePeriod(p.period)?.kind)
  const own = kinds.find((k) => k !== undefined) ?? parsePeriod(data.period)?.kind ?? 'year'
  // Days are too many to label one by one: a series of counts taken on dates is labelled by month.
  let kind: PeriodKind = own === 'day' ? 'month' : own
  // Twelve years of months are too many ticks too: fall back to quarters, then to years.
  const spanYears = (toDay - fromDay) / 365
  if (kind === 'month' && spanYears > 3) kind = 'quarter'
  if ((kind === 'quarter' || kind === 'half-year') && spanYears > 8) kind = 'year'
  const startEnd = parsePeriod(fromKey)!.end
  let key = periodOfDate(startEnd, kind)!
  const out: Tick[] = []
  for (let guard = 0; guard < 500; guard++, key = nextPeriod(key, kind)) {
    const day = periodPosition(key)!
    if (day > toDay) break
    if (day >= fromDay) out.push({ key, day })
  }
  return { kind, ticks: out }
}

/** The chart of one indicator row, CHART_WIDTH × CHART_HEIGHT, as an SVG document. */
export function statusReportChartSvg(data: ChartData): string {
  const W = CHART_WIDTH
  const H = CHART_HEIGHT
  const comparison = data.measure === 'share' ? data.comparison : []
  const key = legend(data, comparison.length > 0, data.baseline !== null)
  const plotTop = key.height + 14
  const plotW = W - PLOT.left - PLOT.right
  const plotH = H - plotTop - PLOT.bottom

  const positioned = (p: ChartPoint) => ({ ...p, day: periodPosition(p.period)! })
  const area = data.area.filter((p) => periodPosition(p.period) !== null).map(positioned)
  const comp = comparison.filter((p) => periodPosition(p.period) !== null).map(positioned)
  const baseline = data.baseline && periodPosition(data.baseline.period) !== null ? positioned(data.baseline) : null
  const trajectoryEnd = data.trajectory ? dayNumber(data.trajectory.toDate) : null

  // The time shown: from the baseline (or the first value) to the later of the period's end and the target's date.
  const periodEnd = periodPosition(data.period)!
  const days = [periodEnd, ...area.map((p) => p.day), ...comp.map((p) => p.day), ...(baseline ? [baseline.day] : []), ...(trajectoryEnd !== null ? [trajectoryEnd] : [])]
  const firstKey = baseline?.period ?? area[0]?.period ?? comp[0]?.period ?? data.period
  const dataStart = Math.min(...days)
  const dataEnd = Math.max(...days)
  const pad = Math.max(20, (dataEnd - dataStart) * 0.03)
  const x0 = dataStart - pad
  const x1 = dataEnd + pad
  const x = (day: number) => PLOT.left + ((day - x0) / (x1 - x0)) * plotW

  const values = [...area, ...comp].map((p) => p.value)
  if (baseline) values.push(baseline.value)
  if (data.trajectory) values.push(data.trajectory.toValue)
  const { top, step } = yScale(Math.max(0, ...values), data.measure)
  const y = (v: number) => plotTop + plotH - (v / top) * plotH

  const parts: string[] = []
  const description = [
    `${populationLabels.area}: ${area.length ? area.map((p) => `${periodLabel(p.period)} ${formatValue(p.value, data)}`).join(', ') : 'ingen værdier'}.`,
    comp.length ? `${populationLabels.comparison}: ${comp.map((p) => `${periodLabel(p.period)} ${formatValue(p.value, data)}`).join(', ')}.` : '',
    baseline ? `Baseline ${formatValue(baseline.value, data)} (${periodLabel(baseline.period)}).` : '',
    data.trajectory ? `Måltal ${formatValue(data.trajectory.toValue, data)}.` : '',
  ]
    .filter(Boolean)
    .join(' ')
  parts.push(`<title>${escapeXml(data.title)}</title>`, `<desc>${escapeXml(description)}</desc>`)
  parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#FFFFFF"/>`)

  // Grid and y axis: Danish numbers ("1.500", "20 %").
  for (let v = 0; v <= top + step / 1000; v += step) {
    const yy = round1(y(v))
    parts.push(`<line x1="${PLOT.left}" y1="${yy}" x2="${W - PLOT.right}" y2="${yy}" stroke="${v === 0 ? COLOURS.axis : COLOURS.grid}" stroke-width="${v === 0 ? 1 : 0.7}"/>`)
    parts.push(text(PLOT.left - 6, yy + 4, formatValue(Math.round(v * 1000) / 1000, data), { 'text-anchor': 'end', fill: COLOURS.axis }))
  }
  if (data.unit && data.measure === 'count') parts.push(text(PLOT.left - 6, plotTop - 8, data.unit, { 'text-anchor': 'end', fill: COLOURS.axis, 'font-size': 10 }))

  // X axis: a tick per period, labels thinned to fit, the year under the first tick of each year.
  const { kind, ticks: all } = ticks(data, x0, x1, firstKey)
  const minGap = kind === 'year' ? 38 : 26
  const stride = Math.max(1, Math.ceil(minGap / (plotW / Math.max(1, all.length))))
  let lastYear: string | null = null
  all.forEach((t, i) => {
    const xx = round1(x(t.day))
    parts.push(`<line x1="${xx}" y1="${plotTop + plotH}" x2="${xx}" y2="${plotTop + plotH + 4}" stroke="${COLOURS.axis}" stroke-width="0.7"/>`)
    if (i % stride !== 0) return
    const label = tickLabel(t.key, kind)
    parts.push(text(xx, plotTop + plotH + 16, label.first, { 'text-anchor': 'middle', fill: COLOURS.axis }))
    if (label.year && label.year !== lastYear) {
      parts.push(text(xx, plotTop + plotH + 30, label.year, { 'text-anchor': 'middle', fill: COLOURS.axis, 'font-weight': 'bold' }))
      lastYear = label.year
    }
  })

  // The end of the chosen period: what lies to the right of it is the way ahead, not data.
  const pe = round1(x(periodEnd))
  parts.push(`<line x1="${pe}" y1="${plotTop}" x2="${pe}" y2="${plotTop + plotH}" stroke="${COLOURS.period}" stroke-width="1" stroke-dasharray="3 3"/>`)

  if (data.trajectory && trajectoryEnd !== null && baseline) {
    const tx = round1(x(trajectoryEnd))
    const ty = round1(y(data.trajectory.toValue))
    parts.push(
      `<line x1="${round1(x(baseline.day))}" y1="${round1(y(baseline.value))}" x2="${tx}" y2="${ty}" stroke="${COLOURS.trajectory}" stroke-width="1.5" stroke-dasharray="2 3"/>`,
      `<circle cx="${tx}" cy="${ty}" r="3.5" fill="#FFFFFF" stroke="${COLOURS.trajectory}" stroke-width="1.5"/>`,
      text(tx - 6, ty + (ty < plotTop + 14 ? 14 : -7), `Måltal ${formatValue(data.trajectory.toValue, data)}`, { 'text-anchor': 'end', fill: COLOURS.trajectory, 'font-size': 10 }),
    )
  }

  const polyline = (points: { day: number; value: number }[], colour: string, dash?: string) =>
    points.length > 1
      ? `<polyline points="${points.map((p) => `${round1(x(p.day))},${round1(y(p.value))}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="2.2" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`
      : ''
  parts.push(polyline(comp, COLOURS.comparison, '6 3'))
  for (const p of comp) parts.push(`<rect x="${round1(x(p.day) - 3.5)}" y="${round1(y(p.value) - 3.5)}" width="7" height="7" fill="${COLOURS.comparison}"/>`)
  parts.push(polyline(area, COLOURS.area))
  for (const p of area) parts.push(`<circle cx="${round1(x(p.day))}" cy="${round1(y(p.value))}" r="3.8" fill="${COLOURS.area}" stroke="#FFFFFF" stroke-width="1"/>`)
  const last = area.at(-1)
  if (last) {
    // Beside the latest point, kept inside the picture when the point is near either edge.
    const lx = x(last.day)
    const anchor = lx > W - 40 ? 'end' : lx < PLOT.left + 30 ? 'start' : 'middle'
    parts.push(text(anchor === 'end' ? lx + 4 : anchor === 'start' ? lx - 4 : lx, y(last.value) - 8, formatValue(last.value, data), { 'text-anchor': anchor, fill: COLOURS.area, 'font-weight': 'bold' }))
  }

  if (baseline) {
    const bx = round1(x(baseline.day))
    const by = round1(y(baseline.value))
    parts.push(`<path d="M ${bx} ${round1(by - 5.5)} L ${round1(bx + 5.5)} ${by} L ${bx} ${round1(by + 5.5)} L ${round1(bx - 5.5)} ${by} Z" fill="${COLOURS.baseline}"/>`)
  }

  if (area.length === 0 && comp.length === 0) {
    parts.push(text(PLOT.left + plotW / 2, plotTop + plotH / 2, 'Ingen værdier til og med perioden', { 'text-anchor': 'middle', fill: COLOURS.axis }))
  }

  parts.push(key.svg)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" font-family="${FONT}">`,
    ...parts.filter(Boolean),
    '</svg>',
  ].join('\n')
}

function legend(data: ChartData, withComparison: boolean, withBaseline: boolean): { svg: string; height: number } {
  const items: { label: string; swatch: (x: number, y: number) => string }[] = [
    {
      label: populationLabels.area,
      swatch: (x, y) => `<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${COLOURS.area}" stroke-width="2.2"/><circle cx="${x + 11}" cy="${y}" r="3.8" fill="${COLOURS.area}"/>`,
    },
  ]
  if (withComparison) {
    items.push({
      label: populationLabels.comparison,
      swatch: (x, y) =>
        `<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${COLOURS.comparison}" stroke-width="2.2" stroke-dasharray="6 3"/><rect x="${x + 7.5}" y="${y - 3.5}" width="7" height="7" fill="${COLOURS.comparison}"/>`,
    })
  }
  if (data.trajectory) {
    items.push({
      label: 'Forventet vej mod måltal',
      swatch: (x, y) => `<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${COLOURS.trajectory}" stroke-width="1.5" stroke-dasharray="2 3"/>`,
    })
  }
  if (withBaseline) {
    items.push({
      label: 'Baseline',
      swatch: (x, y) => `<path d="M ${x + 11} ${y - 5.5} L ${x + 16.5} ${y} L ${x + 11} ${y + 5.5} L ${x + 5.5} ${y} Z" fill="${COLOURS.baseline}"/>`,
    })
  }
  // Left to right, on as many lines as it takes (four items do not fit on one line of 640 px).
  const out: string[] = []
  const widths = items.map((item) => 28 + item.label.length * CHAR_WIDTH)
  const left = 8
  let x = left
  let line = 0
  items.forEach((item, i) => {
    if (x > left && x + widths[i]! > CHART_WIDTH - 8) {
      x = left
      line++
    }
    const y = 14 + line * LEGEND_LINE
    out.push(item.swatch(x, y), text(x + 28, y + 4, item.label))
    x += widths[i]! + 16
  })
  return { svg: out.join(''), height: 14 + line * LEGEND_LINE + 6 }
}

// ---------------------------------------------------------------------------------------------
// PNG for Word and Excel

const require = createRequire(import.meta.url)
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto')
// The Roboto files pdfmake ships, and no system fonts: the PNG is the same on every machine.
const FONT_FILES = ['Roboto-Regular.ttf', 'Roboto-Medium.ttf', 'Roboto-Italic.ttf', 'Roboto-MediumItalic.ttf'].map((f) => path.join(FONT_DIR, f))

/**
 * Rasterised charts kept by their SVG text and scale: the same chart drawn again (the Word and the
 * Excel report of one period, a board member downloading the report twice) is not rasterised again.
 * The key is the whole SVG, so a changed value or label is a new entry and nothing can go stale.
 * About 50 KB a chart; the oldest go first.
 */
const PNG_KEPT = 128
const pngs = new Map<string, Buffer>()

/** The chart as a PNG, `scale` times the SVG's size (2: sharp when printed at the text width of A4). */
export function chartPng(svg: string, scale = 2): Buffer {
  const key = `${scale}|${createHash('sha256').update(svg).digest('base64')}`
  const kept = pngs.get(key)
  if (kept) {
    pngs.delete(key)
    pngs.set(key, kept)
    return kept
  }
  const png = renderChartPng(svg, scale)
  if (pngs.size >= PNG_KEPT) pngs.delete(pngs.keys().next().value!)
  pngs.set(key, png)
  return png
}

/** The chart rasterised afresh, without the kept ones. */
export function renderChartPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: CHART_WIDTH * scale },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT },
    background: '#FFFFFF',
  })
  return resvg.render().asPng()
}
