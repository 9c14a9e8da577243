import { Alert } from './alert.tsx'

/** Content that could not be fetched, with a way to try again. */
export function LoadError({ message, onRetry, heading = 'Indholdet kunne ikke hentes' }: { message: string; onRetry?: () => void; heading?: string }) {
  return (
    <Alert variant="error" heading={heading}>
      <p>{message}</p>
      {onRetry && (
        <p>
          <button type="button" className="button button-secondary mt-3" onClick={onRetry}>
            Prøv igen
          </button>
        </p>
      )}
    </Alert>
  )
}
