import { describe, expect, it } from 'vitest'
import { CONSENT_CATEGORIES } from '../../../shared/consents.ts'
import type { Role } from '../../../shared/users.ts'
import type { ConsentRecord } from '../consents/consent-validity.ts'
import { type Reader, participantScope } from './participant-access.ts'

// The party-aware rule of who sees how much of a resident (decision 012), with hand-written
// expectations: parties are compared by id, a consent gives exactly the party it names, and an
// external partner never reads more than a consent gives.

const TEAM = { id: 'team', name: 'Det Boligsociale Team', unit: null, dataController: false }
const UNG = { id: 'ung', name: 'Jobcenter Varde', unit: 'Afdeling Ung', dataController: false }
const KONTANT = { id: 'kontant', name: 'Jobcenter Varde', unit: 'Kontanthjælp & Integration', dataController: false }
const PRO_VARDE = { id: 'pro', name: 'Pro Varde', unit: 'erhvervsguide', dataController: false }
const AS_OF = '2026-06-01'

const consent = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: 'c1',
  parties: [TEAM.id, PRO_VARDE.id],
  categories: ['contact', 'employment'],
  purpose: 'At finde et fritidsjob',
  form: 'oral',
  documentAttached: false,
  givenOn: '2026-05-01',
  validUntil: null,
  withdrawnOn: null,
  ...over,
})

const reader = (role: Role, party: Reader['party']): Reader => ({ role, party })

describe('who sees a resident owned by the housing-social team, under a consent naming Pro Varde', () => {
  const cases: [string, Reader, string, readonly string[]][] = [
    ['the project leader sees everything, whatever party they are in', reader('projektleder', null), 'full', CONSENT_CATEGORIES],
    ['staff of the owning party see everything', reader('boligsocial', TEAM), 'full', CONSENT_CATEGORIES],
    ['the business guide sees what the consent names for Pro Varde', reader('samarbejdspartner', PRO_VARDE), 'consent', ['contact', 'employment']],
    ['a job-centre unit the consent does not name sees nothing', reader('jobcenter', UNG), 'none', []],
    ['the other job-centre unit sees nothing either', reader('jobcenter', KONTANT), 'none', []],
    ['a board member sees nothing', reader('bestyrelse', null), 'none', []],
    ['an administrator sees nothing, even given a party', reader('admin', TEAM), 'none', []],
    ['staff with no party in the plan see nothing', reader('boligsocial', null), 'none', []],
  ]
  it.each(cases)('%s', (_name, who, kind, categories) => {
    const scope = participantScope(who, TEAM.id, [consent()], AS_OF)
    expect(scope.kind).toBe(kind)
    expect(scope.kind === 'none' ? [] : [...scope.categories]).toEqual([...categories])
  })
})

describe('a consent to one job-centre unit', () => {
  const toUng = consent({ parties: [TEAM.id, UNG.id], categories: ['employment', 'benefits'] })

  it('gives that unit its categories, by party id, and names it in the reason', () => {
    const scope = participantScope(reader('jobcenter', UNG), TEAM.id, [toUng], AS_OF)
    expect(scope).toMatchObject({ kind: 'consent', party: UNG.id, partyName: 'Jobcenter Varde, Afdeling Ung', categories: ['employment', 'benefits'], consentIds: ['c1'] })
    expect(scope.reason).toBe('Samtykket givet 1. maj 2026 giver Jobcenter Varde, Afdeling Ung adgang til: Job, uddannelse og praktik, og dine forløb hos os; Offentlige ydelser, fx kontanthjælp eller dagpenge.')
  })

  it('gives the other unit of the same job centre nothing', () => {
    const scope = participantScope(reader('jobcenter', KONTANT), TEAM.id, [toUng], AS_OF)
    expect(scope).toEqual({ kind: 'none', reason: 'Intet samtykke omfatter deling med Jobcenter Varde, Kontanthjælp & Integration.' })
  })

  it('lets the unit that owns a resident see all of them, and the team only what a consent names', () => {
    expect(participantScope(reader('jobcenter', UNG), UNG.id, [], AS_OF).kind).toBe('full')
    expect(participantScope(reader('boligsocial', TEAM), UNG.id, [], AS_OF).kind).toBe('none')
  })
})

describe('withdrawal and the data controller', () => {
  it('empties the business guide’s view from the day the consent is withdrawn', () => {
    const withdrawn = consent({ withdrawnOn: AS_OF })
    expect(participantScope(reader('samarbejdspartner', PRO_VARDE), TEAM.id, [withdrawn], '2026-05-31').kind).toBe('consent')
    expect(participantScope(reader('samarbejdspartner', PRO_VARDE), TEAM.id, [withdrawn], AS_OF)).toEqual({
      kind: 'none',
      reason: 'Intet samtykke i kraft omfatter deling med Pro Varde, erhvervsguide: samtykket givet 1. maj 2026 blev trukket tilbage 1. juni 2026.',
    })
  })

  it('lets staff of the plan’s data controller see every resident, whoever owns the record', () => {
    const controller = { ...UNG, dataController: true }
    expect(participantScope(reader('jobcenter', controller), TEAM.id, [], AS_OF).kind).toBe('full')
  })

  it('never lets an external partner see more than its consent, not even for a record its party owns or as data controller', () => {
    const asController = { ...PRO_VARDE, dataController: true }
    expect(participantScope(reader('samarbejdspartner', PRO_VARDE), PRO_VARDE.id, [], AS_OF).kind).toBe('none')
    expect(participantScope(reader('samarbejdspartner', asController), TEAM.id, [], AS_OF).kind).toBe('none')
    expect(participantScope(reader('samarbejdspartner', asController), TEAM.id, [consent({ categories: ['contact'] })], AS_OF)).toMatchObject({ kind: 'consent', categories: ['contact'] })
  })

  it('never gives the business guide notes unless a consent names them', () => {
    const scope = participantScope(reader('samarbejdspartner', PRO_VARDE), TEAM.id, [consent()], AS_OF)
    expect(scope.kind !== 'none' && scope.categories.includes('notes')).toBe(false)
    const withNotes = participantScope(reader('samarbejdspartner', PRO_VARDE), TEAM.id, [consent({ categories: ['notes'] })], AS_OF)
    expect(withNotes.kind !== 'none' && withNotes.categories.includes('notes')).toBe(true)
  })
})
