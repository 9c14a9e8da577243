import { Link } from 'react-router'
import { Icon } from './icon.tsx'

export type PageItem = number | 'gap'

/**
 * The page numbers to show, as dkfds lays them out: all of them up to seven pages, otherwise the
 * first and the last, the current page with its neighbours, and a gap for the pages left out.
 */
export function pageItems(current: number, total: number): PageItem[] {
  if (total <= 7) return Array.from({ length: total }, (_, i) => i + 1)
  if (current < 5) return [1, 2, 3, 4, 5, 'gap', total]
  if (current + 4 > total) return [1, 'gap', total - 4, total - 3, total - 2, total - 1, total]
  return [1, 'gap', current - 1, current, current + 1, 'gap', total]
}

export interface PaginationProps {
  current: number
  total: number
  /** The address of a page, so every page is a real link that can be opened, shared and bookmarked. */
  hrefOf: (page: number) => string
  /** Names the navigation landmark; a page with two lists needs two names. */
  label?: string
}

/** dkfds' pagination as links. Nothing at all when everything fits on one page. */
export function Pagination({ current, total, hrefOf, label = 'Sider' }: PaginationProps) {
  if (total <= 1) return null
  return (
    <nav className="pagination" aria-label={label}>
      {current > 1 && (
        <>
          <Link to={hrefOf(1)} className="button button-arrow button-first">
            <Icon name="first-page" />
            <span className="sr-only">Første side</span>
          </Link>
          <Link to={hrefOf(current - 1)} className="button button-arrow button-previous">
            <Icon name="chevron-left" />
            <span className="pagination-nav-link">Forrige</span>
            <span className="sr-only"> side</span>
          </Link>
        </>
      )}
      <span className="pagination-mobile">
        Side {current} af {total}
      </span>
      <ul className="pagination__items">
        {pageItems(current, total).map((item, i) =>
          item === 'gap' ? (
            <li key={`gap-${i}`} className="pagination-item pagination-overflow">
              <span className="sr-only">Sider udeladt</span>
              <span aria-hidden="true">…</span>
            </li>
          ) : (
            <li key={item} className="pagination-item pagination-number">
              <Link
                to={hrefOf(item)}
                className={item === current ? 'button current-page' : 'button button-secondary'}
                aria-current={item === current ? 'page' : undefined}
              >
                <span className="sr-only">Side </span>
                {item}
              </Link>
            </li>
          ),
        )}
      </ul>
      {current < total && (
        <>
          <Link to={hrefOf(current + 1)} className="button button-arrow button-next">
            <span className="pagination-nav-link">Næste</span>
            <span className="sr-only"> side</span>
            <Icon name="chevron-right" />
          </Link>
          <Link to={hrefOf(total)} className="button button-arrow button-last">
            <Icon name="last-page" />
            <span className="sr-only">Sidste side</span>
          </Link>
        </>
      )}
    </nav>
  )
}
