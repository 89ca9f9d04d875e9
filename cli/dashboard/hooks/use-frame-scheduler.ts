/**
 * One re-render for everything that changed together: the client calls the
 * listeners of every dirty topic in one go (inbox rows, counts, notices,
 * status…); each asks for a frame, and they get one, a microtask later.
 */
import { useCallback, useReducer, useRef } from 'react'

export function useFrameScheduler(): () => void {
  const [, redraw] = useReducer((n: number) => n + 1, 0)
  const isPending = useRef(false)
  return useCallback(() => {
    if (isPending.current) return
    isPending.current = true
    queueMicrotask(() => {
      isPending.current = false
      redraw()
    })
  }, [])
}
