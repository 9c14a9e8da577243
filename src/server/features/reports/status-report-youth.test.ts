import { describe, expect, it } from 'vitest'
import type { FunnelFigures } from '../../../shared/pathways.ts'
import { youthSection } from './status-report-youth.ts'

// The section's rules on hand-made figures (already suppressed, as the service gives them).

const figures = (over: Partial<FunnelFigures> = {}): FunnelFigures => ({
  activityId: '00000000-0000-4000-8000-000000000001',
  activityName: 'Lommepenge og fritidsjobs-indsats',
  period: '2026-Q2',
  periodLabel: '2. kvartal 2026',
  steps: [
    { stepId: '00000000-0000-4000-8000-000000000011', name: 'Fritidsjob', count: 7, hidden: false },
    { stepId: '00000000-0000-4000-8000-000000000012', name: 'Stadig i job efter 3 måneder', count: null, hidden: true },
  ],
  entered: null,
  kept: null,
  lost: null,
  awaiting: null,
  hidden: true,
  checkName: 'Stadig i job efter 3 måneder',
  groups: { year: 2026, count: 0, min: 1, max: 2, verdict: 'below' },
  definitions: [{ name: 'Unge pr. trin', definition: 'Antal unge, der nåede trinnet.' }],
  suppressed: true,
  ...over,
})

describe('the report’s section on young people', () => {
  it('is left out when no activity of the agreement has a pathway', () => {
    expect(youthSection({ threshold: 5, funnels: [] })).toBeNull()
  })

  it('reads a hidden count as "skjult", and says the groups are below the target', () => {
    const s = youthSection({ threshold: 5, funnels: [{ figures: figures(), groups: [] }] })!
    const [steps, retention] = s.parts[0]!.tables
    expect(steps!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Fritidsjob', '7'],
      ['Stadig i job efter 3 måneder', 'skjult'],
    ])
    expect(retention!.rows.map((r) => r[1]!.text)).toEqual(['skjult', 'skjult', 'skjult', 'skjult'])
    expect(s.parts[0]!.paragraphs).toEqual(['Hold startet i 2026: 0. Delaftalens mål er 1 til 2 hold pr. år: under målet.'])
    // No groups in the year: no table of them.
    expect(s.parts[0]!.tables).toHaveLength(2)
  })

  it('says so when the agreement sets no target, and has no leisure-job table without a check step', () => {
    const s = youthSection({ threshold: 5, funnels: [{ figures: figures({ checkName: null, groups: { year: 2026, count: 3, min: null, max: null, verdict: 'no-target' } }), groups: [] }] })!
    expect(s.parts[0]!.paragraphs).toEqual(['Hold startet i 2026: 3. Intet mål i delaftalen.'])
    expect(s.parts[0]!.tables.map((t) => t.caption)).toEqual(['Unge pr. trin, 2. kvartal 2026'])
  })
})
