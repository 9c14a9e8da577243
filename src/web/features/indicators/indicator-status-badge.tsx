import { type IndicatorStatusState, statusLabels } from '../../../shared/indicators.ts'
import { formatNumber } from '../../../shared/lib/format.ts'
import { Icon, type IconName } from '../../components/ui/icon.tsx'

// An indicator's status as a badge: colour, words and an icon together, so no one has to tell
// green from red to read it (WCAG 1.4.1).

const look: Record<IndicatorStatusState, { icon: IconName; className: string }> = {
  'on-track': { icon: 'success', className: 'badge-success' },
  behind: { icon: 'warning', className: 'badge-warning' },
  'no-data': { icon: 'hourglass', className: 'badge-info' },
  'no-target': { icon: 'flag', className: 'badge-neutral' },
}

export const statusOrder: IndicatorStatusState[] = ['on-track', 'behind', 'no-data', 'no-target']

export function StatusBadge({ state, prefix = true }: { state: IndicatorStatusState; prefix?: boolean }) {
  const { icon, className } = look[state]
  return (
    <span className={`badge status-badge ${className}`}>
      <Icon name={icon} />
      {prefix && <span className="sr-only">Status: </span>}
      {statusLabels[state]}
    </span>
  )
}

/** "På rette vej 2 · Bagud 1 · …": how many indicator rows have each status. */
export function StatusCounts({ states, label }: { states: IndicatorStatusState[]; label: string }) {
  return (
    <ul className="nobullet-list no-max-width status-counts" aria-label={label}>
      {statusOrder.map((state) => {
        const count = states.filter((s) => s === state).length
        return (
          <li key={state} className={count === 0 ? 'status-count-zero' : undefined}>
            <StatusBadge state={state} prefix={false} />
            <span className="status-count">
              <span className="sr-only">: </span>
              {formatNumber(count)}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
