import { describe, expect, it } from 'vitest'
import type { AgreementContent } from '../../../shared/agreements.ts'
import { agreementWarnings, type ReferenceData } from './consistency-checks.ts'
import { readSeedAgreement } from './seed-files.ts'

const ref: ReferenceData = {
  fundingPeriod: { code: '2019-26', startsOn: '2019-01-01', endsOn: '2026-12-31' },
  effortAreaCodes: ['uddannelse-og-livschancer', 'beskaeftigelse', 'kriminalitetsforebyggelse', 'sammenhaengskraft-og-medborgerskab'],
}

const soenderborg = () => structuredClone(readSeedAgreement('soenderborg-beskaeftigelse').file.agreement)
const varde = () => structuredClone(readSeedAgreement('varde-beskaeftigelse').file.agreement)
const codes = (a: AgreementContent) => agreementWarnings(a, ref).map((w) => w.code)

describe('consistency warnings on the seed agreements', () => {
  it('flags Varde\'s job-centre hours stated as 40 weeks in one section and 44 in another', () => {
    const warnings = agreementWarnings(varde(), ref).filter((w) => w.code === 'resource-weeks-differ')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toContain('Kontanthjælp og integration')
    expect(warnings[0]!.message).toContain('40 uger')
    expect(warnings[0]!.message).toContain('44 uger')
  })

  it('finds that every target-group table of both seeds adds up (265; 121; 30)', () => {
    for (const a of [soenderborg(), varde()]) {
      expect(codes(a).filter((c) => c.startsWith('snapshot-'))).toEqual([])
    }
    const totals = [...soenderborg().targetGroupSnapshots, ...varde().targetGroupSnapshots].map((s) => s.total)
    expect(totals).toEqual([265, 121, 30])
  })

  it('flags indicators that name no follow-up frequency, as the sources leave some without one', () => {
    const messages = agreementWarnings(soenderborg(), ref).filter((w) => w.code === 'indicator-no-frequency')
    expect(messages.map((w) => w.path)).toEqual(['goals.0.indicators.0'])
  })
})

describe('consistency warnings on changed agreements', () => {
  it('flags a target-group row whose departments do not add up to its stated total', () => {
    const a = soenderborg()
    a.targetGroupSnapshots[0]!.rows[0]!.counts[0] = 8
    const warnings = agreementWarnings(a, ref)
    expect(warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['snapshot-row-total', 'snapshot-column-total', 'snapshot-grand-total']))
    expect(warnings.find((w) => w.code === 'snapshot-row-total')!.message).toBe(
      'Målgrupper 01.03.2021, 6.1: rækken summerer til 33, men totalen er angivet som 32.',
    )
    expect(warnings.find((w) => w.code === 'snapshot-grand-total')!.message).toContain('summerer til 266')
  })

  it('flags a single-column table whose rows do not add up to its sum', () => {
    const a = varde()
    a.targetGroupSnapshots[0]!.total = 120
    expect(agreementWarnings(a, ref).find((w) => w.code === 'snapshot-grand-total')?.message).toContain('summerer til 121, men Sum er angivet som 120')
  })

  it('flags an indicator without a data source', () => {
    const a = soenderborg()
    delete a.goals[1]!.indicators[0]!.dataSource
    expect(agreementWarnings(a, ref)).toContainEqual(expect.objectContaining({ code: 'indicator-no-source', path: 'goals.1.indicators.0' }))
  })

  it('flags an activity that serves no goal, and a goal without indicators', () => {
    const a = soenderborg()
    a.activities[2]!.goalKeys = []
    a.goals[2]!.indicators = []
    const warnings = agreementWarnings(a, ref)
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'activity-no-goal', path: 'activities.2' }))
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'goal-no-indicator', path: 'goals.2' }))
  })

  it('flags the same weekly hours stated for different numbers of weeks, but not different organisations', () => {
    const a = soenderborg()
    const base = { organisation: 'Jobcenter X', unit: 'Team A', resourceUnit: 'hours-per-week' as const, quantity: 5, atLeast: false }
    a.staffResources.push({ ...base, key: 'r1', weeks: 40, text: '5 timer i 40 uger' }, { ...base, key: 'r2', unit: 'Team B', weeks: 44, text: 'andet team' })
    expect(codes(a)).not.toContain('resource-weeks-differ')
    a.staffResources.push({ ...base, key: 'r3', weeks: 44, text: '5 timer i 44 uger' })
    expect(codes(a).filter((c) => c === 'resource-weeks-differ')).toHaveLength(1)
  })

  it('flags an allocation to an effort area the funding period does not have, and a period outside it', () => {
    const a = varde()
    a.activities[3]!.allocations[0]!.effortArea = 'boligsocial-trivsel'
    a.validTo = '2027-12-31'
    expect(codes(a)).toEqual(expect.arrayContaining(['unknown-effort-area', 'period-outside-funding-period']))
  })
})
