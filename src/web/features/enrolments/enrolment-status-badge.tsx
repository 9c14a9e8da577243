import { type EnrolmentStatus, enrolmentStatusLabels } from '../../../shared/enrolments.ts'
import { Icon, type IconName } from '../../components/ui/icon.tsx'

// An enrolment's status as a badge, in the same look as the other status badges: words and an icon,
// the colour only repeating them.

const look: Record<EnrolmentStatus, { icon: IconName; className: string }> = {
  waiting: { icon: 'hourglass', className: 'badge-info' },
  active: { icon: 'success', className: 'badge-success' },
  ended: { icon: 'flag', className: 'badge-neutral' },
}

export function EnrolmentStatusBadge({ status }: { status: EnrolmentStatus }) {
  const { icon, className } = look[status]
  return (
    <span className={`badge status-badge ${className}`}>
      <Icon name={icon} />
      {enrolmentStatusLabels[status]}
    </span>
  )
}
