/** The time, refreshed every `everyMs` (for ages like `5m`); fixed when `now` is given. */
import { useEffect, useState } from 'react'

export function useNow(now: (() => number) | undefined, everyMs = 15_000): number {
  const clock = now ?? Date.now
  const [time, setTime] = useState(clock)
  useEffect(() => {
    const timer = setInterval(() => setTime(clock()), everyMs)
    timer.unref?.()
    return () => clearInterval(timer)
  }, [everyMs])
  return now ? now() : time
}
