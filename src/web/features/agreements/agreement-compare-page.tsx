import type { ReactNode } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import type { AgreementChange, AgreementComparison, AgreementDetail, RevisionSummary } from '../../../shared/agreements.ts'
import { formatCount, formatDate } from '../../../shared/lib/format.ts'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { AgreementLoadFailed, AgreementLoading, agreementCrumbs, revisionParam } from './agreement-loading.tsx'
import { agreementHistoryPath, compareRevisions, readAgreement } from './agreements.api.ts'

// Two revisions side by side: one line per change, with removed and added words marked.

export function AgreementComparePage() {
  const { planId = '', agreementId = '' } = useParams()
  const [search] = useSearchParams()
  const from = revisionParam(search.get('fra'))
  const to = revisionParam(search.get('til'))
  const valid = typeof from === 'number' && typeof to === 'number'
  const data = useResource(
    async (signal) => {
      const [detail, comparison] = await Promise.all([
        readAgreement(planId, agreementId, undefined, signal),
        valid ? compareRevisions(planId, agreementId, from, to, signal) : Promise.resolve(null),
      ])
      return { detail, comparison }
    },
    [planId, agreementId, from, to],
  )
  if (data.status === 'loading') return <AgreementLoading title="Sammenlign revisioner" label="Sammenligner revisionerne …" />
  if (data.status === 'failed') return <AgreementLoadFailed title="Sammenlign revisioner" error={data.error} onRetry={data.reload} />
  const { detail, comparison } = data.data
  if (!comparison) return <NoRevisionsChosen detail={detail} />
  return <Comparison detail={detail} comparison={comparison} />
}

function NoRevisionsChosen({ detail }: { detail: AgreementDetail }) {
  return (
    <>
      <Breadcrumbs items={agreementCrumbs(detail, [{ label: 'Revisionshistorik', to: agreementHistoryPath(detail.planId, detail.id) }, { label: 'Sammenlign' }])} />
      <Page title="Sammenlign revisioner">
        <p>Adressen siger ikke, hvilke to revisioner der skal sammenlignes.</p>
        <p>
          <Link to={agreementHistoryPath(detail.planId, detail.id)}>Vælg revisionerne i revisionshistorikken</Link>
        </p>
      </Page>
    </>
  )
}

const revisionHeading = (revision: RevisionSummary) => `Revision ${revision.number} (${formatDate(revision.effectiveFrom)})`

function Comparison({ detail, comparison }: { detail: AgreementDetail; comparison: AgreementComparison }) {
  const { from, to, changes } = comparison
  const title = `Sammenlign revision ${from.number} og ${to.number}`
  return (
    <>
      <Breadcrumbs items={agreementCrumbs(detail, [{ label: 'Revisionshistorik', to: agreementHistoryPath(detail.planId, detail.id) }, { label: title }])} />
      <Page title={title} lead={`${detail.content.title} – ${detail.plan.name}`}>
        <p className="change-count weight-semibold">
          {changes.length === 0 ? 'Ingen forskelle' : `${formatCount(changes.length, 'ændring', 'ændringer')} fra revision ${from.number} til revision ${to.number}`}
        </p>
        {changes.length === 0 ? (
          <p>Indholdet af de to revisioner er ens.</p>
        ) : (
          <>
            <p className="small-text">
              <del className="diff-sample">Gennemstreget med rød baggrund</del> er fjernet; <ins className="diff-sample">understreget med grøn baggrund</ins>{' '}
              er tilføjet.
            </p>
            <TableScroller label="Ændringer">
              <table className="table table--compact compare-table">
                <caption className="sr-only">
                  Ændringer fra revision {from.number} til revision {to.number}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Felt</th>
                    <th scope="col">{revisionHeading(from)}</th>
                    <th scope="col">{revisionHeading(to)}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((change, i) => (
                    <tr key={`${change.path}-${i}`}>
                      <th scope="row" className="weight-normal">
                        {change.label}
                      </th>
                      <td className="diff-cell">
                        <Side change={change} side="before" />
                      </td>
                      <td className="diff-cell">
                        <Side change={change} side="after" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          </>
        )}
        <p className="mt-7">
          <Link to={agreementHistoryPath(detail.planId, detail.id)} className="back-link">
            Tilbage til revisionshistorikken
          </Link>
        </p>
      </Page>
    </>
  )
}

const Removed = ({ children }: { children: ReactNode }) => (
  <del>
    <span className="sr-only">fjernet: </span>
    {children}
  </del>
)
const Added = ({ children }: { children: ReactNode }) => (
  <ins>
    <span className="sr-only">tilføjet: </span>
    {children}
  </ins>
)

const Missing = () => (
  <>
    <span aria-hidden="true">–</span>
    <span className="sr-only">Ikke angivet</span>
  </>
)

/** One revision's side of a change: its own text, with what the other side lacks marked. */
function Side({ change, side }: { change: AgreementChange; side: 'before' | 'after' }) {
  const value = side === 'before' ? change.before : change.after
  if (value === null) return <Missing />
  if (change.parts && change.parts.length > 0) {
    const shown: ReactNode[] = []
    let last = ''
    let pendingSpace = false
    change.parts.forEach((part, i) => {
      if (side === 'before' ? part.added : part.removed) {
        // The word diff may leave the space between two words inside the other side's part
        // ("småjob[, i praktik ]og"); without it this side would read "småjobog".
        if (/^\s|\s$/.test(part.value) && last !== '' && !/\s$/.test(last)) pendingSpace = true
        return
      }
      if (pendingSpace && !/^\s/.test(part.value)) shown.push(' ')
      pendingSpace = false
      if (part.removed) shown.push(<Removed key={i}>{part.value}</Removed>)
      else if (part.added) shown.push(<Added key={i}>{part.value}</Added>)
      else shown.push(<span key={i}>{part.value}</span>)
      last = part.value
    })
    return <>{shown}</>
  }
  // No word-level diff (a number, a date, a whole item): the whole value is what changed.
  return side === 'before' ? <Removed>{value}</Removed> : <Added>{value}</Added>
}
