import { useState } from 'react'
import { CommentCreate, type IndicatorComment } from '../../../shared/indicators.ts'
import { formatDateTime } from '../../../shared/lib/format.ts'
import { comparePeriods, periodLabel } from '../../../shared/lib/period.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { checked } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
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
  const periodId = `${idPrefix}-period`
  const textId = `${idPrefix}-text`
  const form = useForm<'period' | 'text', { text: string }>({ fieldIds: { period: periodId, text: textId } })

  const submit = form.handle(
    () => {
      const read = periodFromText(periodText)
      return checked(CommentCreate, { indicatorKey, period: 'period' in read ? read.period : '', text }, 'error' in read ? { period: read.error } : {})
    },
    async (body) => {
      await addComment(planId, agreementId, body)
      setPeriodText('')
      setText('')
      onSaved()
      return { text: `Kommentaren til ${periodLabel(body.period)} er gemt.` }
    },
  )

  return (
    <details className="details entry-details">
      <summary className="details-summary">
        Skriv en kommentar<span className="sr-only"> til {indicatorName}</span>
      </summary>
      <div className="details-text">
        <form onSubmit={submit} noValidate className="comment-form" aria-label={`Skriv en kommentar til ${indicatorName}`}>
          {form.done && <Alert key={form.done.seq} variant="success" heading={form.done.text} headingLevel={headingLevel} focusOnMount />}
          <FormProblems form={form} heading="Kommentaren blev ikke gemt" headingLevel={headingLevel} />
          <PeriodField id={periodId} value={periodText} onChange={setPeriodText} error={form.errors.period} />
          <TextareaField id={textId} label="Kommentar" value={text} onChange={(e) => setText(e.target.value)} error={form.errors.text} rows={3} width="input-width-xl" />
          <button type="submit" className="button button-secondary" disabled={form.busy}>
            {form.busy ? 'Gemmer …' : 'Gem kommentar'}
          </button>
        </form>
      </div>
    </details>
  )
}
