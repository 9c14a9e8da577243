import type { AgreementFile, ExportFormat } from '../../../shared/agreements.ts'
import { renderPdfInThread } from '../../lib/pdf-thread.ts'

// One revision written out in the format asked for. The Word and PDF renderers share one layout
// model, so both carry the same content in the funder's template order.

export interface ExportedFile {
  fileName: string
  contentType: string
  body: Buffer
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  yaml: 'application/yaml; charset=utf-8',
  json: 'application/json; charset=utf-8',
}

/** "delaftale-beskaeftigelse-sonderborg-rev2.docx": ASCII only, so every browser and file system keeps it. */
export function exportFileName(municipality: string, key: string, revisionNumber: number, format: ExportFormat): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replaceAll('æ', 'ae')
      .replaceAll('ø', 'oe')
      .replaceAll('å', 'aa')
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
  return `delaftale-${slug(key)}-${slug(municipality)}-rev${revisionNumber}.${format}`
}

export interface ExportInput {
  file: AgreementFile
  effortAreaName: string
  revisionNumber: number
  municipality: string
  generatedAt: Date
}

export async function exportAgreement(input: ExportInput, format: ExportFormat): Promise<ExportedFile> {
  const fileName = exportFileName(input.municipality, input.file.agreement.key, input.revisionNumber, format)
  let body: Buffer
  switch (format) {
    case 'yaml':
      body = Buffer.from((await import('./agreement-file.ts')).toYaml(input.file), 'utf8')
      break
    case 'json':
      body = Buffer.from((await import('./agreement-file.ts')).toJson(input.file), 'utf8')
      break
    case 'docx':
    case 'pdf': {
      const { agreementDocumentModel } = await import('./agreement-document.ts')
      const model = agreementDocumentModel(input.file, { effortAreaName: input.effortAreaName, revisionNumber: input.revisionNumber, generatedAt: input.generatedAt })
      if (format === 'docx') {
        const { renderAgreementDocx } = await import('./agreement-docx.ts')
        body = await renderAgreementDocx(model)
      } else {
        body = await renderPdfInThread('agreement', model)
      }
      break
    }
  }
  return { fileName, contentType: CONTENT_TYPES[format], body }
}
