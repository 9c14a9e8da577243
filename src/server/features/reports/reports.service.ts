import type { ReportFormat, ReportQuery } from '../../../shared/reports.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { auditActor, type Grant } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { currentAgreement } from '../agreements/agreements.service.ts'
import { reportCompanyFigures } from '../companies/companies.service.ts'
import { reportFunnels } from '../pathways/pathways.service.ts'
import { followUp } from '../indicators/indicators.service.ts'
import { parsePeriod } from '../../../shared/lib/period.ts'
import { figuresOfPlan } from '../counselling/figures.service.ts'
import { quarterForReport } from '../staff-time/staff-time.service.ts'
import type { CounsellingReportInput } from './status-report-counselling.ts'
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
  const counselling = await counsellingOfPeriod(ctx, grant, agreement, query.period)
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const period = parsePeriod(query.period)
  // The companies and placements of the plan in the report's period, small numbers hidden.
  const companyFigures = period && grant.planId ? await reportCompanyFigures(ctx, grant.planId, { from: period.start, to: period.end }) : undefined
  // The young people's funnels of the agreement's activities, small numbers hidden (decision 030).
  const funnels = await reportFunnels(ctx, agreement.id, query.period)
  const model = statusReportModel({
    followUp: data,
    planName: agreement.plan.name,
    municipality: agreement.plan.municipality,
    period: query.period,
    generatedAt: ctx.now(),
    threshold,
    validTo: agreement.content.validTo,
    ...(companyFigures ? { companyFigures } : {}),
    counselling,
    youth: { funnels },
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

/**
 * The section "Åben rådgivning og tid" (status-report-counselling.ts): the open counselling figures of
 * the period, with small numbers hidden as for a board member, when the agreement schedules open
 * counselling; the staff promises of the quarter when the period is one.
 */
async function counsellingOfPeriod(
  ctx: AppContext,
  grant: Grant<'indicator-values', 'read'>,
  agreement: Awaited<ReturnType<typeof currentAgreement>>,
  period: string,
): Promise<Omit<CounsellingReportInput, 'periodLabel'>> {
  const parsed = parsePeriod(period)
  if (!parsed) return { figures: null, quarter: null }
  const hasCounselling = agreement.content.activities.some((a) => a.schedules.length > 0)
  const [figures, quarter] = await Promise.all([
    hasCounselling ? figuresOfPlan(ctx, agreement.planId, { from: parsed.start, to: parsed.end }, true) : null,
    parsed.kind === 'quarter' ? quarterForReport(ctx, grant, agreement.id, period) : null,
  ])
  return { figures, quarter }
}
