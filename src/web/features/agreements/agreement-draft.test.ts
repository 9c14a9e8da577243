import { describe, expect, it } from 'vitest'
import type { AgreementContent } from '../../../shared/agreements.ts'
import { addItem, applyNumbers, buildRevision, freshKey, moveItem, numberTextsOf, removeItem, setDraftValue, startDraft } from './agreement-draft.ts'

// A small agreement: two goals, the first with one indicator of two rows; one activity serving both goals.
const content = (): AgreementContent => ({
  key: 'beskaeftigelse',
  effortArea: 'beskaeftigelse',
  fundingPeriod: '2019-26',
  title: 'Delaftale',
  initiativeName: 'Indsatsen',
  validFrom: '2021-09-01',
  validTo: '2025-08-31',
  parties: [{ name: 'Jobcenter', units: [] }],
  goals: [
    {
      key: 'job',
      text: 'Flere i job',
      indicators: [
        {
          key: 'beskaeftigelsesgrad',
          name: 'Beskæftigelsesgrad',
          baselineTime: { kind: 'month', year: 2021, month: 2 },
          rows: [
            { key: 'unge', label: '18-29 år', baseline: { share: 19.14 } },
            { key: 'voksne', label: '30-64 år', baseline: { share: 40, count: 233 } },
          ],
          targets: [],
        },
      ],
    },
    { key: 'uddannelse', text: 'Flere i uddannelse', indicators: [] },
  ],
  activities: [
    {
      key: 'praktik',
      name: 'Praktik',
      goalKeys: ['job', 'uddannelse'],
      snapshotKeys: [],
      selectionCriteria: [],
      examples: [],
      targets: [],
      resources: [],
      schedules: [],
      sharedWithAllAgreements: false,
      allocations: [],
    },
  ],
  staffResources: [{ key: 'konsulent', organisation: 'Boligselskabet', role: 'Konsulent', quantity: 80, resourceUnit: 'percent-of-post', atLeast: false, text: 'Konsulent: 80%' }],
  municipalResources: [],
  snapshotKeys: [],
  targetGroupSnapshots: [],
  revisionRule: 'Årligt.',
  footnotes: [],
})
const rows = 'content.goals.0.indicators.0.rows'

describe('the number fields of the edit form', () => {
  it('shows every number of the content as a Danish text, except the month, which is chosen from a list', () => {
    const { numbers } = startDraft(content())
    expect(numbers).toEqual({
      'content.goals.0.indicators.0.baselineTime.year': '2021',
      [`${rows}.0.baseline.share`]: '19,14',
      [`${rows}.1.baseline.share`]: '40',
      [`${rows}.1.baseline.count`]: '233',
      'content.staffResources.0.quantity': '80',
    })
  })

  it('reads the texts back into the same numbers', () => {
    const state = startDraft(content())
    expect(applyNumbers(state.draft, state.numbers)).toEqual({ draft: state.draft, issues: [] })
  })
})

describe('adding, moving and removing items', () => {
  it('moves a row with the numbers the user typed into it', () => {
    const start = startDraft(content())
    const typed = { ...start, numbers: { ...start.numbers, [`${rows}.0.baseline.share`]: '21,5' } }
    const moved = moveItem(typed, rows, 0, 1)
    expect(moved.draft.content.goals[0]!.indicators[0]!.rows.map((r) => r.key)).toEqual(['voksne', 'unge'])
    expect(moved.numbers[`${rows}.1.baseline.share`]).toBe('21,5')
    expect(moved.numbers[`${rows}.0.baseline.count`]).toBe('233')
    expect(applyNumbers(moved.draft, moved.numbers).draft.content.goals[0]!.indicators[0]!.rows[1]!.baseline).toEqual({ share: 21.5 })
  })

  it('does not move the first item up or the last one down', () => {
    const start = startDraft(content())
    expect(moveItem(start, rows, 0, -1)).toBe(start)
    expect(moveItem(start, rows, 1, 1)).toBe(start)
  })

  it('drops the numbers of a removed row, so saving does not bring it back', () => {
    const removed = removeItem(startDraft(content()), rows, 0)
    expect(removed.draft.content.goals[0]!.indicators[0]!.rows.map((r) => r.key)).toEqual(['voksne'])
    expect(Object.keys(removed.numbers).filter((p) => p.startsWith(rows))).toEqual([`${rows}.0.baseline.share`, `${rows}.0.baseline.count`])
    const { body } = buildRevision({ ...removed.draft, revision: { effectiveFrom: '2022-01-01', boardDecision: 'Møde' } }, removed.numbers, 1)
    expect(body?.content.goals[0]!.indicators[0]!.rows).toEqual([{ key: 'voksne', label: '30-64 år', baseline: { share: 40, count: 233 } }])
  })

  it('removes a deleted goal from the activities that served it', () => {
    const removed = removeItem(startDraft(content()), 'content.goals', 1)
    expect(removed.draft.content.goals.map((g) => g.key)).toEqual(['job'])
    expect(removed.draft.content.activities[0]!.goalKeys).toEqual(['job'])
  })

  it('gives an indicator a target that the saved revision holds, with the number read the Danish way', () => {
    let state = startDraft(content())
    const targets = 'content.goals.0.indicators.0.targets'
    state = addItem(state, targets, { key: 'maaltal-1', description: 'Andel i job', unit: '%' })
    state = { ...state, numbers: { ...state.numbers, [`${targets}.0.value`]: '22,5' } }
    const { body, issues } = buildRevision({ ...state.draft, revision: { effectiveFrom: '2022-01-01', boardDecision: 'Møde' } }, state.numbers, 1)
    expect(issues).toEqual([])
    expect(body?.content.goals[0]!.indicators[0]!.targets).toEqual([{ key: 'maaltal-1', description: 'Andel i job', unit: '%', value: 22.5 }])
  })

  it('refuses a target without a number, with a message that names it', () => {
    let state = startDraft(content())
    state = addItem(state, 'content.goals.0.indicators.0.targets', { key: 'maaltal-1', description: 'Andel i job', unit: '%' })
    const { body, issues } = buildRevision({ ...state.draft, revision: { effectiveFrom: '2022-01-01', boardDecision: 'Møde' } }, state.numbers, 1)
    expect(body).toBeNull()
    expect(issues).toContainEqual({ path: 'content.goals.0.indicators.0.targets.0.value', message: 'Måltallet skal være et tal.' })
  })

  it('numbers a new item\'s counts like the rest, and asks for an emptied count', () => {
    const state = addItem(startDraft(content()), 'content.targetGroupSnapshots', {
      key: 't',
      title: 'Målgrupper',
      date: '2021-03-01',
      departments: ['1', '2'],
      rows: [{ code: '6.1', label: 'Jobparat', counts: [3, 4] }],
    })
    expect(numberTextsOf(state.draft.content.targetGroupSnapshots, 'content.targetGroupSnapshots')).toEqual({
      'content.targetGroupSnapshots.0.rows.0.counts.0': '3',
      'content.targetGroupSnapshots.0.rows.0.counts.1': '4',
    })
    const emptied = { ...state.numbers, 'content.targetGroupSnapshots.0.rows.0.counts.1': ' ' }
    expect(applyNumbers(state.draft, emptied).issues).toEqual([{ path: 'content.targetGroupSnapshots.0.rows.0.counts.1', message: 'Skriv et antal, 0 hvis der ingen er.' }])
  })

  it('makes a new key that is not taken', () => {
    expect(freshKey(['a', 'b'], 'c')).toBe('c')
    expect(freshKey(['c', 'c-2'], 'c')).toBe('c-3')
  })
})

describe('renaming a key', () => {
  it("renames the activities' references to a goal whose key changes, so the saved agreement passes the shared schema", () => {
    const started = startDraft(content())
    const numbers = started.numbers
    let draft = setDraftValue(started.draft, 'content.goals.0.key', 'j')
    draft = setDraftValue(draft, 'content.goals.0.key', 'job-og-praktik')
    expect(draft.content.activities[0]!.goalKeys).toEqual(['job-og-praktik', 'uddannelse'])
    const { body, issues } = buildRevision({ ...draft, revision: { effectiveFrom: '2022-01-01', boardDecision: 'Møde' } }, numbers, 1)
    expect(issues).toEqual([])
    expect(body?.content.activities[0]?.goalKeys).toEqual(['job-og-praktik', 'uddannelse'])
  })

  it('leaves the references alone when another goal still has the old key, and for other fields', () => {
    const start = startDraft(content()).draft
    // Typing the first goal's key into the second: the references to "uddannelse" follow it.
    const twin = setDraftValue(start, 'content.goals.1.key', 'job')
    expect(twin.content.activities[0]!.goalKeys).toEqual(['job', 'job'])
    // Renaming it on: the first goal still has "job", so the references stay with that goal.
    const renamed = setDraftValue(twin, 'content.goals.1.key', 'skole')
    expect(renamed.content.activities[0]!.goalKeys).toEqual(['job', 'job'])
    expect(setDraftValue(start, 'content.goals.0.text', 'job').content.activities[0]!.goalKeys).toEqual(['job', 'uddannelse'])
  })

  it("renames a target-group table's references in the activities and the agreement", () => {
    let state = addItem(startDraft(content()), 'content.targetGroupSnapshots', { key: 't', title: 'Målgrupper', date: '2021-03-01', departments: ['1'], rows: [] })
    state = { ...state, draft: setDraftValue(setDraftValue(state.draft, 'content.snapshotKeys', ['t']), 'content.activities.0.snapshotKeys', ['t']) }
    const renamed = setDraftValue(state.draft, 'content.targetGroupSnapshots.0.key', 'maalgrupper-2021')
    expect(renamed.content.snapshotKeys).toEqual(['maalgrupper-2021'])
    expect(renamed.content.activities[0]!.snapshotKeys).toEqual(['maalgrupper-2021'])
  })
})
