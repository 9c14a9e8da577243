import { useEffect } from 'react'

const PRODUCT = 'Indsats'

/** Sets the browser tab's title to "<page> – Indsats", the first thing a screen reader announces. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – ${PRODUCT}`
  }, [title])
}
