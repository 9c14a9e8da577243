import { type MouseEvent, useEffect, useRef } from 'react'
import { Outlet, useLocation } from 'react-router'
import { Header } from './header.tsx'

export function Layout() {
  const { pathname } = useLocation()
  const mainRef = useRef<HTMLElement>(null)
  const firstRender = useRef(true)

  // After client-side navigation, start screen-reader and keyboard users at the new page's heading,
  // as a full page load would. Not on the first load: there the browser's own start is right.
  // A page that is still loading gets its heading focused once the spinner is gone (its heading
  // may be replaced), unless the user has started doing something else in the meantime.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    const main = mainRef.current
    if (!main) return
    let settled = false
    const stop = () => {
      settled = true
      observer.disconnect()
      clearTimeout(timeout)
      window.removeEventListener('keydown', stop, true)
      window.removeEventListener('pointerdown', stop, true)
    }
    const focusWhenReady = () => {
      if (settled || main.querySelector('.spinner-wrapper')) return
      stop()
      ;(main.querySelector<HTMLElement>('h1') ?? main).focus()
    }
    const observer = new MutationObserver(focusWhenReady)
    observer.observe(main, { childList: true, subtree: true })
    const timeout = setTimeout(stop, 10_000)
    window.addEventListener('keydown', stop, true)
    window.addEventListener('pointerdown', stop, true)
    const frame = requestAnimationFrame(focusWhenReady)
    return () => {
      cancelAnimationFrame(frame)
      stop()
    }
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
