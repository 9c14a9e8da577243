import type { AgreementDetail } from '../../../shared/agreements.ts'
import type { Crumb } from '../../components/ui/breadcrumbs.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { useDocumentTitle } from '../../lib/document-title.ts'
import { ForbiddenPage } from '../errors/forbidden-page.tsx'
import { NotFoundPage } from '../errors/not-found-page.tsx'
import { planPath } from '../plans/plans.api.ts'
import { agreementPath } from './agreements.api.ts'

// What every agreement page shows before its data is there, and when it cannot get it.

export function AgreementLoading({ title, label = 'Henter delaftalen …' }: { title: string; label?: string }) {
  useDocumentTitle(title)
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <Spinner label={label} />
    </>
  )
}

export function AgreementLoadFailed({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  // A malformed id is as good as an unknown one to the user; a plan they are not on is "Ingen adgang".
  if (error instanceof ApiError && (error.code === 'not_found' || error.code === 'validation')) return <NotFoundPage />
  if (error instanceof ApiError && error.code === 'forbidden') return <ForbiddenPage />
  return (
    <Page title={title}>
      <LoadError message={messageOf(error)} onRetry={onRetry} heading="Delaftalen kunne ikke hentes" />
    </Page>
  )
}

/** Forside › plan › delaftale › …: the trail above every agreement page. */
export function agreementCrumbs(detail: AgreementDetail, below: Crumb[] = []): Crumb[] {
  return [
    { label: 'Forside', to: '/' },
    { label: detail.plan.name, to: planPath(detail.planId) },
    { label: detail.content.title, to: agreementPath(detail.planId, detail.id) },
    ...below,
  ]
}

/** "?revision=3" → 3; no parameter → undefined; anything else → null (no such revision). */
export function revisionParam(value: string | null): number | undefined | null {
  if (value === null) return undefined
  return /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null
}
