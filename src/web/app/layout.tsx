import { type MouseEvent, useEffect, useRef } from 'react'
import { Outlet, useLocation } from 'react-router'
import { Header } from './header.tsx'

export function Layout() {
  const { pathname } = useLocation()
  const mainRef = useRef<HTMLElement>(null)
  const firstRender = useRef(true)

  // After client-side navigation, start screen-reader and keyboard users at the new page's heading,
  // as a full page load would. Not on the first load: there the browser's own start is right.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    const frame = requestAnimationFrame(() => {
      const heading = mainRef.current?.querySelector<HTMLElement>('h1')
      ;(heading ?? mainRef.current)?.focus({ preventScroll: false })
    })
    return () => cancelAnimationFrame(frame)
  }, [pathname])

  function skipToContent(event: MouseEvent) {
    event.preventDefault()
    mainRef.current?.focus()
    mainRef.current?.scrollIntoView()
  }

  return (
    <>
      <a href="#main-content" className="skipnav" onClick={skipToContent}>
        Gå til indhold
      </a>
      <Header />
      <div className="container page-container">
        <main id="main-content" ref={mainRef} tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <footer className="page-footer-wrapper">
        <div className="footer">
          <div className="container">
            <p className="small-text">Indsats – opfølgning på boligsociale helhedsplaner og delaftaler</p>
          </div>
        </div>
      </footer>
    </>
  )
}
