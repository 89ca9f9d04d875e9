/**
 * Brings the replica's recent conversations up to date in the background —
 * once online, then every `everyMs` — so that notes mentioning the agent and
 * held replies become notices without opening each conversation, and the
 * recent ones can be read offline.
 */
import { useEffect, useRef } from 'react'
import type { ConnectionKind } from '../../client/connection-state.js'
import type { DashboardSource } from '../dashboard-source.js'

export const BACKGROUND_SYNC_MS = 120_000

export function useBackgroundSync(
  source: DashboardSource,
  connection: ConnectionKind,
  isEnabled: boolean,
  onError: (error: unknown) => void,
  everyMs = BACKGROUND_SYNC_MS,
): void {
  const lastRun = useRef<number | null>(null)
  const isRunning = useRef(false)
  const isOnline = connection === 'online'
  useEffect(() => {
    if (!isEnabled || !isOnline) return
    let isMounted = true
    const run = (): void => {
      if (isRunning.current || !isMounted) return
      isRunning.current = true
      lastRun.current = Date.now()
      source.actions
        .syncEverything(10_000)
        .catch(onError)
        .finally(() => {
          isRunning.current = false
        })
    }
    const due = lastRun.current === null ? 0 : Math.max(0, lastRun.current + everyMs - Date.now())
    const first = setTimeout(run, due)
    const timer = setInterval(run, everyMs)
    first.unref?.()
    timer.unref?.()
    return () => {
      isMounted = false
      clearTimeout(first)
      clearInterval(timer)
    }
  }, [source, isEnabled, isOnline, everyMs])
}
