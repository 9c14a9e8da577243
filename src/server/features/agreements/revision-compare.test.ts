import { describe, expect, it } from 'vitest'
import { compareRevisions } from './revision-compare.ts'
import { readSeedAgreement } from './seed-files.ts'

const seed = () => {
  const { file } = readSeedAgreement('soenderborg-beskaeftigelse')
  return { plan: file.plan, content: structuredClone(file.agreement) }
}

describe('comparing two revisions', () => {
  it('finds nothing between a revision and itself', () => {
    expect(compareRevisions(seed(), seed())).toEqual([])
  })

  it('names a changed baseline by goal, indicator, row and measure, with Danish decimals', () => {
    const before = seed()
    const after = seed()
    after.content.goals[0]!.indicators[0]!.rows[0]!.baseline.share = 18.5
    expect(compareRevisions(before, after)).toEqual([
      {
        path: 'content.goals[faerre-paa-offentlig-forsoergelse].indicators[andel-offentligt-forsoergede-fuldtidspersoner].rows[18-29-aar].baseline.share',
        label: expect.stringMatching(/^Delmål "Færre borgere på offentlig forsørgelse" › Indikator "Andel offentligt forsørgede fuldtidspersoner" › Række "18-29 år" › Baseline \(boligområde\/målgruppe\) › Andel \(%\)$/),
        kind: 'changed',
        before: '19,14',
        after: '18,5',
      },
    ])
  })

  it('matches activities by key, so a new activity is one addition and the others are unchanged', () => {
    const before = seed()
    const after = seed()
    after.content.activities.splice(0, 0, { ...structuredClone(after.content.activities[2]!), key: 'lektiecafe', name: 'Lektiecafé', schedules: [], allocations: [] })
    const changes = compareRevisions(before, after)
    expect(changes.every((c) => c.kind === 'added' && c.path.startsWith('content.activities[lektiecafe]'))).toBe(true)
    expect(changes.find((c) => c.path === 'content.activities[lektiecafe].name')).toMatchObject({ label: 'Aktivitet "Lektiecafé" › Navn', after: 'Lektiecafé' })
  })

  it('marks a removed schedule as removed', () => {
    const before = seed()
    const after = seed()
    after.content.activities[2]!.schedules.pop()
    const changes = compareRevisions(before, after)
    expect(changes.length).toBeGreaterThan(0)
    expect(changes.every((c) => c.kind === 'removed' && c.before !== null && c.after === null)).toBe(true)
    expect(changes.map((c) => c.before)).toContain('thursday')
  })

  it('highlights the words that changed in a long text', () => {
    const before = seed()
    const after = seed()
    after.content.revisionRule = after.content.revisionRule.replace('mindst én gang årligt', 'mindst to gange årligt')
    const [change] = compareRevisions(before, after)
    expect(change!.label).toBe('Revision af delaftalen')
    const removed = change!.parts!.filter((p) => p.removed).map((p) => p.value.trim())
    const added = change!.parts!.filter((p) => p.added).map((p) => p.value.trim())
    expect(removed).toEqual(['én gang'])
    expect(added).toEqual(['to gange'])
    expect(change!.parts!.filter((p) => !p.added).map((p) => p.value).join('')).toBe(change!.before)
    expect(change!.parts!.filter((p) => !p.removed).map((p) => p.value).join('')).toBe(change!.after)
  })
})
