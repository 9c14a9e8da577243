import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react'
import type { StagedImport } from '../../../shared/imports.ts'
import { formatCount, formatNumber, formatPercentValue } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { ProgressBar } from '../../components/ui/progress-bar.tsx'
import { messageOf, type UploadOptions } from '../../lib/api.ts'
import { ImportProblemsTable } from './import-problems-table.tsx'

// The two-step import in the browser (decision 011), the same for every kind: choose a file, send it
// with progress (and a way to stop), see every problem with its row and column or what the file
// would add, then save all of it or cancel (the server forgets the staged file). A kind's page
// supplies its three API calls, its words, and the table of what its file would add.

/** The server's limit (features/imports/imports.routes.ts); checked here too, so a too-large file is not sent for nothing. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

export const megabytes = (bytes: number) => `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`

/** The message for a file that cannot be sent, or null when it can. */
export function fileProblem(file: File | undefined): string | null {
  if (!file) return 'Vælg en fil at indlæse.'
  if (file.size === 0) return 'Filen er tom. Vælg en anden fil.'
  if (file.size > MAX_IMPORT_BYTES) return `Filen fylder ${megabytes(file.size)}; den må højst fylde ${megabytes(MAX_IMPORT_BYTES)}.`
  return null
}

export type ImportStep<Preview, Committed> =
  | { kind: 'choose' }
  | { kind: 'uploading'; fileName: string; loaded: number; total: number }
  | { kind: 'preview'; preview: Preview; committing: boolean }
  | { kind: 'done'; fileName: string; committed: Committed }

export interface StagedImportApi<Preview extends StagedImport, Committed> {
  upload: (file: File, options: UploadOptions) => Promise<Preview>
  commit: (preview: Preview) => Promise<Committed>
  discard: (preview: Preview) => Promise<unknown>
  /** Alert headings when a step fails, e.g. "Værdierne blev ikke gemt". */
  failed: { upload: string; commit: string }
  onCommitted?: (committed: Committed) => void
}

export interface ImportProblem {
  heading: string
  text: string
  /** A new failure remounts the alert, so it takes the focus again. */
  seq: number
}

/** The steps of one import and what moves between them. */
export function useStagedImport<Preview extends StagedImport, Committed>(api: StagedImportApi<Preview, Committed>) {
  const [step, setStep] = useState<ImportStep<Preview, Committed>>({ kind: 'choose' })
  const [problem, setProblem] = useState<ImportProblem | null>(null)
  const abortRef = useRef<AbortController | null>(null)

  const fail = (heading: string, error: unknown) => setProblem((p) => ({ heading, text: messageOf(error), seq: (p?.seq ?? 0) + 1 }))
  const clearProblem = () => setProblem(null)

  /** Sends the file with progress, then shows the preview; `send` replaces the kind's upload (e.g. through a saved mapping). */
  async function upload(file: File, send: StagedImportApi<Preview, Committed>['upload'] = api.upload) {
    setProblem(null)
    const controller = new AbortController()
    abortRef.current = controller
    setStep({ kind: 'uploading', fileName: file.name, loaded: 0, total: file.size })
    try {
      const preview = await send(file, { signal: controller.signal, onProgress: (loaded, total) => setStep({ kind: 'uploading', fileName: file.name, loaded, total }) })
      setStep({ kind: 'preview', preview, committing: false })
    } catch (error) {
      setStep({ kind: 'choose' })
      if (controller.signal.aborted) return
      fail(api.failed.upload, error)
    } finally {
      abortRef.current = null
    }
  }

  async function commit(preview: Preview) {
    setProblem(null)
    setStep({ kind: 'preview', preview, committing: true })
    try {
      const committed = await api.commit(preview)
      setStep({ kind: 'done', fileName: preview.fileName, committed })
      api.onCommitted?.(committed)
    } catch (error) {
      setStep({ kind: 'preview', preview, committing: false })
      fail(api.failed.commit, error)
    }
  }

  function startOver() {
    setProblem(null)
    setStep({ kind: 'choose' })
  }

  /** "Annullér": the server forgets the staged file too; starting over does not wait for it. */
  async function cancel(preview: Preview) {
    startOver()
    await api.discard(preview).catch(() => undefined)
  }

  return {
    step,
    problem,
    fail,
    clearProblem,
    upload,
    commit,
    cancel,
    startOver,
    /** A preview that came another way than an upload (figures fetched from a source). */
    showPreview: (preview: Preview) => setStep({ kind: 'preview', preview, committing: false }),
    stop: () => abortRef.current?.abort(),
  }
}

/** The failure of the last step, at the top of the import; it takes the focus so it is heard. */
export function ImportProblemAlert({ problem, headingLevel }: { problem: ImportProblem | null; headingLevel?: 2 | 3 }) {
  if (!problem) return null
  return (
    <Alert key={problem.seq} variant="error" heading={problem.heading} headingLevel={headingLevel} focusOnMount>
      <p>{problem.text}</p>
    </Alert>
  )
}

export function UploadProgress({ id, step, onStop }: { id: string; step: { fileName: string; loaded: number; total: number }; onStop: () => void }) {
  return (
    <>
      <ProgressBar
        id={id}
        label={`Sender ${step.fileName}`}
        value={step.loaded}
        max={step.total || 1}
        text={
          step.loaded >= step.total
            ? 'Filen er sendt. Indsats læser den …'
            : `${megabytes(step.loaded)} af ${megabytes(step.total)} (${formatPercentValue(Math.round((step.loaded / (step.total || 1)) * 100))})`
        }
      />
      <button type="button" className="button button-secondary" onClick={onStop}>
        Stop indlæsningen
      </button>
    </>
  )
}

/** The file field of an import form; `hint` says what the kind's file holds. */
export function ImportFileField({
  id,
  hint,
  error,
  inputRef,
  disabled,
}: {
  id: string
  hint: ReactNode
  error: string | null | undefined
  inputRef: RefObject<HTMLInputElement | null>
  disabled: boolean
}) {
  return (
    <div className={['form-group', error ? 'form-error' : ''].filter(Boolean).join(' ')}>
      <label className="form-label" htmlFor={id}>
        Fil
      </label>
      <span className="form-hint" id={`${id}-hint`}>
        {hint}
      </span>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      <input
        ref={inputRef}
        id={id}
        name={id}
        type="file"
        className="form-file-input"
        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        disabled={disabled}
      />
    </div>
  )
}

/**
 * The preview of a staged import: its problems (and then nothing can be saved), or what it would add
 * (`children`); then save or cancel. `blockedBecause` says why saving is not possible, if it is not.
 */
export function StagedPreview({
  preview,
  id,
  headingLevel,
  focusHeading,
  problemsText,
  blockedBecause,
  saveLabel,
  committing,
  onCommit,
  onCancel,
  above,
  children,
}: {
  preview: StagedImport
  /** Shown under the heading whatever the preview holds (e.g. where fetched figures came from). */
  above?: ReactNode
  id: string
  headingLevel: 2 | 3
  /** The preview replaces the form the user was in: start them at its heading. */
  focusHeading?: boolean
  /** What to do about the problems, under their count. */
  problemsText: string
  blockedBecause: string | null
  saveLabel: string
  committing: boolean
  onCommit: () => void
  onCancel: () => void
  children: ReactNode
}) {
  const { problems } = preview
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focusHeading) headingRef.current?.focus()
  }, [focusHeading])
  const Heading = `h${headingLevel}` as const
  const blocked = problems.length > 0 || blockedBecause !== null
  return (
    <section aria-labelledby={id}>
      <Heading id={id} tabIndex={focusHeading ? -1 : undefined} ref={headingRef}>
        Indholdet af {preview.fileName}
      </Heading>
      {above}
      {problems.length > 0 ? (
        <>
          <Alert variant="error" heading={`Filen har ${formatCount(problems.length, 'fejl', 'fejl')}`} headingLevel={(headingLevel + 1) as 3 | 4}>
            <p>{problemsText}</p>
          </Alert>
          <ImportProblemsTable problems={problems} />
        </>
      ) : (
        children
      )}
      <div className="button-row d-flex mt-6">
        <button type="button" className="button button-primary" disabled={blocked || committing} onClick={onCommit} aria-describedby={blocked ? `${id}-blocked` : undefined}>
          {committing ? 'Gemmer …' : saveLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={committing}>
          Annullér
        </button>
      </div>
      {blocked && (
        <p id={`${id}-blocked`} className="small-text mt-3">
          {blockedBecause}
        </p>
      )}
    </section>
  )
}
