import { type ReactNode, useEffect, useRef } from 'react'
import { Icon } from './icon.tsx'

export type AlertVariant = 'info' | 'success' | 'warning' | 'error'

const iconOf: Record<AlertVariant, 'info' | 'success' | 'warning' | 'error'> = {
  info: 'info',
  success: 'success',
  warning: 'warning',
  error: 'error',
}

export interface AlertProps {
  variant: AlertVariant
  heading?: ReactNode
  headingLevel?: 2 | 3 | 4 | 5 | 6
  children?: ReactNode
  /**
   * Move focus here when the alert appears. For alerts that answer something the user just did,
   * so screen-reader and keyboard users land on the answer instead of hunting for it.
   */
  focusOnMount?: boolean
  onClose?: () => void
  closeLabel?: string
  className?: string
}

export function Alert({ variant, heading, headingLevel = 2, children, focusOnMount, onClose, closeLabel = 'Luk', className }: AlertProps) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (focusOnMount) ref.current?.focus()
  }, [focusOnMount])
  const Heading = `h${headingLevel}` as const
  return (
    <div
      ref={ref}
      className={['alert', `alert-${variant}`, className].filter(Boolean).join(' ')}
      tabIndex={focusOnMount ? -1 : undefined}
      role={focusOnMount ? undefined : variant === 'error' ? 'alert' : 'status'}
    >
      <Icon name={iconOf[variant]} className="alert-icon" />
      <div className="alert-body">
        {heading && <Heading className="alert-heading">{heading}</Heading>}
        {children && <div className="alert-text">{children}</div>}
      </div>
      {onClose && (
        <button type="button" className="alert-close" onClick={onClose}>
          <Icon name="close" />
          <span>{closeLabel}</span>
        </button>
      )}
    </div>
  )
}
