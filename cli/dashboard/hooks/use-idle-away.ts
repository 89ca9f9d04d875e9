/**
 * Away while idle: after `limitMs` without a key press the dashboard sets the
 * agent `away` on the server, and at the next key press `available` again
 * (the rules, and when each applies, are core/availability.ts). Returns what
 * the dashboard calls on every key press or paste.
 */
import { useCallback, useEffect, useRef } from 'react'
import { DEFAULT_AVAILABILITY, goesAwayWhenIdle, returnsFromIdle, type Availability } from '../../../core/availability.js'
import type { ClientStatus } from '../../client/huddle-client.js'
import type { DashboardSource } from '../dashboard-source.js'

const isConnected = (status: ClientStatus): boolean => status.connection.kind === 'online' || status.connection.kind === 'syncing'

export function useIdleAway(source: DashboardSource, limitMs: number, tell: (text: string) => void): () => void {
  const awayByIdle = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  // Read from the client when needed, not from the last frame: a change from another client may not be drawn yet.
  const status = (): ClientStatus => source.read({ kind: 'status' })
  const current = (): Availability => status().availability ?? DEFAULT_AVAILABILITY

  const arm = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current)
    timer.current = null
    if (limitMs <= 0) return
    const since = Date.now()
    const check = (): void => {
      // The server keeps availability: offline, look again later rather than drop the idle.
      if (!isConnected(status())) {
        timer.current = setTimeout(check, limitMs)
        timer.current.unref?.()
        return
      }
      if (!goesAwayWhenIdle(current(), Date.now() - since, limitMs)) return
      awayByIdle.current = true
      source.actions.setAvailability('away').then(
        () => tell('Idle: you are now away. Press any key to be available again.'),
        () => (awayByIdle.current = false),
      )
    }
    timer.current = setTimeout(check, limitMs)
    timer.current.unref?.()
  }, [source, limitMs, tell])

  useEffect(() => {
    arm()
    return () => {
      if (timer.current !== null) clearTimeout(timer.current)
    }
  }, [arm])

  return useCallback(() => {
    if (returnsFromIdle(current(), awayByIdle.current))
      source.actions.setAvailability('available').then(
        () => tell('Welcome back: you are available again.'),
        (error: unknown) => tell(error instanceof Error ? error.message : String(error)),
      )
    awayByIdle.current = false
    arm()
  }, [source, arm, tell])
}
