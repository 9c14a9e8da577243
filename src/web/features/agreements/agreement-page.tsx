import { type ReactNode, useEffect } from 'react'
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
import { agreementPeriodState, formatPeriod } from '../../../shared/agreement-wording.ts'
import { may } from '../../../shared/permissions.ts'
import { localToday } from './agreement-format.ts'
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
  useOpenFoldedTargets()
  const sections: { id: string; title: string; show: boolean; body: ReactNode }[] = [
    {
      id: 'afsnit-navn',
      title: 'Navn på den boligsociale indsats',
      show: true,
      body: (
        <>
          <p className="preserve-lines">{content.initiativeName.trim()}</p>
          {content.vision && (
            <div className="agreement-vision">
              <TextBlocks text={content.vision} headingLevel={3} />
            </div>
          )}
        </>
      ),
    },
    { id: 'afsnit-periode', title: 'Delaftalen gælder fra – til', show: true, body: <p>{formatPeriod(content.validFrom, content.validTo)}</p> },
    {
      id: 'afsnit-parter',
      title: 'Delaftalens parter',
      show: true,
      body: (
        <ul className="agreement-parties">
          {content.parties.map((party, i) => (
            <li key={i}>{partyText(party)}</li>
          ))}
        </ul>
      ),
    },
    { id: 'afsnit-delmaal', title: 'Delmål og indikatorer', show: true, body: <GoalsTable goals={content.goals} /> },
    {
      id: 'afsnit-aktiviteter',
      title: 'Aktiviteter',
      show: true,
      body:
        content.activities.length === 0 ? (
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
        ),
    },
    {
      id: 'afsnit-ressourcer',
      title: 'Medarbejderressourcer',
      show: true,
      body: (
        <>
          {content.staffResources.length === 0 ? <p>Der er ikke angivet medarbejderressourcer.</p> : <ResourceList resources={content.staffResources} />}
          <TextBlocks text={content.staffResourcesNote} headingLevel={3} />
        </>
      ),
    },
    {
      id: 'afsnit-kommunen',
      title: 'Sammenhæng med den kommunale indsats',
      show: true,
      body: (
        <>
          {content.municipalLink ? <TextBlocks text={content.municipalLink} headingLevel={3} /> : <p>Ikke beskrevet.</p>}
          {content.municipalResources.length > 0 && (
            <>
              <h3>Kommunale medarbejderressourcer</h3>
              <ResourceList resources={content.municipalResources} />
            </>
          )}
        </>
      ),
    },
    {
      id: 'afsnit-maalgrupper',
      title: 'Målgrupper',
      show: agreementSnapshots.length > 0 || !!content.targetGroupIntro,
      body: (
        <>
          <TextBlocks text={content.targetGroupIntro} headingLevel={3} />
          {agreementSnapshots.map((snapshot) => (
            <TargetGroupTable key={snapshot.key} snapshot={snapshot} />
          ))}
        </>
      ),
    },
    { id: 'afsnit-revision', title: 'Revision af delaftalen', show: true, body: <TextBlocks text={content.revisionRule} headingLevel={3} /> },
  ]
  const shown = sections.filter((section) => section.show)

  return (
    <>
      <Breadcrumbs items={agreementCrumbs(detail).map((crumb, i, all) => (i === all.length - 1 ? { label: crumb.label } : crumb))} />
      <Page title={content.title} lead={`${detail.plan.name}, ${detail.plan.municipality} Kommune · Indsatsområde: ${detail.effortArea.name}`}>
        {notice && <Alert variant="success" heading={notice} />}
        <PeriodNotice validFrom={content.validFrom} validTo={content.validTo} />
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

        <nav className="agreement-toc" aria-labelledby="toc-heading">
          <h2 id="toc-heading" className="h4">
            Indhold
          </h2>
          <ol>
            {shown.map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`}>{section.title}</a>
              </li>
            ))}
            {content.activities.length > 0 && (
              <li>
                Aktiviteternes skemaer:
                <ol>
                  {content.activities.map((activity) => (
                    <li key={activity.key}>
                      <a href={`#${activityAnchor(activity.key)}`}>{activity.name}</a>
                    </li>
                  ))}
                </ol>
              </li>
            )}
            {content.footnotes.length > 0 && (
              <li>
                <a href="#fodnoter">Fodnoter</a>
              </li>
            )}
          </ol>
          <p className="toc-fold-hint small-text">Hvert afsnit kan foldes sammen og ud ved at klikke på overskriften. Aktiviteternes skemaer er foldet sammen, til du åbner dem.</p>
        </nav>

        <div className="agreement-document">
          {shown.map((section) => (
            <details key={section.id} className="agreement-section" open>
              <summary>
                <h2 id={section.id}>{section.title}</h2>
              </summary>
              {section.body}
            </details>
          ))}

          {content.activities.map((activity) => (
            <details key={activity.key} className="agreement-section agreement-activity-fold">
              <summary>
                <span className="activity-kicker">Aktivitetsnavn</span>
                <h2 id={activityAnchor(activity.key)} className="activity-heading">
                  {activity.name}
                </h2>
              </summary>
              <ActivitySection activity={activity} content={content} effortArea={content.effortArea} />
            </details>
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

/** An agreement whose period has ended (or not begun) says so before anything else. */
function PeriodNotice({ validFrom, validTo }: { validFrom: string; validTo: string }) {
  const state = agreementPeriodState(validFrom, validTo, localToday())
  if (state === 'current') return null
  return state === 'expired' ? (
    <Alert variant="warning" heading="Delaftalen er udløbet">
      <p>
        Delaftalen gjaldt til og med {formatDate(validTo)}. Den vises, som den var; en ny periode kræver en ny revision med bestyrelsens beslutning.
      </p>
    </Alert>
  ) : (
    <Alert variant="info" heading="Delaftalen er ikke trådt i kraft endnu">
      <p>Delaftalen gælder fra {formatDate(validFrom)}.</p>
    </Alert>
  )
}

/**
 * A link to a heading inside a folded section (the table of contents, the list of activities, a
 * link from elsewhere) opens the section first, so the browser can scroll to it.
 */
function useOpenFoldedTargets() {
  useEffect(() => {
    const open = (hash: string) => {
      if (!hash.startsWith('#') || hash.length < 2) return
      const target = document.getElementById(decodeURIComponent(hash.slice(1)))
      for (let node = target?.closest('details'); node; node = node.parentElement?.closest('details')) node.open = true
    }
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="#"]')
      if (link) open(link.getAttribute('href')!)
    }
    open(window.location.hash)
    document.addEventListener('click', onClick, true)
    return () => document.removeEventListener('click', onClick, true)
  }, [])
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
