import { type ReactNode, createContext, use } from 'react'
import { AGREEMENT_TEXT_MAX } from '../../../shared/agreements.ts'
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
  /** Consistency warnings by the path of the field they are about (the same rules as the import). */
  warnings: Record<string, string>
  setValue: (path: string, value: unknown) => void
  /** `undefined` forgets the field (a column that is gone). */
  setNumber: (path: string, text: string | undefined) => void
  /** List changes: the number texts, messages and keyboard focus follow the items. */
  addItem: (listPath: string, item: unknown, focusPath: string) => void
  moveItem: (listPath: string, index: number, by: -1 | 1) => void
  removeItem: (listPath: string, index: number) => void
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

/** The longest key (nøgle) the file format takes. */
export const KEY_MAX = 80

/** The field's hint with a consistency warning about it, if there is one. */
function hintWithWarning(form: DraftForm, path: string, hint: ReactNode): ReactNode {
  const warning = form.warnings[path]
  if (!warning) return hint
  return (
    <>
      {hint}
      {hint && ' '}
      <span className="field-warning">
        <strong>Advarsel:</strong> {warning}
      </span>
    </>
  )
}

/** A one-line text. An optional field left empty is removed from the content, not saved as "". */
export function DraftText({
  path,
  label,
  hint,
  required,
  type = 'text',
  width = 'input-width-xl',
  maxLength = AGREEMENT_TEXT_MAX,
}: BaseProps & { type?: 'text' | 'date'; width?: string; maxLength?: number }) {
  const form = useDraftForm()
  const value = getIn(form.draft, path)
  return (
    <TextField
      id={fieldIdOf(path)}
      label={<FieldLabel text={label} required={required} />}
      hint={hintWithWarning(form, path, hint)}
      maxLength={type === 'date' ? undefined : maxLength}
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
      hint={hintWithWarning(form, path, hint)}
      maxLength={AGREEMENT_TEXT_MAX}
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
      hint={hintWithWarning(form, path, hint)}
      error={form.errors[path]}
      maxLength={30}
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

/** A yes/no in the content, such as "at least" on a resource. */
export function DraftCheckbox({ path, label }: { path: string; label: ReactNode }) {
  const form = useDraftForm()
  const id = fieldIdOf(path)
  return (
    <div className="form-group form-group-checkbox">
      <input id={id} type="checkbox" className="form-checkbox" checked={getIn(form.draft, path) === true} onChange={(e) => form.setValue(path, e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  )
}

/** A key (nøgle): how files, follow-up and other parts of the agreement refer to the item. */
export function DraftKey({ path, hint }: { path: string; hint?: ReactNode }) {
  return (
    <DraftText
      path={path}
      label="Nøgle"
      required
      width="input-width-m"
      maxLength={KEY_MAX}
      hint={hint ?? `Små bogstaver a-z, tal og bindestreg, højst ${KEY_MAX} tegn. Bruges af filer og opfølgning; ændr den helst ikke, når først der er tal på.`}
    />
  )
}

/**
 * Move up, move down and remove for one item of a list. Each button names the item for a screen
 * reader ("Flyt Indikator 2.1 op"), and the ids let the form keep focus on the item that moved.
 */
export function ItemControls({ listPath, index, count, name, removable = true }: { listPath: string; index: number; count: number; name: string; removable?: boolean }) {
  const form = useDraftForm()
  const id = (what: string) => `${fieldIdOf(listPath)}-${index}-${what}`
  return (
    <div className="item-controls">
      {index > 0 && (
        <button type="button" id={id('up')} className="button button-secondary button-compact" onClick={() => form.moveItem(listPath, index, -1)}>
          Flyt op<span className="sr-only">: {name}</span>
        </button>
      )}
      {index < count - 1 && (
        <button type="button" id={id('down')} className="button button-secondary button-compact" onClick={() => form.moveItem(listPath, index, 1)}>
          Flyt ned<span className="sr-only">: {name}</span>
        </button>
      )}
      {removable && (
        <button type="button" id={id('remove')} className="button button-secondary button-compact" onClick={() => form.removeItem(listPath, index)}>
          Fjern<span className="sr-only"> {name}</span>
        </button>
      )}
    </div>
  )
}

/** Adds an item to a list and puts the keyboard in its first field (the item itself when it is a text: focusField ''). */
export function AddItemButton({ listPath, item, focusField, children }: { listPath: string; item: unknown; focusField: string; children: ReactNode }) {
  const form = useDraftForm()
  const length = ((getIn(form.draft, listPath) as unknown[] | undefined) ?? []).length
  return (
    <button type="button" id={`${fieldIdOf(listPath)}-add`} className="button button-secondary add-item" onClick={() => form.addItem(listPath, item, focusField ? `${listPath}.${length}.${focusField}` : `${listPath}.${length}`)}>
      {children}
    </button>
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
