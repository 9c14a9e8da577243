import { planPath } from '../plans/plans.api.ts'

// Addresses of the pages. Danish, because users see and share them.
export const placementsPath = (planId: string) => `${planPath(planId)}/udplaceringer`
export const newPlacementPath = (planId: string, participantId: string) => `${placementsPath(planId)}/ny?${new URLSearchParams({ beboer: participantId }).toString()}`
export const placementPath = (planId: string, placementId: string) => `${placementsPath(planId)}/${encodeURIComponent(placementId)}`
