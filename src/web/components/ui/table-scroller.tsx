import { type ReactNode, useEffect, useRef, useState } from 'react'

/**
 * A wide table's own horizontal scroll box. When the table does not fit, the box becomes a named,
 * focusable region so keyboard users can scroll it with the arrow keys (WCAG 2.1.1); when it
 * fits, it is nothing at all and adds no tab stop.
 */
export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const [scrollable, setScrollable] = useState(false)
  useEffect(() => {
    const box = ref.current
    if (!box) return
    const measure = () => setScrollable(box.scrollWidth > box.clientWidth + 1)
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    if (box.firstElementChild) observer.observe(box.firstElementChild)
    return () => observer.disconnect()
  }, [])
  return (
    <div
      ref={ref}
      className="table--responsive-scroll table-scroller"
      {...(scrollable ? { tabIndex: 0, role: 'region', 'aria-label': `${label} (kan rulles vandret)` } : {})}
    >
      {children}
    </div>
  )
}
