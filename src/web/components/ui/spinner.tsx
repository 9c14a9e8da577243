/** A loading indicator that screen readers announce politely. */
export function Spinner({ label = 'Indlæser …' }: { label?: string }) {
  return (
    <div className="spinner-wrapper" role="status">
      <div className="spinner" aria-hidden="true" />
      <div className="spinner-status">{label}</div>
    </div>
  )
}
