import type { ReactNode } from 'react'
import { useDocumentTitle } from '../../lib/document-title.ts'

/**
 * A page's title and its one <h1>. The heading can take focus (tabIndex -1) so that the layout can
 * move focus to it after each navigation, as a full page load would.
 */
export function Page({ title, heading, lead, children }: { title: string; heading?: ReactNode; lead?: ReactNode; children?: ReactNode }) {
  useDocumentTitle(title)
  return (
    <>
      <h1 tabIndex={-1} className="page-heading">
        {heading ?? title}
      </h1>
      {lead && <p className="font-lead">{lead}</p>}
      {children}
    </>
  )
}
