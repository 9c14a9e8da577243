import { z } from 'zod'
import {
  Company,
  CompanyFigures,
  CompanyImportCommitted,
  CompanyImportPreview,
  type CompanyInput,
  CompanyList,
  type ContactEventInput,
  ContactPeople,
  type ContactPersonInput,
  CsrAwards,
  type NetworkChange,
  type NominationInput,
  type OpeningInput,
} from '../../../shared/companies.ts'
import { api, type UploadOptions } from '../../lib/api.ts'
import { planPath } from '../plans/plans.api.ts'

const planApi = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`
const companiesApi = (planId: string) => `${planApi(planId)}/companies`
const companyApi = (planId: string, companyId: string) => `${companiesApi(planId)}/${encodeURIComponent(companyId)}`
const Created = z.object({ id: z.uuid() })

export interface CompanyQuery {
  q: string
  /** null: all; true: only those in the network; false: only those outside it. */
  inNetwork: boolean | null
  page: number
}

export const PAGE_SIZE = 50

export const listCompanies = (planId: string, query: CompanyQuery, signal?: AbortSignal) => {
  const params = new URLSearchParams({ page: String(query.page), pageSize: String(PAGE_SIZE) })
  if (query.q.trim()) params.set('q', query.q.trim())
  if (query.inNetwork !== null) params.set('inNetwork', String(query.inNetwork))
  return api.get(`${companiesApi(planId)}?${params.toString()}`, CompanyList, { signal })
}
/** The plan's companies to invite to a network event: the list's largest page, which a plan's network fits in. */
export const listInvitableCompanies = (planId: string, signal?: AbortSignal) => api.get(`${companiesApi(planId)}?pageSize=200`, CompanyList, { signal })

export const createCompany = (planId: string, body: CompanyInput) => api.post(companiesApi(planId), Created, body)
export const updateCompany = (planId: string, companyId: string, body: CompanyInput) => api.put(companyApi(planId, companyId), null, body)
export const readCompany = (planId: string, companyId: string, signal?: AbortSignal) => api.get(companyApi(planId, companyId), Company, { signal })
export const changeNetwork = (planId: string, companyId: string, body: NetworkChange) => api.post(`${companyApi(planId, companyId)}/network`, null, body)
export const readContacts = (planId: string, companyId: string, signal?: AbortSignal) => api.get(`${companyApi(planId, companyId)}/contacts`, ContactPeople, { signal })
export const addContact = (planId: string, companyId: string, body: ContactPersonInput) => api.post(`${companyApi(planId, companyId)}/contacts`, Created, body)
export const updateContact = (planId: string, companyId: string, contactId: string, body: ContactPersonInput) => api.put(`${companyApi(planId, companyId)}/contacts/${encodeURIComponent(contactId)}`, null, body)
export const removeContact = (planId: string, companyId: string, contactId: string) => api.delete(`${companyApi(planId, companyId)}/contacts/${encodeURIComponent(contactId)}`)
export const addContactEvent = (planId: string, companyId: string, body: ContactEventInput) => api.post(`${companyApi(planId, companyId)}/contact-events`, Created, body)
export const createOpening = (planId: string, companyId: string, body: OpeningInput) => api.post(`${companyApi(planId, companyId)}/openings`, Created, body)
export const updateOpening = (planId: string, openingId: string, body: OpeningInput) => api.put(`${planApi(planId)}/openings/${encodeURIComponent(openingId)}`, null, body)
export const nominate = (planId: string, companyId: string, body: NominationInput) => api.post(`${companyApi(planId, companyId)}/csr-nominations`, Created, body)
export const chooseWinner = (planId: string, nominationId: string) => api.post(`${planApi(planId)}/csr-nominations/${encodeURIComponent(nominationId)}/winner`, null)
export const readCsrAwards = (planId: string, signal?: AbortSignal) => api.get(`${planApi(planId)}/csr-awards`, CsrAwards, { signal })
export const readCompanyFigures = (planId: string, from: string, to: string, signal?: AbortSignal) =>
  api.get(`${planApi(planId)}/company-figures?${new URLSearchParams({ from, to }).toString()}`, CompanyFigures, { signal })

export const uploadCompanies = (planId: string, file: File, options?: UploadOptions) =>
  api.upload(`${planApi(planId)}/company-imports?${new URLSearchParams({ fileName: file.name }).toString()}`, CompanyImportPreview, file, options)
export const commitCompanies = (planId: string, importId: string) => api.post(`${planApi(planId)}/company-imports/${encodeURIComponent(importId)}/commit`, CompanyImportCommitted)
export const discardCompanies = (planId: string, importId: string) => api.post(`${planApi(planId)}/company-imports/${encodeURIComponent(importId)}/discard`, null)

// Addresses of the pages. Danish, because users see and share them.

export { companiesMenuPath } from '../../app/menu-paths.ts'
export const companiesPath = (planId: string) => `${planPath(planId)}/virksomheder`
export const newCompanyPath = (planId: string) => `${companiesPath(planId)}/ny`
export const companyImportPath = (planId: string) => `${companiesPath(planId)}/importer`
export const companyFiguresPath = (planId: string) => `${planPath(planId)}/virksomhedstal`
export const companyPath = (planId: string, companyId: string) => `${companiesPath(planId)}/${encodeURIComponent(companyId)}`
export const editCompanyPath = (planId: string, companyId: string) => `${companyPath(planId, companyId)}/ret`
