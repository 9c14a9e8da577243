import { OPENING_KINDS, type OpeningKind } from '../../../shared/companies.ts'

// The company figures (decision 016). Pure rules (CONTRIBUTING.md): data in, counts out, the days
// as parameters. Days are "YYYY-MM-DD" strings, which compare in calendar order.
//
// Definitions, as a reader of the figures is told them:
// - Companies in the network on a day: companies with a network period that began on or before the
//   day and had not ended by it. A company that left on a day is out of the network from that day.
//   A company that left and came back counts once.
// - Active companies in a period: companies with at least one contact (visit, call, meeting or
//   e-mail) recorded on a day from the period's first to its last day, both included, or a
//   placement (decision 022) running on at least one day of the period.
// - Openings created by kind in a period: openings whose creation day falls in the period, both ends
//   included, per kind, whatever their status is now.

/** The definitions as the reader of the figures is told them. */
export const COMPANY_DEFINITIONS = [
  { name: 'Virksomheder i netværket', definition: 'Virksomheder, der er i netværket på periodens sidste dag. En virksomhed, der har forladt netværket og er kommet tilbage, tælles én gang.' },
  { name: 'Aktive virksomheder', definition: 'Virksomheder med mindst én registreret kontakt (besøg, opkald, møde eller e-mail) i perioden eller en udplacering, der løb mindst én dag i perioden.' },
  { name: 'Åbninger efter type', definition: 'Åbninger oprettet i perioden, efter type, uanset deres status nu.' },
] as const

export interface NetworkPeriodFact {
  companyId: string
  joinedOn: string
  leftOn: string | null
}

export interface ContactFact {
  companyId: string
  happenedOn: string
}

export interface OpeningFact {
  kind: OpeningKind
  createdOn: string
}

export function companiesInNetworkOn(periods: readonly NetworkPeriodFact[], day: string): number {
  const inside = new Set<string>()
  for (const p of periods) if (p.joinedOn <= day && (p.leftOn === null || p.leftOn > day)) inside.add(p.companyId)
  return inside.size
}

/** A placement's company and days, as far as activity goes. */
export interface PlacementSpan {
  companyId: string
  startOn: string
  endOn: string | null
}

export function activeCompaniesIn(contacts: readonly ContactFact[], from: string, to: string, placements: readonly PlacementSpan[] = []): number {
  const active = new Set<string>()
  for (const c of contacts) if (c.happenedOn >= from && c.happenedOn <= to) active.add(c.companyId)
  for (const p of placements) if (p.startOn <= to && (p.endOn === null || p.endOn >= from)) active.add(p.companyId)
  return active.size
}

/** Every kind, in the order of the list of kinds, with 0 for a kind without openings. */
export function openingsCreatedByKind(openings: readonly OpeningFact[], from: string, to: string): { kind: OpeningKind; count: number }[] {
  const counts = new Map<OpeningKind, number>(OPENING_KINDS.map((k) => [k, 0]))
  for (const o of openings) if (o.createdOn >= from && o.createdOn <= to) counts.set(o.kind, counts.get(o.kind)! + 1)
  return OPENING_KINDS.map((kind) => ({ kind, count: counts.get(kind)! }))
}
