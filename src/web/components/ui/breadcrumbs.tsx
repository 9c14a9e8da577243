import { Link } from 'react-router'
import { Icon } from './icon.tsx'

export interface Crumb {
  label: string
  /** Omitted for the current page, which is the last crumb. */
  to?: string
}

/** Where the page sits, as dkfds' breadcrumb: links to the pages above, the current page last. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav className="breadcrumbs" aria-label="Brødkrumme">
      <ol className="breadcrumbs__list">
        {items.map((item, index) => {
          const last = index === items.length - 1
          return (
            <li key={`${index}-${item.label}`} className="breadcrumbs__list-item" aria-current={last ? 'page' : undefined}>
              {item.to && !last ? (
                <>
                  <Link to={item.to} className="breadcrumbs__link">
                    {item.label}
                  </Link>
                  <Icon name="chevron-right" />
                </>
              ) : (
                <span>{item.label}</span>
              )}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
