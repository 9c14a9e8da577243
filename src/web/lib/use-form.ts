import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react'
import type { ErrorCode } from '../../shared/errors.ts'
import type { SummaryError } from '../components/ui/error-summary.tsx'
import { ApiError, type ClientErrorCode, type FieldIssue, messageOf } from './api.ts'
import { type Checked, type FieldErrors, fieldErrorsFromIssues, inlineErrors } from './form-errors.ts'

// The plumbing every form shares: what is wrong with which field, the list of problems above the
// form (which takes focus after every failed submit), the message when the request failed for a
// reason no field explains, and the busy state that keeps a form from being sent twice. A form
// keeps its own values; it hands `submit` a check (usually its shared schema, the server's own) and
// the request, and the hook does the rest the same way everywhere.

/** A failed request that no field explains: its message is shown above the form. */
export interface Failure {
  code: ErrorCode | ClientErrorCode
  message: string
  /** A new number per failure: as the alert's key it mounts again and takes focus, also when the message repeats. */
  seq: number
}

/** The error summary's lines: one per field with a message, in the order of the form. */
export function summaryOf<F extends string>(errors: FieldErrors, fields: readonly F[], fieldId: (field: F) => string): SummaryError[] {
  return fields.flatMap((field) => (errors[field] ? [{ fieldId: fieldId(field), message: errors[field] }] : []))
}

export interface FailureReading<F extends string> {
  /** Server codes whose message is about one field, e.g. `{ conflict: 'email' }` for an address already in use. */
  fieldFor?: Partial<Record<ErrorCode, F>>
  /** The server's issues as field messages; by default each issue's first path segment names the field. */
  fromIssues?: (issues: FieldIssue[]) => FieldErrors
  summarise: (errors: FieldErrors) => SummaryError[]
}

/**
 * Where the form tells the user about a failed request: at the fields the server named, or above
 * the form. Issues about nothing the form shows would leave the user with no word at all, so they
 * go above the form with the server's message.
 */
export function readFailure<F extends string>(error: unknown, reading: FailureReading<F>): { errors: FieldErrors } | { failure: Omit<Failure, 'seq'> } {
  if (error instanceof ApiError) {
    const field = reading.fieldFor?.[error.code as ErrorCode]
    if (field) return { errors: { [field]: error.message } }
    if (error.issues.length > 0) {
      const errors = (reading.fromIssues ?? fieldErrorsFromIssues)(error.issues)
      if (reading.summarise(errors).length > 0) return { errors }
    }
    return { failure: { code: error.code, message: error.message } }
  }
  return { failure: { code: 'internal', message: messageOf(error) } }
}

/** What a submit does to the form's state, apart from React, so the cycle can be tested as it is. */
export interface SubmitSteps<N> {
  /** Forget the last submit's failure and notice. */
  clear: () => void
  /** Messages at the fields and in the summary; none clears them. */
  show: (errors: FieldErrors, found: 'before-sending' | 'by-server') => void
  fail: (failure: Omit<Failure, 'seq'>) => void
  succeed: (notice: N | void) => void
  setBusy: (busy: boolean) => void
  /** Null: the form answered the error itself. */
  read: (error: unknown) => { errors: FieldErrors } | { failure: Omit<Failure, 'seq'> } | null
  /** Stay busy after a success, for a form that then goes away. */
  busyUntilGone: boolean
}

/** The check alone: the body, or null once the problems are shown. */
export function runCheck<T, N>(steps: SubmitSteps<N>, check: () => Checked<T>): { body: T } | null {
  steps.clear()
  const result = check()
  if ('errors' in result) {
    steps.show(result.errors, 'before-sending')
    return null
  }
  steps.show({}, 'before-sending')
  return result
}

/**
 * One submit: check, then send once. While a request is out (`sending.current`), another submit
 * is ignored, also one that comes before React has drawn the disabled button.
 */
export async function runSubmit<T, N>(sending: { current: boolean }, steps: SubmitSteps<N>, check: () => Checked<T>, send: (body: T) => Promise<N | void>): Promise<void> {
  if (sending.current) return
  const result = runCheck(steps, check)
  if (!result) return
  sending.current = true
  steps.setBusy(true)
  let sent = false
  try {
    const notice = await send(result.body)
    sent = true
    steps.succeed(notice)
  } catch (error) {
    const shown = steps.read(error)
    if (!shown) return
    if ('errors' in shown) steps.show(shown.errors, 'by-server')
    else steps.fail(shown.failure)
  } finally {
    if (!sent || !steps.busyUntilGone) {
      sending.current = false
      steps.setBusy(false)
    }
  }
}

type Layout<F extends string> =
  | {
      /** Field → the element its summary line moves focus to, in the order of the form. */
      fieldIds: Record<F, string>
    }
  | {
      /** The form's fields in their order on the page: the summary lists problems as the user meets them. */
      fields: readonly F[]
      /** The element a field's summary line moves focus to (for a group of boxes, its first box). */
      fieldId: (field: F) => string
    }
  | {
      /** For forms whose fields are not known in advance: the summary's lines for the messages. */
      summarise: (errors: FieldErrors) => SummaryError[]
    }

export type FormOptions<F extends string> = Layout<F> &
  Omit<FailureReading<F>, 'summarise'> & {
    /**
     * A failed request the form answers itself (true), being neither a field's problem nor a
     * failure: a full activity, say, which leaves the user a choice.
     */
    handleError?: (error: unknown) => boolean
    /** The form goes away on success (another page, or a reload that mounts it afresh): stay busy until then. */
    busyUntilGone?: boolean
    /**
     * For a form of one or two fields without an error summary: the first field with a problem
     * found before sending takes focus instead, so the user hears the message with the field.
     */
    focusField?: boolean
  }

export interface Form<N> {
  /** Field → its message as shown at the field, without the field's name in front (the summary has the whole message). */
  errors: FieldErrors
  /** For the ErrorSummary: a new list after every failed submit, so it takes focus again. */
  summary: SummaryError[]
  failure: Failure | null
  /** What the last successful submit returned, for a success message; `seq` as the alert's key. */
  done: (N & { seq: number }) | null
  busy: boolean
  /** Show messages found outside a submit (or none). */
  showErrors: (errors: FieldErrors) => void
  /** Change the field messages without touching the summary, e.g. drop those that point at a removed field. */
  updateErrors: (update: (errors: FieldErrors) => FieldErrors) => void
  /** Check, then send once; a notice the request returns becomes `done`. */
  submit: <T>(check: () => Checked<T>, send: (body: T) => Promise<N | void>) => Promise<void>
  /** The check alone, for a form that asks the user to confirm before it sends: the body, or null once the problems are shown. */
  check: <T>(check: () => Checked<T>) => T | null
  /** `submit` as a form's onSubmit. */
  handle: <T>(check: () => Checked<T>, send: (body: T) => Promise<N | void>) => (event: FormEvent) => void
  /** The element a field's summary line moves focus to, which is also the field's own id. */
  idOf: (field: string) => string
}

/** The state and the submit of one form; `N` is what a successful submit tells the user, if anything. */
export function useForm<F extends string, N extends object = never>(options: FormOptions<F>): Form<N> {
  const [errors, setErrors] = useState<FieldErrors>({})
  const [summary, setSummary] = useState<SummaryError[]>([])
  const [failure, setFailure] = useState<Failure | null>(null)
  const [done, setDone] = useState<(N & { seq: number }) | null>(null)
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)
  const seq = useRef(0)
  const shownAtFields = useMemo(() => inlineErrors(errors), [errors])

  const summarise =
    'summarise' in options
      ? options.summarise
      : 'fieldIds' in options
        ? (next: FieldErrors) => summaryOf(next, Object.keys(options.fieldIds) as F[], (field) => options.fieldIds[field])
        : (next: FieldErrors) => summaryOf(next, options.fields, options.fieldId)

  function showErrors(next: FieldErrors, found: 'before-sending' | 'by-server' = 'by-server') {
    const lines = summarise(next)
    setErrors(next)
    setSummary(lines)
    // The field is on the page already; the summary instead focuses itself once drawn.
    if (options.focusField && found === 'before-sending' && lines[0]) document.getElementById(lines[0].fieldId)?.focus()
  }

  const steps: SubmitSteps<N> = {
    clear: () => {
      setFailure(null)
      setDone(null)
    },
    show: showErrors,
    fail: (next) => setFailure({ ...next, seq: ++seq.current }),
    succeed: (notice) => {
      if (notice) setDone({ ...notice, seq: ++seq.current })
    },
    setBusy,
    read: (error) => (options.handleError?.(error) ? null : readFailure(error, { fieldFor: options.fieldFor, fromIssues: options.fromIssues, summarise })),
    busyUntilGone: options.busyUntilGone ?? false,
  }

  const submit = <T>(check: () => Checked<T>, send: (body: T) => Promise<N | void>) => runSubmit(sending, steps, check, send)

  return {
    errors: shownAtFields,
    summary,
    failure,
    done,
    busy,
    showErrors: (next) => showErrors(next),
    updateErrors: setErrors,
    submit,
    idOf: (field) =>
      'fieldIds' in options ? (options.fieldIds[field as F] ?? field) : 'fieldId' in options ? options.fieldId(field as F) : field,
    check: (check) => runCheck(steps, check)?.body ?? null,
    handle: (check, send) => (event) => {
      event.preventDefault()
      void submit(check, send)
    },
  }
}

/** What a text, number, select or textarea field needs from its form, spread onto it as props. */
export interface FieldBinding {
  id: string
  value: string
  onChange: (event: { target: { value: string } }) => void
  error: string | undefined
}

/** One field's binding: its id and message from the form, its text from the values. */
export function bindField<V extends Record<string, string>>(
  field: keyof V & string,
  form: Pick<Form<never>, 'errors' | 'idOf'>,
  values: V,
  set: (field: keyof V & string, value: string) => void,
): FieldBinding {
  return { id: form.idOf(field), value: values[field] ?? '', onChange: (event) => set(field, event.target.value), error: form.errors[field] }
}

/**
 * The text a form's fields hold, as typed (the form's check reads them), and each field's binding:
 * `<NumberField {...field('capacity')} label="Antal pladser" />` instead of wiring id, value,
 * onChange and error by hand at every field.
 */
export function useFormValues<V extends Record<string, string>>(form: Pick<Form<never>, 'errors' | 'idOf'>, initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial)
  const set = useCallback((field: keyof V & string, value: string) => setValues((current) => ({ ...current, [field]: value })), [])
  return { values, set, setValues, field: (field: keyof V & string) => bindField(field, form, values, set) }
}
