import { useState } from 'react'
import type { z } from 'zod'
import { type FollowUp, PeriodLockChange } from '../../../shared/indicators.ts'
import { formatDateTime } from '../../../shared/lib/format.ts'
import { comparePeriods, periodLabel } from '../../../shared/lib/period.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { Icon } from '../../components/ui/icon.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import type { Checked } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { changePeriodLock } from './indicators.api.ts'

// The board approves a period's figures by locking it: after that nobody records or corrects values
// in it until a project leader opens it again, with a reason that is kept.

type Pending = { action: 'lock' | 'unlock'; period: string }

export function PeriodLocks({ followUp, canLock, onChanged }: { followUp: FollowUp; canLock: boolean; onChanged: () => void }) {
  const [pending, setPending] = useState<Pending | null>(null)
  const [reason, setReason] = useState('')
  // The change last sent, for the heading of its outcome: the dialog has closed by then.
  const [sent, setSent] = useState<Pending | null>(null)
  // The dialog closes after the request, so whatever the server says is said above the table.
  const form = useForm<'reason', { heading: string }>({ fieldIds: { reason: 'unlock-reason' }, focusField: true, fromIssues: () => ({}) })

  const states = new Map(followUp.periods.map((p) => [p.period, p]))
  const periods = [
    ...new Set([...followUp.series.flatMap((s) => [...s.values, ...s.earlierDefinition].map((v) => v.period)), ...followUp.periods.map((p) => p.period)]),
  ].sort((a, b) => comparePeriods(b, a))

  function open(action: Pending['action'], period: string) {
    setReason('')
    form.showErrors({})
    setPending({ action, period })
  }

  function confirm() {
    if (!pending) return
    const label = periodLabel(pending.period)
    void form.submit(
      (): Checked<z.output<typeof PeriodLockChange>> => {
        const parsed = PeriodLockChange.safeParse({ period: pending.period, locked: pending.action === 'lock', reason: pending.action === 'unlock' ? reason : undefined })
        return parsed.success ? { body: parsed.data } : { errors: { reason: parsed.error.issues[0]?.message ?? '' } }
      },
      async (body) => {
        setSent(pending)
        try {
          await changePeriodLock(followUp.planId, followUp.agreementId, body)
        } finally {
          setPending(null)
        }
        onChanged()
        return { heading: pending.action === 'lock' ? `${label} er godkendt og låst` : `${label} er låst op` }
      },
    )
  }

  return (
    <section aria-labelledby="periods-heading" className="period-locks">
      <h2 id="periods-heading">Godkendte perioder</h2>
      <p>
        En godkendt periode er låst: der kan ikke registreres eller rettes tal i den, før en projektleder låser den op igen med en begrundelse.
      </p>
      {form.done && <Alert key={form.done.seq} variant="success" heading={form.done.heading} headingLevel={3} focusOnMount />}
      {form.failure && sent && (
        <Alert
          key={form.failure.seq}
          variant="error"
          heading={sent.action === 'lock' ? `${periodLabel(sent.period)} blev ikke låst` : `${periodLabel(sent.period)} blev ikke låst op`}
          headingLevel={3}
          focusOnMount
        >
          <p>{form.failure.message}</p>
        </Alert>
      )}
      {periods.length === 0 ? (
        <p>Der er endnu ingen perioder med tal.</p>
      ) : (
        <TableScroller label="Perioder">
          <table className="table table--compact period-table">
            <caption className="sr-only">Perioder med tal, nyeste først, og om de er godkendt og låst</caption>
            <thead>
              <tr>
                <th scope="col">Periode</th>
                <th scope="col">Status</th>
                <th scope="col">Senest ændret</th>
                {canLock && (
                  <th scope="col">
                    <span className="sr-only">Handling</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {periods.map((period) => {
                const state = states.get(period)
                const locked = state?.locked ?? false
                return (
                  <tr key={period}>
                    <th scope="row" className="weight-normal text-nowrap">
                      {periodLabel(period)}
                    </th>
                    <td>{locked ? <LockedMark /> : 'Åben'}</td>
                    <td>
                      {state ? (
                        <>
                          {state.locked ? 'Låst' : 'Låst op'} af {state.by}, <time dateTime={state.at}>{formatDateTime(state.at)}</time>
                          {state.reason && <span className="cell-line small-text">Begrundelse: {state.reason}</span>}
                        </>
                      ) : (
                        <span className="text-subtle">Ikke godkendt endnu</span>
                      )}
                    </td>
                    {canLock && (
                      <td>
                        {locked ? (
                          <button type="button" className="button button-secondary button-compact" onClick={() => open('unlock', period)}>
                            Lås op<span className="sr-only"> {periodLabel(period)}</span>
                          </button>
                        ) : (
                          <button type="button" className="button button-secondary button-compact" onClick={() => open('lock', period)}>
                            Godkend og lås<span className="sr-only"> {periodLabel(period)}</span>
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroller>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? (pending.action === 'lock' ? `Godkend og lås ${periodLabel(pending.period)}?` : `Lås ${periodLabel(pending.period)} op?`) : ''}
        confirmLabel={pending?.action === 'unlock' ? 'Lås perioden op' : 'Godkend og lås periode'}
        destructive={pending?.action === 'unlock'}
        busy={form.busy}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        {pending?.action === 'lock' ? (
          <p>Når perioden er godkendt og låst, kan ingen registrere, importere eller rette tal i den, før en projektleder låser den op igen.</p>
        ) : (
          <>
            <p>Tallene i perioden er godkendt. Skriv hvorfor perioden skal åbnes igen; begrundelsen gemmes sammen med ændringen.</p>
            <TextareaField id="unlock-reason" label="Begrundelse" value={reason} onChange={(e) => setReason(e.target.value)} error={form.errors.reason} required rows={3} />
          </>
        )}
      </ConfirmDialog>
    </section>
  )
}

/** A locked period: the lock icon and the word, never the icon alone. */
export function LockedMark({ short }: { short?: boolean }) {
  return (
    <span className="locked-mark">
      <Icon name="lock" />
      {short ? 'Låst' : 'Godkendt og låst'}
    </span>
  )
}
