import { z } from 'zod'

// Parties of a plan (decision 012): the organisations, and where it matters their units, that the
// agreements name and that handle residents' information. A user belongs to one party of each plan
// they work in; a resident is owned by one; a consent names one or more. The name and unit are
// what the resident hears, so everything a person reads names a party by partyName().

export const PARTY_KINDS = ['boligsocial', 'jobcenter', 'partner', 'company'] as const
export const PartyKind = z.enum(PARTY_KINDS)
export type PartyKind = z.infer<typeof PartyKind>

export const partyKindLabels: Record<PartyKind, string> = {
  boligsocial: 'Boligsocialt team',
  jobcenter: 'Jobcenter',
  partner: 'Samarbejdspartner',
  company: 'Virksomhed',
}

/** "Jobcenter Varde, Afdeling Ung": the party as the resident would recognise it. */
export function partyName(party: { name: string; unit: string | null }): string {
  return party.unit ? `${party.name}, ${party.unit}` : party.name
}

export const PlanParty = z.object({
  id: z.uuid(),
  name: z.string(),
  unit: z.string().nullable(),
  kind: PartyKind,
  /** Owns every resident of the plan, whoever registers them. */
  dataController: z.boolean(),
  archived: z.boolean(),
})
export type PlanParty = z.infer<typeof PlanParty>

export const PlanPartyList = z.object({ parties: z.array(PlanParty) })
export type PlanPartyList = z.infer<typeof PlanPartyList>

export const PartyIdParams = z.object({ planId: z.uuid({ error: 'Ugyldigt plan-id.' }), partyId: z.uuid({ error: 'Ugyldigt part-id.' }) })

const Name = z.string().trim().min(1, 'Skriv partens navn.').max(200, 'Navnet må højst have 200 tegn.')
const Unit = z
  .string()
  .trim()
  .max(200, 'Enheden må højst have 200 tegn.')
  .transform((u) => (u === '' ? null : u))
  .nullable()

export const PlanPartyCreate = z.object({ name: Name, unit: Unit, kind: PartyKind, dataController: z.boolean().default(false) })
export type PlanPartyCreate = z.input<typeof PlanPartyCreate>

export const PlanPartyUpdate = PlanPartyCreate.extend({ archived: z.boolean() })
export type PlanPartyUpdate = z.input<typeof PlanPartyUpdate>

/** A party as records name it: in a consent, as a resident's owner. */
export const PartyRef = z.object({ id: z.uuid(), name: z.string() })
export type PartyRef = z.infer<typeof PartyRef>
