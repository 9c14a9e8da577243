import { z } from 'zod'
import { Placement, PlacementChoices, type PlacementCreate, type PlacementFollowupCreate, PlacementList, type PlacementUpdate } from '../../../shared/placements.ts'
import { api } from '../../lib/api.ts'

const placementsApi = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/placements`
const placementApi = (planId: string, placementId: string) => `${placementsApi(planId)}/${encodeURIComponent(placementId)}`
const Created = z.object({ id: z.uuid() })

export const listPlacements = (planId: string, filter: { companyId?: string; participantId?: string } = {}, signal?: AbortSignal) => {
  const params = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string'))
  return api.get(`${placementsApi(planId)}${params.size ? `?${params.toString()}` : ''}`, PlacementList, { signal })
}
export const readPlacementChoices = (planId: string, signal?: AbortSignal) => api.get(`/api/plans/${encodeURIComponent(planId)}/placement-choices`, PlacementChoices, { signal })
export const createPlacement = (planId: string, body: PlacementCreate) => api.post(placementsApi(planId), Created, body)
export const readPlacement = (planId: string, placementId: string, signal?: AbortSignal) => api.get(placementApi(planId, placementId), Placement, { signal })
export const updatePlacement = (planId: string, placementId: string, body: PlacementUpdate) => api.put(placementApi(planId, placementId), null, body)
export const addPlacementFollowup = (planId: string, placementId: string, body: PlacementFollowupCreate) => api.post(`${placementApi(planId, placementId)}/followups`, Created, body)

// Addresses of the pages: in placements.paths.ts, so pages that only link here do not load the contracts.
export { newPlacementPath, placementPath, placementsPath } from './placements.paths.ts'
