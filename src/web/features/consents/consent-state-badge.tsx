import { type ConsentState, consentStateLabels } from '../../../shared/consents.ts'
import { Icon, type IconName } from '../../components/ui/icon.tsx'

// A consent's state today as a badge: colour, words and an icon together, so no one has to tell
// green from grey to read it (WCAG 1.4.1). The same look as the indicators' status badges.

const look: Record<ConsentState, { icon: IconName; className: string }> = {
  'in-force': { icon: 'success', className: 'badge-success' },
  'not-yet': { icon: 'hourglass', className: 'badge-info' },
  'missing-document': { icon: 'warning', className: 'badge-warning' },
  expired: { icon: 'time', className: 'badge-neutral' },
  withdrawn: { icon: 'close', className: 'badge-neutral' },
  outgrown: { icon: 'time', className: 'badge-neutral' },
}

export function ConsentStateBadge({ state }: { state: ConsentState }) {
  const { icon, className } = look[state]
  return (
    <span className={`badge status-badge ${className}`}>
      <Icon name={icon} />
      {consentStateLabels[state]}
    </span>
  )
}
