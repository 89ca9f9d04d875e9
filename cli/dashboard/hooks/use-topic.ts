/**
 * The latest value of one of the client's batched subscriptions. The first
 * render (and the first after `key` changes) reads the value at once, so no
 * frame shows the previous key's value or nothing; later values ask the
 * frame scheduler for a redraw, shared with every other topic that changed.
 */
import { useEffect, useRef } from 'react'

type Subscribe<T> = (listener: (value: T) => void) => () => void

export function useTopic<T>(key: string, subscribe: Subscribe<T>, read: () => T, requestFrame: () => void): T {
  const latest = useRef<{ key: string; value: T } | null>(null)
  if (latest.current === null || latest.current.key !== key) latest.current = { key, value: read() }
  useEffect(
    () =>
      subscribe((value) => {
        if (latest.current?.key !== key) return
        latest.current = { key, value }
        requestFrame()
      }),
    [key],
  )
  return latest.current.value
}
