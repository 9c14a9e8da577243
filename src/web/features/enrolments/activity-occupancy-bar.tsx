import { Icon } from '../../components/ui/icon.tsx'
import type { Occupancy } from './activity-occupancy.ts'

/**
 * Places taken as a bar, with the words beside it. The bar is decoration (hidden from screen
 * readers): the text says the same, and over capacity it says by how many, since a bar cannot grow
 * past its end.
 */
export function OccupancyBar({ occupancy, compact }: { occupancy: Occupancy; compact?: boolean }) {
  const over = occupancy.state === 'over'
  return (
    <div className={['occupancy', compact ? 'occupancy-compact' : '', `occupancy-${occupancy.state}`].filter(Boolean).join(' ')}>
      {occupancy.share !== null && (
        <span className="occupancy-bar" aria-hidden="true">
          <span className="occupancy-fill" style={{ width: `${Math.min(100, Math.round(occupancy.share * 100))}%` }} />
        </span>
      )}
      <span className="occupancy-text">
        {over && <Icon name="warning" className="occupancy-icon" />}
        {over && <strong>Overbooket: </strong>}
        {compact ? occupancy.shortText : occupancy.text}
      </span>
    </div>
  )
}
