import sprite from '../../../../node_modules/dkfds/dist/img/all-svg-icons.svg?url'

// The design system's icon sprite, served from our own origin like everything else.

export type IconName =
  | 'error'
  | 'success'
  | 'info'
  | 'warning'
  | 'close'
  | 'person'
  | 'lock'
  | 'arrow-back'
  | 'chevron-right'
  | 'home'
  | 'hourglass'
  | 'flag'
  | 'upload'
  | 'analytics'
  | 'chat'
  | 'time'
  | 'chevron-left'
  | 'first-page'
  | 'last-page'
  | 'download'
  | 'visibility'
  | 'persons'

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg className={['icon-svg', className].filter(Boolean).join(' ')} focusable="false" aria-hidden="true">
      <use href={`${sprite}#${name}`} />
    </svg>
  )
}
