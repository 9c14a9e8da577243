import { TargetGroupCommitted, TargetGroupPreview, TargetGroupSnapshots } from '../../../shared/target-groups.ts'
import { api, type UploadOptions } from '../../lib/api.ts'

const base = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/target-groups`

export const targetGroupsPath = (planId: string) => `/planer/${encodeURIComponent(planId)}/maalgrupper`

export const readTargetGroups = (planId: string, signal?: AbortSignal) => api.get(base(planId), TargetGroupSnapshots, { signal })

export const uploadTargetGroups = (planId: string, file: File, options?: UploadOptions) =>
  api.upload(`${base(planId)}/imports?${new URLSearchParams({ fileName: file.name }).toString()}`, TargetGroupPreview, file, options)

export const commitTargetGroups = (planId: string, importId: string) => api.post(`${base(planId)}/imports/${encodeURIComponent(importId)}/commit`, TargetGroupCommitted)

/** Drops a previewed file on the server, so it cannot be saved later by mistake. */
export const discardTargetGroups = (planId: string, importId: string) => api.post(`${base(planId)}/imports/${encodeURIComponent(importId)}/discard`, null)
