import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { effortAreaNames, formatBaselineTime, formatMeasure } from '../../../shared/agreement-wording.ts'
import { type AgreementFile, frequencyLabels, weekdayLabels } from '../../../shared/agreements.ts'
import { formatDay, formatNumber, formatShortDate } from '../../../shared/lib/format.ts'
import { plainText } from '../../../shared/lib/text-blocks.ts'
import {
  type Block,
  type DocumentModel,
  type TableBlock,
  agreementDocumentModel,
  tableGrid,
  templateText,
} from './agreement-document.ts'
import { parseAgreementFile } from './agreement-file.ts'

const FIXTURE = path.resolve(import.meta.dirname, '../../../../tests/fixtures/agreements/minimal.yaml')
const META = { effortAreaName: 'Beskæftigelse', revisionNumber: 3, generatedAt: new Date('2026-01-05T10:00:00Z') }

function fixture(): AgreementFile {
  const parsed = parseAgreementFile(fs.readFileSync(FIXTURE, 'utf8'))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  return parsed.file
}

function blocksOf(model: DocumentModel): Block[] {
  return [...model.preamble, ...model.sections.flatMap((s) => s.blocks)]
}

function tables(model: DocumentModel): TableBlock[] {
  return blocksOf(model).filter((b): b is TableBlock => b.kind === 'table')
}

/** Every word the model would print, in reading order, with no-break spaces as plain spaces. */
function modelText(model: DocumentModel): string {
  const parts: string[] = [model.title, model.headerText, ...Object.values(model.properties).map(String)]
  const block = (b: Block) => {
    if (b.kind === 'paragraph' || b.kind === 'subheading') parts.push(b.text)
    else if (b.kind === 'bullets' || b.kind === 'numbered') parts.push(...b.items)
    else parts.push(...b.header, ...b.rows.flatMap((r) => r.cells.map((c) => c.text)))
  }
  model.preamble.forEach(block)
  for (const s of model.sections) {
    parts.push(s.heading)
    s.blocks.forEach(block)
  }
  parts.push(...model.footnotes.map((f) => f.text))
  return parts.join('\n').replace(/\u00a0/g, ' ')
}

const goalTable = (model: DocumentModel) => tables(model).find((t) => t.id === 'delmaal')!

describe('agreementDocumentModel', () => {
  const file = fixture()
  const model = agreementDocumentModel(file, META)

  it('lays the sections out in the order of the funder’s template, one schema per activity', () => {
    const h = templateText.headings
    expect(model.title).toBe('Delaftale for indsatsområdet Beskæftigelse')
    expect(model.sections.map((s) => `${s.level} ${s.heading}`)).toEqual([
      `1 ${h.initiative}`,
      `1 ${h.period}`,
      `1 ${h.parties}`,
      `1 ${h.goals}`,
      `1 ${h.activities}`,
      `1 ${h.staff}`,
      `1 ${h.municipal}`,
      `1 ${h.revision}`,
      `1 ${h.schemas}`,
      '2 Aktivitetsnavn: Åben rådgivning',
      '3 Formål:',
      '3 Delmål:',
      '3 Målgruppe(r):',
      '3 Indhold og praksis:',
      '3 Eksempel:',
      '3 Kilde:',
      '3 Ansvars- og rollefordeling:',
      '2 Aktivitetsnavn: Praktikpladser til udsatte ledige',
      '1 Bilag: Overblik',
    ])
  })

  it('opens with the template’s fixed paragraphs, then the revision and the plan', () => {
    const texts = model.preamble.map((b) => (b.kind === 'paragraph' ? b.text : ''))
    // The file's own title differs from the template title, so it is kept as a lead line.
    expect(texts[0]).toBe('Delaftale om beskæftigelse i Ærø Øst')
    expect(texts.slice(1, 4)).toEqual([...templateText.intro])
    expect(texts[1]).toMatch(/^Bestyrelsen for den boligsociale indsats har ansvar for, at denne delaftale til hver en tid understøtter/)
    expect(texts[4]).toBe('Revision 3 · gældende fra 15. marts 2024 · Bestyrelsens beslutning: Bestyrelsesmøde 14. marts 2024, pkt. 4')
    expect(texts).toContain('Note til revisionen: Måltal for hold justeret efter første år.')
    expect(texts).toContain('Helhedsplan: Ærø Øst og Åby · Kommune: Ærøby · Prioriteringsperiode: 2019-26')
    expect(texts).toContain('Boligområder: Åbakken, Østervænget · Afdelinger: 12 (Åbakken I, Åbakken), 14')
  })

  it('prints the name line by line, the vision, the period in long Danish dates and the parties', () => {
    const [name, period, parties] = model.sections
    expect(name!.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual([
      'Den boligsociale helhedsplan',
      '- Sammen i Ærø Øst',
      '”Alle beboere skal have en vej ind i fællesskabet og på arbejdsmarkedet[^1].”',
    ])
    expect(period!.blocks).toEqual([{ kind: 'paragraph', text: '1. september 2021 – 31. august 2025' }])
    expect(parties!.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual([
      'Jobcenter Ærøby v. Anne Ørsted (Ærøby Kommune: Jobaktiv)',
      'ÆØÅ Boligselskab',
    ])
  })

  it('puts the six template columns first in the goal table and one row per indicator row', () => {
    const table = goalTable(model)
    expect(table.header).toEqual(['Delmål', 'Indikator', 'Baseline boligområde / målgruppe', 'Evt. anden baseline (kommune)', 'Baseline år', 'Datakilde'])
    const grid = tableGrid(table).map((row) => row.map((c) => (c ? c.text.replace(/\u00a0/g, ' ') : '↑')))
    expect(grid).toEqual([
      ['Færre borgere på offentlig forsørgelse', 'Andel offentligt forsørgede fuldtidspersoner[^2]', 'a. 18-29 år: 19,14 %', 'a. 12,32 %', '2018', 'LBF Beboerdata'],
      ['↑', '↑', 'b. 30-64 år: Antal 160,3 / Andel 48,13 %', 'b. Antal 3.207,1 / Andel 15,06 %', '↑', '↑'],
      [
        'De ledige skal være aktive.',
        'Antallet af jobcentersager',
        '121 aktive jobcentersager / 5 % af alle sager i VK',
        '1.736',
        'februar 2021',
        'Jobcenter / Kvartalsvis\nAnsvarlig – Projektleder',
      ],
      ['↑', 'Ledige ved udgangen af måneden', '233', '', 'Udgang februar 2021', 'Månedlig'],
      ['Flere unge gennemfører en ungdomsuddannelse', 'Gennemført ungdomsuddannelse', '41,3 %', '59,8 %', '02.06.2021', 'Boligsociale data'],
      ['Beboerne trives bedre', '', '', '', '', ''],
    ])
    // Merged downwards rather than repeated: Word and PDF draw one cell over the rows.
    expect(table.rows[0]!.cells[0]).toEqual({ text: 'Færre borgere på offentlig forsørgelse', rowSpan: 2 })
    expect(table.rows[2]!.cells[0]).toEqual({ text: 'De ledige skal være aktive.', rowSpan: 2 })
  })

  it('writes shares and counts the way a Danish reader expects', () => {
    const m = (x: Parameters<typeof formatMeasure>[0]) => formatMeasure(x).replace(/\u00a0/g, ' ')
    expect(m({ share: 19.14 })).toBe('19,14 %')
    expect(m({ share: 20 })).toBe('20 %')
    expect(m({ count: 22.2 })).toBe('22,2')
    expect(m({ count: 3207.1 })).toBe('3.207,1')
    expect(m({ count: 1736 })).toBe('1.736')
    expect(m({ count: 121, countLabel: 'aktive jobcentersager', share: 5, shareLabel: 'af alle sager i VK' })).toBe('121 aktive jobcentersager / 5 % af alle sager i VK')
    expect(m({ count: 50, share: 41.3 })).toBe('Antal 50 / Andel 41,3 %')
    // The no-break space keeps "19,14" and "%" on one line.
    expect(formatMeasure({ share: 19.14 })).toBe('19,14\u00a0%')
  })

  it('writes the baseline time as a year, the source’s month wording or a short date', () => {
    expect(formatBaselineTime({ kind: 'year', year: 2018 })).toBe('2018')
    expect(formatBaselineTime({ kind: 'month', year: 2021, month: 2, label: 'Udgang februar 2021' })).toBe('Udgang februar 2021')
    expect(formatBaselineTime({ kind: 'month', year: 2021, month: 2 })).toBe('februar 2021')
    expect(formatBaselineTime({ kind: 'date', date: '2021-06-02' })).toBe('02.06.2021')
  })

  it('lists definitions and targets under the table', () => {
    const goals = model.sections[3]!
    const list = goals.blocks.find((b) => b.kind === 'bullets')
    expect(list).toEqual({
      kind: 'bullets',
      items: [
        'Antallet af jobcentersager: Aktive sager i jobcenteret for beboere i området. Tæller: Sager i målgruppen. Nævner: Alle sager i kommunen.',
        'Måltal for Antallet af jobcentersager: Aktiveringsgraden skal øges: op til 85\u00a0% over en årrække (ønsket udvikling: stigende)',
      ],
    })
  })

  it('shows each activity with its summary in the list of activities, shared ones marked', () => {
    expect(model.sections[4]!.blocks).toEqual([
      { kind: 'paragraph', style: 'strong', text: 'Åben rådgivning (fælles for alle delaftaler):' },
      { kind: 'paragraph', text: 'Rådgivning om job og uddannelse uden tidsbestilling.' },
      { kind: 'paragraph', style: 'strong', text: 'Praktikpladser til udsatte ledige:' },
    ])
  })

  it('groups staff resources by organisation with their verbatim lines, then the note', () => {
    expect(model.sections[5]!.blocks).toEqual([
      { kind: 'paragraph', style: 'strong', text: 'Det Boligsociale Team:' },
      { kind: 'bullets', items: ['Boligsocial virksomhedskonsulent: 80%'] },
      { kind: 'paragraph', style: 'strong', text: 'Jobcenter Ærøby:' },
      { kind: 'bullets', items: ['Afdeling Ung støtter med 5 timer pr uge i 40 uger.', 'En fremskudt medarbejder to dage om ugen.'] },
      { kind: 'paragraph', style: 'strong', text: 'Pro Ærø:' },
      { kind: 'bullets', items: ['Erhvervsguiden deltager i relevant omfang.'] },
      { kind: 'paragraph', text: 'OBS – der tages forbehold for færre timer.' },
    ])
  })

  it('draws target-group tables with department columns and the stated totals', () => {
    const perDepartment = tables(model).find((t) => t.id === 'maalgrupper-maalgrupper-marts')!
    expect(perDepartment.header).toEqual(['Målgrupper 01.03.2021', '12', '14', 'Hovedtotal'])
    expect(perDepartment.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['6.1 - Dagpengemodtagere med ledighed over 26 uger', '7', '11', '18'],
      // A label that already starts with its code is not given the code twice.
      ['INT-SHP - Selvforsørgelses- og hjemrejseydelsesmodtager i program', '8', '7', '15'],
      ['Hovedtotal', '15', '18', '33'],
    ])
    expect(perDepartment.rows.at(-1)!.total).toBe(true)
    expect(perDepartment.align).toEqual(['left', 'right', 'right', 'right'])

    const single = tables(model).find((t) => t.id === 'maalgrupper-ydelsesgrupper')!
    expect(single.header).toEqual(['Målgrupper 02.06.2021', 'Antal personer med målgruppe (boligområdet)'])
    expect(single.rows.at(-1)!.cells.map((c) => c.text)).toEqual(['Sum', '49'])
  })

  it('puts the agreement-level target-group table under the municipal section, after its intro', () => {
    const municipal = model.sections[6]!
    const intro = municipal.blocks.findIndex((b) => b.kind === 'paragraph' && b.text === 'De ledige er fordelt på følgende ydelsesgrupper.')
    const table = municipal.blocks.findIndex((b) => b.kind === 'table' && b.id === 'maalgrupper-ydelsesgrupper')
    expect(intro).toBeGreaterThan(-1)
    expect(table).toBeGreaterThan(intro)
  })

  it('fills the activity schema: criteria numbered, opening hours as a table, targets and allocations', () => {
    const practice = model.sections.find((s) => s.heading === 'Indhold og praksis:')!
    expect(practice.blocks).toContainEqual({ kind: 'numbered', items: ['Borgeren bor i området.', 'Borgeren har komplekse problemstillinger.'] })
    expect(practice.blocks).toContainEqual({ kind: 'numbered', items: ['At skrive CV', 'At søge job'] })
    expect(practice.blocks).toContainEqual({ kind: 'subheading', text: 'Et særligt fokus på uddannelse' })
    const hours = practice.blocks.find((b): b is TableBlock => b.kind === 'table')!
    expect(hours.header).toEqual(['Sted', 'Ugedag', 'Tidsrum', 'Bemanding'])
    expect(hours.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['Åbakken (Fælleshuset)', 'mandag', 'kl. 12-17', '3-4 medarbejdere'],
      ['Østervænget', 'torsdag', 'kl. 9.30-12', 'mindst 2 medarbejdere'],
    ])
    expect(practice.blocks).toContainEqual({ kind: 'bullets', items: ['Der oprettes hold: 1-2 hold pr. år', 'Der holdes oplæg: mindst 4 oplæg pr. år (ønsket udvikling: faldende)'] })
    expect(practice.blocks).toContainEqual({
      kind: 'bullets',
      items: [
        'Uddannelse og livschancer: 9 timer',
        'Beskæftigelse (denne delaftale): 8,5 timer – Beboere med en sag i jobcenteret',
        'Kriminalitetsforebyggelse: 4 timer',
        'Sammenhængskraft og medborgerskab: 8 timer',
      ],
    })
    const roles = model.sections.find((s) => s.heading === 'Ansvars- og rollefordeling:')!
    expect(roles.blocks.at(-1)).toEqual({ kind: 'bullets', items: ['Jobcenteret bruger mindst 16 timer ugentligt i 44 uger.'] })
  })

  it('numbers footnotes in reading order, adds indicator notes and keeps unreferenced notes in the annex', () => {
    expect(model.footnotes).toEqual([
      { mark: 1, text: 'Landsbyggefondens Beboerdata 2020, tabel 14' },
      { mark: 2, text: 'Andel fra oversigtstabellen' },
      { mark: 3, text: 'Tryghed og trivsel i udsatte boligområder, VIVE 2019' },
    ])
    const practice = model.sections.find((s) => s.heading === 'Indhold og praksis:')!
    expect(practice.blocks[0]).toEqual({ kind: 'paragraph', text: 'Vi bygger videre på erfaringerne[^3].' })
    const annex = model.sections.at(-1)!
    expect(annex.blocks).toContainEqual({ kind: 'bullets', items: ['En note som ingen tekst henviser til'] })
  })

  it('shows the resources as numbers in the annex, where contradicting weeks stand side by side', () => {
    const resources = tables(model).find((t) => t.id === 'ressourcer')!
    expect(resources.rows.map((r) => r.cells.map((c) => c.text.replace(/\u00a0/g, ' ')))).toEqual([
      ['Indsatsområdet', 'Det Boligsociale Team', 'Boligsocial virksomhedskonsulent', '80 % af en stilling'],
      ['Indsatsområdet', 'Jobcenter Ærøby', 'Afdeling Ung', '5 timer pr. uge i 40 uger'],
      ['Indsatsområdet', 'Pro Ærø', '', 'Ikke opgjort i tal'],
      ['Indsatsområdet', 'Jobcenter Ærøby', '', '2 dage pr. uge'],
      ['Kommunal indsats', 'Jobcenter Ærøby', '', '10 medarbejdere'],
      ['Åben rådgivning', 'Jobcenter Ærøby', 'Jobaktiv\nRådgiver', 'mindst 16 timer pr. uge i 44 uger'],
    ])
  })

  it('leaves nothing in the file out of the model', () => {
    const text = modelText(model).replace(/\[\^\d+\]/g, '')
    const missing: string[] = []
    const expectText = (where: string, value: string) => {
      if (!text.includes(value.replace(/\u00a0/g, ' '))) missing.push(`${where}: ${value}`)
    }
    const ids = new Set([...model.sections.map((s) => s.id), ...tables(model).map((t) => t.id)])
    // Fields whose value is shown in another form than the stored one.
    const shown: Record<string, (value: unknown, parent: Record<string, unknown>) => string[] | 'skip'> = {
      formatVersion: (v) => [`filformat: ${String(v)}`],
      // A footnote's number is renumbered in reading order; its text is what must survive.
      mark: () => 'skip',
      // The kind of a baseline time is how it is written, checked by its year/month/date.
      kind: () => 'skip',
      year: (v) => [String(v)],
      month: (v, p) => (p.label ? 'skip' : [formatBaselineTime({ kind: 'month', year: Number(p.year), month: Number(v) })]),
      date: (v) => [formatShortDate(String(v))],
      effectiveFrom: (v) => [formatDay(String(v))],
      validFrom: (v) => [formatDay(String(v))],
      validTo: (v) => [formatDay(String(v))],
      frequency: (v) => [frequencyLabels[v as keyof typeof frequencyLabels]],
      weekday: (v) => [weekdayLabels[v as keyof typeof weekdayLabels]],
      from: (v) => [`kl. ${Number(String(v).split(':')[0])}`],
      to: (v) => [`-${Number(String(v).split(':')[0])}`],
      recurrence: () => ['Ugentlige åbningstider'],
      direction: (v) => [v === 'up' ? 'stigende' : 'faldende'],
      atLeast: (v) => (v ? ['mindst'] : 'skip'),
      sharedWithAllAgreements: (v) => (v ? ['fælles for alle delaftaler'] : 'skip'),
      resourceUnit: (v) =>
        ({ 'percent-of-post': ['af en stilling'], 'hours-per-week': ['timer pr. uge'], hours: ['timer'], headcount: ['medarbejdere'], 'days-per-week': ['dage pr. uge'], unspecified: ['Ikke opgjort i tal'] })[String(v)] ?? [],
      share: (v) => [`${formatNumber(Number(v))} %`],
    }
    const visit = (value: unknown, where: string, field: string, parent: Record<string, unknown>) => {
      if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${where}.${i}`, field, parent))
      if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) visit(v, `${where}.${k}`, k, value as Record<string, unknown>)
        return
      }
      if (field === 'key') {
        // Keys identify things; the ones a reader can jump to become anchors (bookmarks).
        if (where.includes('.activities.') && !where.includes('.resources.') && !where.includes('.schedules.') && !where.includes('.targets.')) {
          if (!ids.has(`aktivitet-${String(value)}`)) missing.push(`${where}: anchor for ${String(value)}`)
        }
        return
      }
      if (field === 'goalKeys') return expectText(where, file.agreement.goals.find((g) => g.key === value)?.text ?? String(value))
      if (field === 'snapshotKeys') return void (ids.has(`maalgrupper-${String(value)}`) || missing.push(`${where}: table ${String(value)}`))
      if (field === 'effortArea') return expectText(where, where.includes('allocations') ? effortAreaNames[String(value)]! : `indsatsområde: ${String(value)}`)
      const special = shown[field]
      if (special) {
        const forms = special(value, parent)
        if (forms !== 'skip') forms.forEach((f) => expectText(where, f))
        return
      }
      if (typeof value === 'number') return expectText(where, formatNumber(value))
      if (typeof value === 'boolean') return
      // Long texts are checked paragraph by paragraph and item by item, as the text convention reads them.
      for (const line of plainText(String(value)).split('\n')) if (line.trim()) expectText(where, line.trim().replace(/^- /, ''))
    }
    visit(file, 'file', '', {})
    expect(missing).toEqual([])
  })

  it('is a pure function of its input', () => {
    const input = fixture()
    const before = structuredClone(input)
    const first = agreementDocumentModel(input, META)
    const second = agreementDocumentModel(input, META)
    expect(input).toEqual(before)
    expect(second).toEqual(first)
  })

  it('says so when an agreement has no activities, rather than leaving a bare heading', () => {
    const bare = { ...file, agreement: { ...file.agreement, activities: [] } }
    const m = agreementDocumentModel(bare, META)
    expect(m.sections.find((s) => s.heading === templateText.headings.schemas)!.blocks).toEqual([{ kind: 'paragraph', text: 'Der er ikke beskrevet aktiviteter.' }])
  })
})
