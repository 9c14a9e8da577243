import { describe, expect, it } from 'vitest'
import { activityDefaults } from './activity-defaults.ts'

describe('activityDefaults', () => {
  it("reads Sønderborg's course: 12 residents at a time, 10 weeks on average", () => {
    expect(
      activityDefaults([
        { value: 12, unit: 'beboere', horizon: 'løbende i forløb' },
        { value: 10, unit: 'uger', horizon: 'i gennemsnit' },
      ]),
    ).toEqual({ capacity: 12, defaultWeeks: 10 })
  })

  it("reads Varde's 15 selected citizens as the capacity of the outreach effort", () => {
    expect(activityDefaults([{ value: 15, unit: 'borgere', horizon: undefined }])).toEqual({ capacity: 15, defaultWeeks: null })
  })

  it('does not take a yearly count ("fire oplæg pr. år", "20 unge pr. år") for places at a time', () => {
    expect(activityDefaults([{ value: 4, unit: 'oplæg', horizon: 'pr. år' }, { value: 20, unit: 'unge', horizon: 'pr. år' }])).toEqual({ capacity: null, defaultWeeks: null })
  })

  it('ignores a share or a fraction of a week', () => {
    expect(activityDefaults([{ value: 85, unit: '%', horizon: undefined }, { value: 2.5, unit: 'uger', horizon: undefined }])).toEqual({ capacity: null, defaultWeeks: null })
  })
})
