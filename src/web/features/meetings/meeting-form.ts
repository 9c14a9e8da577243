import type { Meeting, MeetingCreate, MeetingKind } from '../../../shared/meetings.ts'
import type { FieldErrors } from '../../lib/form-errors.ts'

// The meeting form's values as typed, and the request body they make: a pure model, so the form's
// rules are tested without a browser. Participants on the plan are ticked; others are typed one per
// line. Actions in the form are new ones: those already made stay as they are (decision 024).

export type CompanyPresence = 'none' | 'invited' | 'attended'

export interface DecisionDraft {
  key: number
  text: string
  agreementId: string
  revisionNumber: string
  closesPeriod: string
}

export interface ActionDraft {
  key: number
  text: string
  ownerId: string
  dueOn: string
}

export interface MeetingFormValues {
  kind: MeetingKind
  heldOn: string
  title: string
  agenda: string
  minutes: string
  memberIds: string[]
  /** Participants from outside Indsats, one name per line. */
  others: string
  decisions: DecisionDraft[]
  actions: ActionDraft[]
  companies: Record<string, CompanyPresence>
}

export const emptyMeeting = (kind: MeetingKind, today: string): MeetingFormValues => ({
  kind,
  heldOn: today,
  title: '',
  agenda: '',
  minutes: '',
  memberIds: [],
  others: '',
  decisions: [],
  actions: [],
  companies: {},
})

export function valuesOf(meeting: Meeting): MeetingFormValues {
  return {
    kind: meeting.kind,
    heldOn: meeting.heldOn,
    title: meeting.title,
    agenda: meeting.agenda,
    minutes: meeting.minutes,
    memberIds: meeting.participants.flatMap((p) => (p.userId ? [p.userId] : [])),
    others: meeting.participants
      .filter((p) => p.userId === null)
      .map((p) => p.name)
      .join('\n'),
    decisions: meeting.decisions.map((d, i) => ({
      key: i,
      text: d.text,
      agreementId: d.agreementId ?? '',
      revisionNumber: d.revisionNumber === null ? '' : String(d.revisionNumber),
      closesPeriod: d.closesPeriod ?? '',
    })),
    actions: [],
    companies: Object.fromEntries(meeting.companies.map((c) => [c.companyId, c.attended ? 'attended' : 'invited'])),
  }
}

/** The body of a create (an edit leaves out `kind`). Only a board meeting sends revisions; only a network event sends companies. */
export function bodyOf(values: MeetingFormValues): Required<Omit<MeetingCreate, 'companies'>> & { companies: { companyId: string; attended: boolean }[] } {
  const board = values.kind === 'board'
  return {
    kind: values.kind,
    heldOn: values.heldOn,
    title: values.title,
    agenda: values.agenda,
    minutes: values.minutes,
    participants: [
      ...values.memberIds.map((userId) => ({ userId, name: null })),
      ...values.others
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((name) => ({ userId: null, name })),
    ],
    decisions: values.decisions.map((d) => ({
      text: d.text,
      agreementId: board && d.agreementId !== '' ? d.agreementId : null,
      revisionNumber: board && d.agreementId !== '' && d.revisionNumber !== '' ? Number(d.revisionNumber) : null,
      closesPeriod: board && d.closesPeriod.trim() !== '' ? d.closesPeriod.trim() : null,
    })),
    actions: values.actions.map((a) => ({ text: a.text, ownerId: a.ownerId, dueOn: a.dueOn })),
    companies:
      values.kind === 'company-network'
        ? Object.entries(values.companies)
            .filter(([, presence]) => presence !== 'none')
            .map(([companyId, presence]) => ({ companyId, attended: presence === 'attended' }))
        : [],
  }
}

const ORDER = ['kind', 'heldOn', 'title', 'participants', 'agenda', 'minutes', 'decisions', 'actions', 'companies']

/** The element a message about a path ("decisions.0.text") points to; a participant's problem is about the names typed. */
export function fieldIdOf(path: string): string {
  const [head = '', index, field] = path.split('.')
  if (head === 'participants') return 'meeting-others'
  if ((head === 'decisions' || head === 'actions') && index !== undefined) return `meeting-${head}-${index}-${field ?? 'text'}`
  return `meeting-${head}`
}

/** The error summary's lines in the order of the page: fields top to bottom, list rows in order. */
export function summaryOf(errors: FieldErrors): { fieldId: string; message: string }[] {
  const rank = (path: string) => {
    const [head = '', index = '0'] = path.split('.')
    const at = ORDER.indexOf(head)
    return (at < 0 ? ORDER.length : at) * 10_000 + (Number(index) || 0)
  }
  return Object.entries(errors)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([path, message]) => ({ fieldId: fieldIdOf(path), message }))
}
