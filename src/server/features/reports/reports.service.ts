import type { ReportFormat, ReportQuery } from '../../../shared/reports.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { auditActor, type Grant } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { currentAgreement } from '../agreements/agreements.service.ts'
import { reportCompanyFigures } from '../companies/companies.service.ts'
import { followUp } from '../indicators/indicators.service.ts'
import { parsePeriod } from '../../../shared/lib/period.ts'
import { statusReportModel } from './status-report.ts'
import { renderPdfInThread } from '../../lib/pdf-thread.ts'

// Reports are for readers outside the team, so every one is suppressed, whoever downloads it: a
// project leader who sends the file on to the board sends what a board member would get.

export interface ReportFile {
  fileName: string
  contentType: string
  body: Buffer
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'oe')
    .replaceAll('å', 'aa')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** "statusrapport-beskaeftigelse-soenderborg-2023-Q2.docx": ASCII only, so every browser and file system keeps it. */
export function reportFileName(agreementKey: string, municipality: string, period: string, format: ReportFormat): string {
  return `statusrapport-${slug(agreementKey)}-${slug(municipality)}-${period}.${format}`
}

/** The board's status report of one agreement for one period, in the format asked for; the download is audited. */
export async function statusReport(
  ctx: AppContext,
  grant: Grant<'indicator-values', 'read'>,
  agreementId: string,
  query: ReportQuery,
  request: { ip?: string | null } = {},
): Promise<ReportFile> {
  const [agreement, data] = await Promise.all([currentAgreement(ctx, grant, agreementId), followUp(ctx, grant, agreementId)])
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const period = parsePeriod(query.period)
  // The companies and placements of the plan in the report's period, small numbers hidden.
  const companyFigures = period && grant.planId ? await reportCompanyFigures(ctx, grant.planId, { from: period.start, to: period.end }) : undefined
  const model = statusReportModel({
    followUp: data,
    planName: agreement.plan.name,
    municipality: agreement.plan.municipality,
    period: query.period,
    generatedAt: ctx.now(),
    threshold,
    validTo: agreement.content.validTo,
    ...(companyFigures ? { companyFigures } : {}),
  })
  let body: Buffer
  switch (query.format) {
    case 'docx': {
      const { renderStatusReportDocx } = await import('./status-report-docx.ts')
      body = await renderStatusReportDocx(model)
      break
    }
    case 'xlsx': {
      const { renderStatusReportXlsx } = await import('./status-report-xlsx.ts')
      body = await renderStatusReportXlsx(model)
      break
    }
    case 'pdf': {
      body = await renderPdfInThread('status-report', model)
      break
    }
  }
  const fileName = reportFileName(agreement.content.key, agreement.plan.municipality, query.period, query.format)
  await writeAudit(ctx.db, {
    actor: auditActor(grant),
    action: 'read',
    entity: 'status-report',
    entityId: agreementId,
    planId: agreement.planId,
    details: { agreementId, period: query.period, format: query.format, fileName, revisionNumber: agreement.revisionNumber, suppressed: true, threshold, bytes: body.length },
    ip: request.ip ?? null,
  })
  return { fileName, contentType: CONTENT_TYPES[query.format], body }
}
