import { z } from 'zod'
import { Activity, ActivityFigures, type ActivitySettings, type ComputedValueCreate, Roster } from '../../../shared/enrolments.ts'
import { IndicatorValueDto } from '../../../shared/indicators.ts'
import { api } from '../../lib/api.ts'
import { planPath } from '../plans/plans.api.ts'

const planApi = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`
const activityApi = (planId: string, activityId: string) => `${planApi(planId)}/activities/${encodeURIComponent(activityId)}`

export const listActivities = (planId: string, signal?: AbortSignal) => api.get(`${planApi(planId)}/activities`, z.array(Activity), { signal })

export const updateActivitySettings = (planId: string, activityId: string, body: ActivitySettings) => api.put(activityApi(planId, activityId), null, body)

export const readRoster = (planId: string, activityId: string, signal?: AbortSignal) => api.get(`${activityApi(planId, activityId)}/roster`, Roster, { signal })

/** `period`: a period key, "2026-Q3" or "2026". */
export const readFigures = (planId: string, activityId: string, period: string, signal?: AbortSignal) =>
  api.get(`${activityApi(planId, activityId)}/figures?${new URLSearchParams({ period }).toString()}`, ActivityFigures, { signal })

/** Stores a figure as an indicator value (provenance "computed") in an agreement's follow-up. */
export const transferFigure = (planId: string, body: ComputedValueCreate) => api.post(`${planApi(planId)}/computed-values`, IndicatorValueDto, body)

// Addresses of the pages. Danish, because users see and share them.

export const activitiesPath = (planId: string) => `${planPath(planId)}/aktiviteter`

export const activityPath = (planId: string, activityId: string) => `${activitiesPath(planId)}/${encodeURIComponent(activityId)}`

/** One enrolment (forløb) with its follow-ups and attendance. */
export const enrolmentPath = (planId: string, enrolmentId: string) => `${planPath(planId)}/forloeb/${encodeURIComponent(enrolmentId)}`
