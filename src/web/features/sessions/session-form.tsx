import { useState } from 'react'
import { formatCount, formatDay, isoDay } from '../../../shared/lib/format.ts'
import { type AttendanceStatus, SessionCreate, SessionKind, attendanceStatusLabels, sessionKindLabels } from '../../../shared/sessions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { FieldGroup } from '../../components/ui/field.tsx'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { NumberField, TextField } from '../../components/ui/text-field.tsx'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { parseDecimal } from '../agreements/agreement-format.ts'
import { type Marks, type RosterEntry, allPresent, attendancePayload, attendanceRows, markCounts } from './session-attendance.ts'
import { createSession } from './sessions.api.ts'

// "Registrér aktivitetsgang": what was held, on which day, and who came, for the whole group on one
// screen. One click marks everyone present; then only the few who did not come need changing.

type Field = 'kind' | 'groupId' | 'heldOn' | 'title' | 'attendance' | 'anonymousCount'

const ATTENDANCE_OPTIONS = (['present', 'absent', 'excused'] as const).map((value) => ({ value, label: attendanceStatusLabels[value] }))

const rowId = (enrolmentId: string) => `attendance-${enrolmentId}`
const who = (entry: RosterEntry) => (entry.name ? `${entry.name} (${entry.pseudonym})` : entry.pseudonym)

export interface SessionFormProps {
  planId: string
  activityId: string
  /** The roster's enrolments in the course now; those started by the session's day get a row. */
  active: RosterEntry[]
  /** Residents in the course the reader may not see: they cannot be on the reader's list. */
  hiddenActive: number
  /** The activity's groups (hold): a session may be held for one of them (decision 030). */
  groups: readonly { id: string; name: string }[]
  onSaved: () => void
}

export function SessionForm({ planId, activityId, active, hiddenActive, groups, onSaved }: SessionFormProps) {
  const [heldOn, setHeldOn] = useState(() => isoDay(new Date()))
  const [marks, setMarks] = useState<Marks>({})

  const { rows, notStarted, anonymised } = attendanceRows(active, heldOn)
  const counts = markCounts(rows, marks)
  const firstRow = rows[0]
  const fieldIds: Record<Field, string> = {
    kind: 'session-kind',
    groupId: 'session-group',
    heldOn: 'session-date',
    title: 'session-title',
    // The summary links to the first row's first choice, or to the headcount when there are no rows.
    attendance: firstRow ? `${rowId(firstRow.enrolmentId)}-0` : 'session-anonymous',
    anonymousCount: 'session-anonymous',
  }

  const form = useForm<Field, { text: string }>({ fieldIds })
  const { values, set, field } = useFormValues(form, { kind: 'group', groupId: '', title: '', anonymousCount: '' })

  const submit = form.handle(
    () => {
      const { kind, groupId, title, anonymousCount: anonymous } = values
      const problems: FieldErrors = {}
      let anonymousCount: number | null = null
      if (anonymous.trim() !== '') {
        const value = parseDecimal(anonymous)
        if (value === null || !Number.isInteger(value)) problems.anonymousCount = 'Skriv antallet som et helt tal, fx 14.'
        else anonymousCount = value
      }
      const attendance = attendancePayload(rows, marks)
      if (attendance.length === 0 && anonymousCount === null && !problems.anonymousCount) {
        problems.attendance = rows.length > 0 ? 'Markér fremmøde for mindst én deltager, eller skriv hvor mange der kom uden navn.' : 'Skriv hvor mange der kom.'
      }
      return checked(SessionCreate, { kind, groupId: groupId === '' ? null : groupId, heldOn, title, anonymousCount, attendance }, problems)
    },
    async (body) => {
      await createSession(planId, activityId, body)
      const { attendance, anonymousCount } = body
      const present = attendance.filter((a) => a.status === 'present').length
      const parts = [
        attendance.length > 0 ? `${formatCount(present, 'mødt', 'mødt')} af ${formatCount(attendance.length, 'deltager', 'deltagere')} på listen` : null,
        anonymousCount !== null ? `${formatCount(anonymousCount, 'fremmødt', 'fremmødte')} uden navn` : null,
      ].filter(Boolean)
      set('title', '')
      setMarks({})
      set('anonymousCount', '')
      onSaved()
      return { text: `${body.title}, ${formatDay(body.heldOn)}: ${parts.join(' og ')}.` }
    },
  )

  const mark = (enrolmentId: string, status: AttendanceStatus) => setMarks((m) => ({ ...m, [enrolmentId]: status }))

  return (
    <section aria-labelledby="session-form-heading" className="activity-section">
      <h2 id="session-form-heading">Registrér aktivitetsgang</h2>
      <p className="activity-intro">Registrér en samtale, et gruppeforløb, en tur eller et oplæg, og hvem der kom. Fremmødet for hele holdet tages på én gang.</p>
      <form onSubmit={submit} noValidate className="session-form" aria-labelledby="session-form-heading">
        {form.done && (
          <Alert key={form.done.seq} variant="success" heading="Aktivitetsgangen er gemt" headingLevel={3} focusOnMount>
            <p>{form.done.text}</p>
          </Alert>
        )}
        <FormProblems form={form} heading="Aktivitetsgangen blev ikke gemt" headingLevel={3} />
        <div className="field-row">
          <SelectField
            {...field('kind')}
            label="Type"
            options={SessionKind.options.map((value) => ({ value, label: sessionKindLabels[value] }))}
          />
          {groups.length > 0 && <SelectField {...field('groupId')} label="Hold" placeholder="Intet hold" options={groups.map((g) => ({ value: g.id, label: g.name }))} />}
          <TextField id={fieldIds.heldOn} label="Dato" type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} error={form.errors.heldOn} width="input-width-s" />
        </div>
        <TextField
          {...field('title')}
          label="Titel"
          hint="Hvad skete der? Fx »Gruppesamtale om CV« eller »Besøg hos Danfoss«."
          autoComplete="off"
          maxLength={200}
          width="input-width-xl"
        />

        <FieldGroup
          id="attendance"
          legend="Fremmøde"
          hint="Deltagere uden markering kommer ikke på listen, fx når kun én var inviteret til en individuel samtale."
          error={form.errors.attendance}
          className="attendance-group"
        >
          {rows.length === 0 ? (
            <p>{active.length === 0 ? 'Der er ingen i forløb, du kan registrere fremmøde for.' : `Ingen af deltagerne var startet ${formatDay(heldOn)}.`}</p>
          ) : (
            <>
              <div className="button-row d-flex attendance-actions">
                <button type="button" className="button button-secondary" onClick={() => setMarks(allPresent(rows))}>
                  Alle mødt
                </button>
                <button type="button" className="button button-tertiary" onClick={() => setMarks({})} disabled={counts.unmarked === rows.length}>
                  Ryd markeringer
                </button>
              </div>
              <div className="attendance-rows">
                {rows.map((entry) => (
                  <RadioGroup
                    key={entry.enrolmentId}
                    id={rowId(entry.enrolmentId)}
                    legend={who(entry)}
                    options={ATTENDANCE_OPTIONS}
                    value={marks[entry.enrolmentId] ?? ''}
                    onChange={(v) => mark(entry.enrolmentId, v as AttendanceStatus)}
                    inline
                    className="attendance-row"
                  />
                ))}
              </div>
              <p className="small-text attendance-counts" aria-live="polite">
                {`${counts.present} mødt, ${counts.absent} udeblevet, ${counts.excused} afbud, ${counts.unmarked} ikke markeret.`}
              </p>
            </>
          )}
          {notStarted > 0 && rows.length > 0 && (
            <p className="small-text">{`${formatCount(notStarted, 'deltager', 'deltagere')} var ikke startet ${formatDay(heldOn)} og står ikke på listen.`}</p>
          )}
          {anonymised > 0 && <p className="small-text">{`${formatCount(anonymised, 'anonymiseret deltager', 'anonymiserede deltagere')} i forløbet står ikke på listen: der kan ikke skrives nyt om en anonymiseret beboer.`}</p>}
          {hiddenActive > 0 && <p className="small-text">{`${formatCount(hiddenActive, 'deltager', 'deltagere')} i forløb vises ikke, fordi samtykket ikke omfatter dig.`}</p>}
        </FieldGroup>

        <NumberField
          {...field('anonymousCount')}
          label="Antal fremmødte uden navn (valgfrit)"
          hint="Til aktivitetsgange, hvor de fremmødte ikke er tilmeldt, fx et informationsmøde."
        />
        <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
          {form.busy ? 'Gemmer …' : 'Gem aktivitetsgang'}
        </button>
      </form>
    </section>
  )
}
