import { describe, expect, it } from 'vitest'
import type { AgreementContent } from '../../../shared/agreements.ts'
import { agreementWarnings, numbersInText, type ReferenceData } from '../../../shared/agreement-checks.ts'
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

describe('a staff resource whose number and text disagree', () => {
  it('reads the numbers a resource text states, in digits and in words', () => {
    expect(numbersInText('Boligsocial virksomhedskonsulent: 80% (20% lommepengejob)')).toEqual([80, 20])
    expect(numbersInText('Det Boligsociale Team bidrager med 16,5 timer.')).toEqual([16.5])
    expect(numbersInText('i alt 1.200 timer')).toEqual([1200])
    expect(numbersInText('Jobcenteret bruger mindst fem timer ugentligt')).toEqual([5])
    expect(numbersInText('to dage om ugen')).toEqual([2])
    expect(numbersInText('en rådgiver en dag i ugen')).toEqual([])
  })

  it('finds nothing to question in the resources of either seed agreement', () => {
    for (const a of [soenderborg(), varde()]) expect(codes(a)).not.toContain('resource-text-number')
  })

  it('warns when Sønderborg\'s 80 % post is changed to 60 while the text still says 80 %', () => {
    const a = soenderborg()
    a.staffResources[0]!.quantity = 60
    const warnings = agreementWarnings(a, ref).filter((w) => w.code === 'resource-text-number')
    expect(warnings).toEqual([
      {
        code: 'resource-text-number',
        message:
          'Boligsocial virksomhedskonsulent: mængden er 60, men teksten i delaftalen nævner 80 og 20 ("Boligsocial virksomhedskonsulent: 80% (20% lommepengejob – beskrevet under kriminalitetsforebyggelse)"). Ret teksten, så den siger det samme som mængden.',
        path: 'staffResources.0.text',
      },
    ])
    a.staffResources[0]!.text = 'Boligsocial virksomhedskonsulent: 60%'
    expect(codes(a)).not.toContain('resource-text-number')
  })

  it('warns for municipal and activity resources too, and not for a text without numbers', () => {
    const a = varde()
    a.activities[0]!.resources[0]!.quantity = 9
    a.municipalResources.push({ key: 'ekstra', organisation: 'Kommunen', resourceUnit: 'headcount', quantity: 3, atLeast: false, text: 'Kommunen stiller medarbejdere til rådighed.' })
    const paths = agreementWarnings(a, ref).filter((w) => w.code === 'resource-text-number').map((w) => w.path)
    expect(paths).toEqual(['activities.0.resources.0.text'])
  })
})

describe("a revision's effective date", () => {
  it('is questioned when it lies outside the agreement\'s period, and not on its first or last day', () => {
    const a = soenderborg()
    const revisionCodes = (effectiveFrom: string) => agreementWarnings(a, ref, { effectiveFrom }).filter((w) => w.code === 'revision-outside-period')
    expect(revisionCodes(a.validFrom)).toEqual([])
    expect(revisionCodes(a.validTo)).toEqual([])
    const [warning] = revisionCodes('2031-06-01')
    expect(warning?.path).toBe('revision.effectiveFrom')
    expect(warning?.message).toMatch(/^Revisionen gælder fra 1\. juni 2031, som ligger uden for delaftalens periode \(/)
    expect(revisionCodes('2021-08-31')).toHaveLength(1)
  })

  it('is not checked without reference data, nor are the checks that need it', () => {
    const a = varde()
    a.validTo = '2027-12-31'
    expect(agreementWarnings(a, null).map((w) => w.code)).not.toContain('period-outside-funding-period')
  })
})
