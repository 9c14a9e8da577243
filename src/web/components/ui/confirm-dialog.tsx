import { type ReactNode, useEffect, useId, useRef } from 'react'
import { Icon } from './icon.tsx'

export interface ConfirmDialogProps {
  open: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  cancelLabel?: string
  /** Use the warning button for actions that take something away. */
  destructive?: boolean
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/**
 * Asks before an action that cannot simply be undone. A native modal <dialog>: the browser traps
 * focus inside it, closes it on Escape and returns focus to where the user was.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = 'Annullér', destructive, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      // Start on the harmless choice, so an accidental Enter does not carry out the action.
      cancelRef.current?.focus()
    }
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={ref}
      className="fds-modal confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: let React's state decide, so the dialog and the state never disagree.
        event.preventDefault()
        if (!busy) onCancel()
      }}
    >
      {open && (
        <div className="modal-content">
          <div className="modal-header">
            <h2 className="modal-title" id={titleId}>
              {title}
            </h2>
            <button type="button" className="modal-close function-link" onClick={onCancel} disabled={busy}>
              <Icon name="close" />
              Luk
            </button>
          </div>
          <div className="modal-body">{children}</div>
          <div className="modal-footer">
            <button type="button" className={`button ${destructive ? 'button-warning' : 'button-primary'}`} onClick={onConfirm} disabled={busy}>
              {confirmLabel}
            </button>
            <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy} ref={cancelRef}>
              {cancelLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  )
}
