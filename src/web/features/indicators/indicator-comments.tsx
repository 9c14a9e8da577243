import { type FormEvent, useState } from 'react'
import { CommentCreate, type IndicatorComment } from '../../../shared/indicators.ts'
import { formatDateTime } from '../../../shared/lib/format.ts'
import { comparePeriods, periodLabel } from '../../../shared/lib/period.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { ErrorSummary, type SummaryError } from '../../components/ui/error-summary.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { type FieldErrors, fieldErrorsFromIssues, fieldErrorsFromZod } from '../../lib/form-errors.ts'
import { PeriodField, periodFromText } from './indicator-period-field.tsx'
import { addComment } from './indicators.api.ts'

// Comments on an indicator for a period: why a figure moved, what the board asked, what was done.

export interface CommentsProps {
  planId: string
  agreementId: string
  indicatorKey: string
  indicatorName: string
  comments: IndicatorComment[]
  canComment: boolean
  idPrefix: string
  headingLevel: 4 | 5
  onSaved: () => void
}

export function IndicatorComments({ planId, agreementId, indicatorKey, indicatorName, comments, canComment, idPrefix, headingLevel, onSaved }: CommentsProps) {
  const Heading = `h${headingLevel}` as const
  // Newest period first, and within a period the newest comment first.
  const sorted = [...comments].sort((a, b) => comparePeriods(b.period, a.period) || b.at.localeCompare(a.at))
  return (
    <section className="indicator-comments" aria-labelledby={`${idPrefix}-heading`}>
      <Heading id={`${idPrefix}-heading`}>
        Kommentarer<span className="sr-only"> til {indicatorName}</span>
      </Heading>
      {sorted.length === 0 ? (
        <p>Der er ingen kommentarer endnu.</p>
      ) : (
        <ul className="nobullet-list no-max-width comment-list">
          {sorted.map((comment) => (
            <li key={comment.id} className="comment">
              <p className="comment-meta small-text">
                <span className="weight-semibold">{periodLabel(comment.period)}</span> · {comment.by} ·{' '}
                <time dateTime={comment.at}>{formatDateTime(comment.at)}</time>
              </p>
              <p className="comment-text preserve-lines">{comment.text}</p>
            </li>
          ))}
        </ul>
      )}
      {canComment && (
        <CommentForm
          planId={planId}
          agreementId={agreementId}
          indicatorKey={indicatorKey}
          indicatorName={indicatorName}
          idPrefix={idPrefix}
          headingLevel={(headingLevel + 1) as 5 | 6}
          onSaved={onSaved}
        />
      )}
    </section>
  )
}

function CommentForm({
  planId,
  agreementId,
  indicatorKey,
  indicatorName,
  idPrefix,
  headingLevel,
  onSaved,
}: Pick<CommentsProps, 'planId' | 'agreementId' | 'indicatorKey' | 'indicatorName' | 'idPrefix' | 'onSaved'> & { headingLevel: 5 | 6 }) {
  const [periodText, setPeriodText] = useState('')
  const [text, setText] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [summary, setSummary] = useState<SummaryError[]>([])
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; seq: number } | null>(null)
  const [busy, setBusy] = useState(false)
  const periodId = `${idPrefix}-period`
  const textId = `${idPrefix}-text`

  function show(next: FieldErrors) {
    setErrors(next)
    setSummary(
      [
        next.period ? { fieldId: periodId, message: next.period } : null,
        next.text ? { fieldId: textId, message: next.text } : null,
      ].filter((e): e is SummaryError => e !== null),
    )
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setOutcome(null)
    const read = periodFromText(periodText)
    const parsed = CommentCreate.safeParse({ indicatorKey, period: 'period' in read ? read.period : '', text })
    const problems = { ...(parsed.success ? {} : fieldErrorsFromZod(parsed.error)), ...('error' in read ? { period: read.error } : {}) }
    if (!parsed.success || Object.keys(problems).length > 0) return show(problems)
    show({})
    setBusy(true)
    try {
      await addComment(planId, agreementId, parsed.data)
      setOutcome((o) => ({ ok: true, text: `Kommentaren til ${periodLabel(parsed.data.period)} er gemt.`, seq: (o?.seq ?? 0) + 1 }))
      setPeriodText('')
      setText('')
      onSaved()
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation' && error.issues.length > 0) return show(fieldErrorsFromIssues(error.issues))
      setOutcome((o) => ({ ok: false, text: messageOf(error), seq: (o?.seq ?? 0) + 1 }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <details className="details entry-details">
      <summary className="details-summary">
        Skriv en kommentar<span className="sr-only"> til {indicatorName}</span>
      </summary>
      <div className="details-text">
        <form onSubmit={submit} noValidate className="comment-form" aria-label={`Skriv en kommentar til ${indicatorName}`}>
          {outcome && (
            <Alert key={outcome.seq} variant={outcome.ok ? 'success' : 'error'} heading={outcome.ok ? outcome.text : 'Kommentaren blev ikke gemt'} headingLevel={headingLevel} focusOnMount>
              {!outcome.ok && <p>{outcome.text}</p>}
            </Alert>
          )}
          <ErrorSummary errors={summary} headingLevel={headingLevel} />
          <PeriodField id={periodId} value={periodText} onChange={setPeriodText} error={errors.period} />
          <TextareaField id={textId} label="Kommentar" value={text} onChange={(e) => setText(e.target.value)} error={errors.text} rows={3} width="input-width-xl" />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {busy ? 'Gemmer …' : 'Gem kommentar'}
          </button>
        </form>
      </div>
    </details>
  )
}
