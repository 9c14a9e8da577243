import { planPath } from '../plans/plans.api.ts'

// Addresses of the pages. Danish, because users see and share them.

export { residentsPath } from '../../app/menu-paths.ts'

export const participantsPath = (planId: string) => `${planPath(planId)}/deltagere`

export const newParticipantPath = (planId: string) => `${participantsPath(planId)}/ny`

/** The plan's erasure requests, waiting and decided. */
export const erasureRequestsPath = (planId: string) => `${participantsPath(planId)}/sletninger`

export const participantPath = (planId: string, participantId: string) => `${participantsPath(planId)}/${encodeURIComponent(participantId)}`

export const editParticipantPath = (planId: string, participantId: string) => `${participantPath(planId, participantId)}/ret`
