import { Link, useLocation, useParams, useSearchParams } from 'react-router'
import { type AgreementDetail, type ExportFormat, type Party } from '../../../shared/agreements.ts'
import { formatCount, formatDate } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { followUpPath } from '../indicators/indicators.api.ts'
import { NotFoundPage } from '../errors/not-found-page.tsx'
import { ActivitySection, ResourceList, activityAnchor } from './agreement-activity.tsx'
import { formatPeriod } from '../../../shared/agreement-wording.ts'
import { may } from '../../../shared/permissions.ts'
import { GoalsTable } from './agreement-goals-table.tsx'
import { AgreementLoadFailed, AgreementLoading, agreementCrumbs, revisionParam } from './agreement-loading.tsx'
import { TargetGroupTable } from './agreement-target-groups.tsx'
import { InlineText, TextBlocks, footnoteId } from './agreement-text.tsx'
import { agreementEditPath, agreementHistoryPath, agreementPath, exportUrl, readAgreement } from './agreements.api.ts'

// The agreement as a document: the sections in the order of Landsbyggefonden's template, so it
// reads like the agreement the parties signed, followed by one schema per activity.

export function AgreementPage() {
  const { planId = '', agreementId = '' } = useParams()
  const [search] = useSearchParams()
  const revision = revisionParam(search.get('revision'))
  const agreement = useResource((signal) => readAgreement(planId, agreementId, revision ?? undefined, signal), [planId, agreementId, revision])

  if (revision === null) return <NotFoundPage />
  if (agreement.status === 'loading') return <AgreementLoading title="Delaftale" />
  if (agreement.status === 'failed') return <AgreementLoadFailed title="Delaftale" error={agreement.error} onRetry={agreement.reload} />
  return <AgreementDocument key={`${agreement.data.id}-${agreement.data.revision.number}`} detail={agreement.data} />
}

function AgreementDocument({ detail }: { detail: AgreementDetail }) {
  const location = useLocation()
  const notice = (location.state as { notice?: string } | null)?.notice
  const content = detail.content
  const agreementSnapshots = content.snapshotKeys.flatMap((key) => content.targetGroupSnapshots.filter((s) => s.key === key))

  return (
    <>
      <Breadcrumbs items={agreementCrumbs(detail).map((crumb, i, all) => (i === all.length - 1 ? { label: crumb.label } : crumb))} />
      <Page title={content.title} lead={`${detail.plan.name}, ${detail.plan.municipality} Kommune · Indsatsområde: ${detail.effortArea.name}`}>
        {notice && <Alert variant="success" heading={notice} />}
        <RevisionBox detail={detail} />

        {detail.warnings.length > 0 && (
          <Alert variant="warning" heading={`${formatCount(detail.warnings.length, 'advarsel', 'advarsler')} om delaftalens sammenhæng`}>
            <p>Advarslerne forhindrer ikke noget, men bør ses efter ved næste revision.</p>
            <ul>
              {detail.warnings.map((warning, i) => (
                <li key={`${warning.code}-${warning.path}-${i}`}>{warning.message}</li>
              ))}
            </ul>
          </Alert>
        )}

        <div className="agreement-document">
          <h2>Navn på den boligsociale indsats</h2>
          <p className="preserve-lines">{content.initiativeName.trim()}</p>
          {content.vision && (
            <div className="agreement-vision">
              <TextBlocks text={content.vision} headingLevel={3} />
            </div>
          )}

          <h2>Delaftalen gælder fra – til</h2>
          <p>{formatPeriod(content.validFrom, content.validTo)}</p>

          <h2>Delaftalens parter</h2>
          <ul className="agreement-parties">
            {content.parties.map((party, i) => (
              <li key={i}>{partyText(party)}</li>
            ))}
          </ul>

          <h2>Delmål og indikatorer</h2>
          <GoalsTable goals={content.goals} />

          <h2>Aktiviteter</h2>
          {content.activities.length === 0 ? (
            <p>Delaftalen har ingen aktiviteter endnu.</p>
          ) : (
            <>
              <p>Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet:</p>
              <ul className="activity-list">
                {content.activities.map((activity) => (
                  <li key={activity.key}>
                    <a href={`#${activityAnchor(activity.key)}`} className="weight-semibold">
                      {activity.name}
                    </a>
                    {activity.sharedWithAllAgreements && ' (fælles for alle delaftaler)'}
                    {activity.summary && <TextBlocks text={activity.summary} headingLevel={null} />}
                  </li>
                ))}
              </ul>
            </>
          )}

          <h2>Medarbejderressourcer</h2>
          {content.staffResources.length === 0 ? <p>Der er ikke angivet medarbejderressourcer.</p> : <ResourceList resources={content.staffResources} />}
          <TextBlocks text={content.staffResourcesNote} headingLevel={3} />

          <h2>Sammenhæng med den kommunale indsats</h2>
          {content.municipalLink ? <TextBlocks text={content.municipalLink} headingLevel={3} /> : <p>Ikke beskrevet.</p>}
          {content.municipalResources.length > 0 && (
            <>
              <h3>Kommunale medarbejderressourcer</h3>
              <ResourceList resources={content.municipalResources} />
            </>
          )}

          {(agreementSnapshots.length > 0 || content.targetGroupIntro) && (
            <>
              <h2>Målgrupper</h2>
              <TextBlocks text={content.targetGroupIntro} headingLevel={3} />
              {agreementSnapshots.map((snapshot) => (
                <TargetGroupTable key={snapshot.key} snapshot={snapshot} />
              ))}
            </>
          )}

          <h2>Revision af delaftalen</h2>
          <TextBlocks text={content.revisionRule} headingLevel={3} />

          {content.activities.map((activity) => (
            <ActivitySection key={activity.key} activity={activity} content={content} effortArea={content.effortArea} />
          ))}

          {content.footnotes.length > 0 && (
            <section aria-labelledby="fodnoter" className="agreement-footnotes">
              <h2 id="fodnoter">Fodnoter</h2>
              <ol>
                {content.footnotes.map((footnote) => (
                  <li key={footnote.mark} id={footnoteId(footnote.mark)} value={footnote.mark}>
                    {/^https?:\/\/\S+$/.test(footnote.text) ? <a href={footnote.text}>{footnote.text}</a> : <InlineText text={footnote.text} />}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>
      </Page>
    </>
  )
}

/** As the agreement prints the party; the structured parts only where the printed name lacks them. */
function partyText(party: Party): string {
  let text = party.name
  const missingUnits = party.units.filter((unit) => !text.includes(unit))
  if (missingUnits.length > 0) text += ` (${missingUnits.join(', ')})`
  if (party.representedBy && !text.includes(party.representedBy)) text += `, v. ${party.representedBy}`
  return text
}

const downloads: { format: ExportFormat; label: string; description: string }[] = [
  { format: 'docx', label: 'Word', description: 'Word-dokument' },
  { format: 'pdf', label: 'PDF', description: 'PDF-dokument' },
  { format: 'yaml', label: 'YAML', description: 'YAML-fil i det åbne delaftaleformat' },
  { format: 'json', label: 'JSON', description: 'JSON-fil i det åbne delaftaleformat' },
]

/** Which revision this is and where it came from, and what the user can do with it. */
function RevisionBox({ detail }: { detail: AgreementDetail }) {
  const user = useCurrentUser()
  const { revision, latestRevisionNumber: latest } = detail
  const isLatest = revision.number === latest
  return (
    <section className="agreement-summary bg-alternative" aria-labelledby="revision-heading">
      <h2 id="revision-heading" className="h3">
        Revision {revision.number} af {latest}
      </h2>
      {!isLatest && (
        <p className="older-revision">
          Du ser en tidligere revision. <Link to={agreementPath(detail.planId, detail.id)}>Se den nyeste revision (revision {latest})</Link>
        </p>
      )}
      <dl className="agreement-facts">
        <div>
          <dt>Gældende fra</dt>
          <dd>{formatDate(revision.effectiveFrom)}</dd>
        </div>
        <div>
          <dt>Bestyrelsesbeslutning</dt>
          <dd>{revision.boardDecision}</dd>
        </div>
        {revision.note && (
          <div>
            <dt>Note</dt>
            <dd className="preserve-lines">{revision.note}</dd>
          </div>
        )}
      </dl>
      <ul className="agreement-links nobullet-list">
        <li>
          <Link to={followUpPath(detail.planId, detail.id)}>Opfølgning på indikatorerne</Link>
        </li>
        <li>
          <Link to={agreementHistoryPath(detail.planId, detail.id)}>Revisionshistorik</Link>
        </li>
        {may(user.role, 'agreements', 'update') && (
          <li>
            <Link to={agreementEditPath(detail.planId, detail.id)}>Rediger</Link>
          </li>
        )}
      </ul>
      <div className="agreement-downloads">
        <p className="weight-semibold mb-2" id="downloads-heading">
          Hent revision {revision.number}:
        </p>
        <ul className="nobullet-list" aria-labelledby="downloads-heading">
          {downloads.map((download) => (
            <li key={download.format}>
              <a href={exportUrl(detail.planId, detail.id, download.format, revision.number)} title={download.description}>
                {download.label}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
