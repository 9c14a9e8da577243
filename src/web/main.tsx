import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router/dom'
// The design system's CSS, fonts and icons are bundled from the npm package and served by Indsats
// itself: no CDN, so the app works on closed networks and leaks no visits to third parties.
// (A relative path because the package's "exports" map only exposes its JavaScript.)
import '../../node_modules/dkfds/dist/css/dkfds.min.css'
import './app/app.css'
import '../shared/lib/zod-locale.ts'
import { router } from './app/router.tsx'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
)
