import { describe, expect, it } from 'vitest'
import { isDue, removedText } from './privacy-format.ts'

// The words for the log of removed personal data: pure functions, tested without a browser.

describe('removedText', () => {
  it('lists what was removed with Danish nouns, leaving out what there was none of', () => {
    expect(removedText({ fields: 5, notes: 2, consentDocuments: 1, consentPurposes: 0, followupNotes: 0, enrolmentNotes: 0 })).toBe(
      '5 personoplysninger, 2 noter og 1 samtykkeerklæring',
    )
    expect(removedText({ fields: 1 })).toBe('1 personoplysning')
  })

  it('says so when there was nothing to remove', () => {
    expect(removedText({ fields: 0, notes: 0 })).toBe('Intet at fjerne')
    expect(removedText({})).toBe('Intet at fjerne')
  })

  it('shows a count it has no words for as it is, rather than hide it', () => {
    expect(removedText({ notes: 3, attachments: 2 })).toBe('3 noter og attachments: 2')
  })
})

describe('isDue', () => {
  it('is due on the day itself and after', () => {
    expect(isDue('2026-08-14', '2026-08-14')).toBe(true)
    expect(isDue('2026-08-13', '2026-08-14')).toBe(true)
    expect(isDue('2026-08-15', '2026-08-14')).toBe(false)
  })
})
