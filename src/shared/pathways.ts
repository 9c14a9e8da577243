import { z } from 'zod'

// Pathways (forløbstrapper, decision 023): the steps of an activity a young person moves through,
// e.g. Varde's leisure-job funnel: pocket-money job → guidance/CV → business-guide meeting →
// interview → leisure job → still in the job after 3 months. Each activity defines its own steps;
// a young person's steps reached are recorded with their dates and who recorded them. A step with
// `askAfterMonths` is a check asked that many months after the step before it was reached.
// Groups (hold) of an activity say when a group ran; a session of the activity may be held for one
// group, and the group's attendance is that of its sessions (decision 030; features/sessions).

const Day = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })

export const PathwayStep = z.object({
  id: z.uuid(),
  position: z.number().int(),
  key: z.string(),
  name: z.string(),
  /** A check: asked this many months after the step before it was reached. */
  askAfterMonths: z.number().int().nullable(),
})
export type PathwayStep = z.infer<typeof PathwayStep>

export const StepInput = z.object({
  name: z.string().trim().min(1, 'Skriv trinnets navn.').max(200),
  askAfterMonths: z.number().int().min(1, 'Skriv et antal måneder fra 1 til 120.').max(120, 'Skriv et antal måneder fra 1 til 120.').nullable(),
})
export const PathwaySteps = z.object({
  steps: z.array(StepInput).min(1, 'Et forløb skal have mindst ét trin.').max(20, 'Et forløb kan højst have 20 trin.'),
})
export type PathwaySteps = z.infer<typeof PathwaySteps>

/** A step's key from its name: lower case, Danish letters spelled out, words joined by hyphens. */
export function stepKeyOf(name: string): string {
  const key = name
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'oe')
    .replaceAll('å', 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return key || 'trin'
}

export const Pathway = z.object({
  activityId: z.uuid(),
  activityName: z.string(),
  steps: z.array(PathwayStep),
})
export type Pathway = z.infer<typeof Pathway>

/** An activity of the plan with a pathway: the main menu's "Unge" leads to its funnel. */
export const FunnelActivity = z.object({ activityId: z.uuid(), activityName: z.string(), steps: z.number().int() })
export type FunnelActivity = z.infer<typeof FunnelActivity>

export const ProgressCreate = z
  .object({
    stepId: z.uuid({ error: 'Vælg et trin i forløbet.' }),
    reachedOn: Day,
    /** For a check step: yes (still in the job) or no. Null for any other step. */
    stillHeld: z.boolean().nullable().default(null),
    note: z
      .string()
      .trim()
      .max(2000)
      .transform((s) => (s === '' ? null : s))
      .nullable()
      .default(null),
  })
export type ProgressCreate = z.input<typeof ProgressCreate>

/** One step of a young person's pathway: reached or not, and for a check, when it is asked. */
export const StepPosition = PathwayStep.extend({
  reachedOn: z.string().nullable(),
  stillHeld: z.boolean().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  /** A check not yet answered whose step before is reached: the day it is asked. */
  dueOn: z.string().nullable(),
})
export type StepPosition = z.infer<typeof StepPosition>

export const ParticipantPathway = z.object({
  activityId: z.uuid(),
  activityName: z.string(),
  steps: z.array(StepPosition),
})
export type ParticipantPathway = z.infer<typeof ParticipantPathway>

/** A check that is due: who, which step, since when. Names only as the reader may see them. */
export const DueCheck = z.object({
  participantId: z.uuid(),
  pseudonym: z.string(),
  name: z.string().nullable(),
  stepId: z.uuid(),
  stepName: z.string(),
  dueOn: z.string(),
})
export type DueCheck = z.infer<typeof DueCheck>

export const ActivityGroup = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  /** Sessions held for the group, attendances marked present at them, young people present at least once (decision 030). */
  sessions: z.number().int(),
  present: z.number().int(),
  youngPeople: z.number().int(),
})
export type ActivityGroup = z.infer<typeof ActivityGroup>
export const ActivityGroupCreate = z
  .object({
    name: z.string().trim().min(1, 'Skriv holdets navn.').max(200),
    startsOn: Day,
    endsOn: Day.nullable(),
  })
  .refine((g) => g.endsOn === null || g.endsOn >= g.startsOn, { path: ['endsOn'], message: 'Holdet kan ikke slutte, før det starter.' })
export type ActivityGroupCreate = z.infer<typeof ActivityGroupCreate>

/** The funnel of an activity: counts per step, leisure jobs kept, groups per year. No names. */
export const FunnelFigures = z.object({
  activityId: z.uuid(),
  activityName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  steps: z.array(z.object({ stepId: z.uuid(), name: z.string(), count: z.number().nullable(), hidden: z.boolean() })),
  /** Young people who reached the step before the check in the period (entered a leisure job). */
  entered: z.number().nullable(),
  /** Of those, answered yes at the check. */
  kept: z.number().nullable(),
  /** Of those, answered no: the leisure job was lost. */
  lost: z.number().nullable(),
  /** Of those, not yet asked (the check is not due or not answered). */
  awaiting: z.number().nullable(),
  hidden: z.boolean(),
  /** Null when the activity's pathway has no check step. */
  checkName: z.string().nullable(),
  groups: z.object({ year: z.number().int(), count: z.number().int(), min: z.number().int().nullable(), max: z.number().int().nullable(), verdict: z.enum(['below', 'within', 'above', 'no-target']) }),
  definitions: z.array(z.object({ name: z.string(), definition: z.string() })),
  suppressed: z.boolean(),
})
export type FunnelFigures = z.infer<typeof FunnelFigures>

export const groupVerdictLabels: Record<FunnelFigures['groups']['verdict'], string> = {
  below: 'Under målet',
  within: 'Inden for målet',
  above: 'Over målet',
  'no-target': 'Intet mål i delaftalen',
}

/** The steps of the standard leisure-job pathway, given to an activity about leisure jobs. */
export const LEISURE_JOB_PATHWAY: readonly { key: string; name: string; askAfterMonths: number | null }[] = [
  { key: 'lommepengejob', name: 'Lommepengejob', askAfterMonths: null },
  { key: 'vejledning-cv', name: 'Vejledning og CV', askAfterMonths: null },
  { key: 'erhvervsguide', name: 'Møde med erhvervsguiden', askAfterMonths: null },
  { key: 'jobsamtale', name: 'Jobsamtale', askAfterMonths: null },
  { key: 'fritidsjob', name: 'Fritidsjob', askAfterMonths: null },
  { key: 'fastholdt-3-maaneder', name: 'Stadig i job efter 3 måneder', askAfterMonths: 3 },
]

/** Whether an activity gets the standard leisure-job pathway when its agreement is loaded. */
export const isLeisureJobActivity = (name: string) => /fritidsjob/i.test(name)
