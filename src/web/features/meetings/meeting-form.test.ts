import { describe, expect, it } from 'vitest'
import type { Meeting } from '../../../shared/meetings.ts'
import { bodyOf, emptyMeeting, fieldIdOf, summaryOf, valuesOf } from './meeting-form.ts'

const leader = '11111111-1111-4111-8111-111111111111'
const agreement = '22222222-2222-4222-8222-222222222222'
const company = '33333333-3333-4333-8333-333333333333'

describe('the meeting form', () => {
  it('sends ticked users and one typed name per line as participants, skipping empty lines', () => {
    const body = bodyOf({ ...emptyMeeting('cooperation', '2025-09-01'), memberIds: [leader], others: ' Afdelingsleder Lis Berg \n\nVicevært Ole\n' })
    expect(body.participants).toEqual([
      { userId: leader, name: null },
      { userId: null, name: 'Afdelingsleder Lis Berg' },
      { userId: null, name: 'Vicevært Ole' },
    ])
  })

  it('sends a decision\'s revision and period only from a board meeting', () => {
    const decision = { key: 0, text: 'Revision 2 godkendes', agreementId: agreement, revisionNumber: '2', closesPeriod: ' 2025-Q3 ' }
    expect(bodyOf({ ...emptyMeeting('board', '2025-09-01'), decisions: [decision] }).decisions).toEqual([{ text: 'Revision 2 godkendes', agreementId: agreement, revisionNumber: 2, closesPeriod: '2025-Q3' }])
    expect(bodyOf({ ...emptyMeeting('cooperation', '2025-09-01'), decisions: [decision] }).decisions).toEqual([{ text: 'Revision 2 godkendes', agreementId: null, revisionNumber: null, closesPeriod: null }])
  })

  it('sends invited and attending companies only for a network event', () => {
    const companies = { [company]: 'attended' as const, '44444444-4444-4444-8444-444444444444': 'none' as const }
    expect(bodyOf({ ...emptyMeeting('company-network', '2025-09-01'), companies }).companies).toEqual([{ companyId: company, attended: true }])
    expect(bodyOf({ ...emptyMeeting('board', '2025-09-01'), companies }).companies).toEqual([])
  })

  it('reads a meeting back into the form with no new actions', () => {
    const meeting: Meeting = {
      id: company,
      createdBy: null,
      kind: 'board',
      heldOn: '2025-06-14',
      title: 'Bestyrelsesmøde',
      agenda: '',
      minutes: '',
      participants: [
        { userId: leader, name: 'Pia Projektleder' },
        { userId: null, name: 'Formand Bent Hansen' },
      ],
      decisions: [{ id: company, text: 'Godkendt', agreementId: agreement, revisionNumber: 1, approves: 'x', closesPeriod: null }],
      actions: [{ id: company, meetingId: company, meetingTitle: 'x', text: 'Ring', ownerId: leader, ownerName: 'Pia', dueOn: '2025-07-01', done: false }],
      companies: [],
    }
    const values = valuesOf(meeting)
    expect(values.memberIds).toEqual([leader])
    expect(values.others).toBe('Formand Bent Hansen')
    expect(values.decisions).toEqual([{ key: 0, text: 'Godkendt', agreementId: agreement, revisionNumber: '1', closesPeriod: '' }])
    expect(values.actions).toEqual([])
  })

  it('lists problems in the order of the page and points each at its field', () => {
    expect(summaryOf({ 'actions.1.dueOn': 'Skriv en dato', title: 'Skriv mødets titel.', 'decisions.0.text': 'Skriv beslutningen.', 'participants.2.name': 'Navn' })).toEqual([
      { fieldId: 'meeting-title', message: 'Skriv mødets titel.' },
      { fieldId: 'meeting-others', message: 'Navn' },
      { fieldId: 'meeting-decisions-0-text', message: 'Skriv beslutningen.' },
      { fieldId: 'meeting-actions-1-dueOn', message: 'Skriv en dato' },
    ])
    expect(fieldIdOf('actions.0.ownerId')).toBe('meeting-actions-0-ownerId')
  })
})
