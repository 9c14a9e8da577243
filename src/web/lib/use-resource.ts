import { type DependencyList, useCallback, useEffect, useState } from 'react'

export type Resource<T> =
  | { status: 'loading'; data: undefined; error: undefined; reload: () => void }
  | { status: 'ready'; data: T; error: undefined; reload: () => void }
  | { status: 'failed'; data: undefined; error: unknown; reload: () => void }

/**
 * Loads data for a page and keeps it in state. A load that is overtaken by a newer one (the
 * dependencies changed, or the page went away) is aborted and its result ignored. While a reload
 * runs the previous data stays on screen, so a table does not blink away after every change; key
 * the component by its id when stale data from another record must not show.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<{ status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: unknown }>({
    status: 'loading',
  })
  const [generation, setGeneration] = useState(0)
  const reload = useCallback(() => setGeneration((g) => g + 1), [])

  useEffect(() => {
    const controller = new AbortController()
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data })
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error })
      },
    )
    return () => controller.abort()
    // `load` is a new function on every render; the caller's deps say when it really changed.
  }, [...deps, generation])

  if (state.status === 'ready') return { status: 'ready', data: state.data, error: undefined, reload }
  if (state.status === 'failed') return { status: 'failed', data: undefined, error: state.error, reload }
  return { status: 'loading', data: undefined, error: undefined, reload }
}
