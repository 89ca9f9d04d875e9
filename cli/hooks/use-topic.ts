/**
 * The latest value of one of the client's batched subscriptions. The first
 * render (and the first after `key` changes) reads the value at once, so no
 * frame shows the previous key's value or nothing.
 */
import { useEffect, useState } from 'react'

type Subscribe<T> = (listener: (value: T) => void) => () => void

export function useTopic<T>(key: string, subscribe: Subscribe<T>, read: () => T): T {
  const [state, setState] = useState(() => ({ key, value: read() }))
  let current = state
  if (state.key !== key) {
    current = { key, value: read() }
    setState(current)
  }
  useEffect(() => subscribe((value) => setState({ key, value })), [key])
  return current.value
}
