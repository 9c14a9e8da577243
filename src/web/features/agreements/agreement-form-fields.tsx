import { type ReactNode, createContext, use } from 'react'
import { SelectField } from '../../components/ui/select-field.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import type { FieldErrors } from '../../lib/form-errors.ts'
import { type Draft, type NumberTexts, getIn } from './agreement-draft.ts'

// Inputs bound to a path in the edit form's draft. Each one's id is made from its path, so an
// error summary link and a server issue can find it (see fieldIdOf).

export interface DraftForm {
  draft: Draft
  numbers: NumberTexts
  errors: FieldErrors
  setValue: (path: string, value: unknown) => void
  setNumber: (path: string, text: string) => void
}

const DraftFormContext = createContext<DraftForm | null>(null)

export function DraftFormProvider({ form, children }: { form: DraftForm; children: ReactNode }) {
  return <DraftFormContext value={form}>{children}</DraftFormContext>
}

export function useDraftForm(): DraftForm {
  const form = use(DraftFormContext)
  if (!form) throw new Error('draft field outside DraftFormProvider')
  return form
}

export const fieldIdOf = (path: string) => `felt-${path.replace(/\./g, '-')}`

function FieldLabel({ text, required }: { text: ReactNode; required?: boolean }) {
  return (
    <>
      {text}
      {required && (
        <span className="required-mark" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </>
  )
}

interface BaseProps {
  path: string
  label: ReactNode
  hint?: ReactNode
  required?: boolean
}

/** A one-line text. An optional field left empty is removed from the content, not saved as "". */
export function DraftText({ path, label, hint, required, type = 'text', width = 'input-width-xl' }: BaseProps & { type?: 'text' | 'date'; width?: string }) {
  const form = useDraftForm()
  const value = getIn(form.draft, path)
  return (
    <TextField
      id={fieldIdOf(path)}
      label={<FieldLabel text={label} required={required} />}
      hint={hint}
      error={form.errors[path]}
      type={type}
      width={type === 'date' ? 'input-width-s' : width}
      autoComplete="off"
      aria-required={required || undefined}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => form.setValue(path, !required && e.target.value.trim() === '' ? undefined : e.target.value)}
    />
  )
}

/** A long text in the agreement's text convention; it grows with its content, up to a point. */
export function DraftTextarea({ path, label, hint, required, minRows = 3 }: BaseProps & { minRows?: number }) {
  const form = useDraftForm()
  const raw = getIn(form.draft, path)
  const value = typeof raw === 'string' ? raw : ''
  const lines = value.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 90)), 0)
  return (
    <TextareaField
      id={fieldIdOf(path)}
      label={<FieldLabel text={label} required={required} />}
      hint={hint}
      error={form.errors[path]}
      rows={Math.min(16, Math.max(minRows, lines + 1))}
      aria-required={required || undefined}
      value={value}
      onChange={(e) => form.setValue(path, !required && e.target.value.trim() === '' ? undefined : e.target.value)}
    />
  )
}

/** A number as a Danish user writes it ("19,14"); read when the form is saved. */
export function DraftNumber({ path, label, hint, required, integer }: BaseProps & { integer?: boolean }) {
  const form = useDraftForm()
  return (
    <TextField
      id={fieldIdOf(path)}
      label={<FieldLabel text={label} required={required} />}
      hint={hint}
      error={form.errors[path]}
      inputMode={integer ? 'numeric' : 'decimal'}
      width="input-width-s"
      autoComplete="off"
      spellCheck={false}
      aria-required={required || undefined}
      value={form.numbers[path] ?? ''}
      onChange={(e) => form.setNumber(path, e.target.value)}
    />
  )
}

export function DraftSelect({
  path,
  label,
  hint,
  required,
  options,
  placeholder,
  numeric,
}: BaseProps & { options: { value: string; label: string }[]; placeholder?: string; numeric?: boolean }) {
  const form = useDraftForm()
  const value = getIn(form.draft, path)
  return (
    <SelectField
      id={fieldIdOf(path)}
      label={<FieldLabel text={label} required={required} />}
      hint={hint}
      error={form.errors[path]}
      options={options}
      placeholder={placeholder}
      aria-required={required || undefined}
      value={value === undefined ? '' : String(value)}
      onChange={(e) => form.setValue(path, e.target.value === '' ? undefined : numeric ? Number(e.target.value) : e.target.value)}
    />
  )
}

/**
 * A group of fields. Its id comes from its path too: a problem with the group as a whole (or with
 * something inside it that the form does not show) is reported here.
 */
export function DraftFieldset({
  path,
  legend,
  headingLevel,
  className,
  children,
}: {
  path: string
  legend: ReactNode
  headingLevel?: 2 | 3 | 4
  className?: string
  children: ReactNode
}) {
  const form = useDraftForm()
  const error = form.errors[path]
  const Heading = headingLevel ? (`h${headingLevel}` as const) : null
  const errorId = error ? `${fieldIdOf(path)}-error` : undefined
  return (
    <fieldset id={fieldIdOf(path)} tabIndex={-1} className={['draft-fieldset', className].filter(Boolean).join(' ')} aria-describedby={errorId}>
      <legend className={Heading ? undefined : 'form-label'}>{Heading ? <Heading>{legend}</Heading> : legend}</legend>
      {error && (
        <span className="form-error-message" id={errorId}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      {children}
    </fieldset>
  )
}
