import { DetectedTable, type BeboerdataMapping, ValueMappingDto, ValueMappingList } from '../../../shared/value-mappings.ts'
import { type UploadOptions, api } from '../../lib/api.ts'

// Saved mappings for LBF Beboerdata tables (docs/value-import-format.md, "LBF Beboerdata"), and
// reading a table's shape to build one.

const agreementApi = (planId: string, agreementId: string) => `/api/plans/${encodeURIComponent(planId)}/agreements/${encodeURIComponent(agreementId)}`

export const readValueMappings = (planId: string, agreementId: string, signal?: AbortSignal) =>
  api.get(`${agreementApi(planId, agreementId)}/value-mappings`, ValueMappingList, { signal })

export const createValueMapping = (planId: string, agreementId: string, body: BeboerdataMapping) =>
  api.post(`${agreementApi(planId, agreementId)}/value-mappings`, ValueMappingDto, body)

/** Sends the file as it is; the server answers with the sheet, the year columns and the row labels it found. */
export const detectTable = (planId: string, agreementId: string, file: File, choice: { sheet?: string } = {}, options?: UploadOptions) => {
  const query = new URLSearchParams({ fileName: file.name })
  if (choice.sheet) query.set('sheet', choice.sheet)
  return api.upload(`${agreementApi(planId, agreementId)}/imports/detect?${query.toString()}`, DetectedTable, file, options)
}
