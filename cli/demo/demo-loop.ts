/** A throttled loop for the demo's simulators: one step at a time, a random pause between steps, stopped cleanly. */

export type Loop = {
  /** Stops after the step under way, if any. */
  stop(): Promise<void>
}

export function startLoop(step: () => Promise<void>, pauseMs: () => number, onError: (error: unknown) => void): Loop {
  let isStopped = false
  let wake: (() => void) | null = null
  let timer: NodeJS.Timeout | null = null
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      wake = resolve
      timer = setTimeout(resolve, ms)
      timer.unref()
    })
  const running = (async () => {
    while (!isStopped) {
      await sleep(pauseMs())
      if (isStopped) break
      try {
        await step()
      } catch (error) {
        // One step failing (a colleague's precondition, the server restarting) does not end the demo.
        onError(error)
      }
    }
  })()
  return {
    async stop() {
      isStopped = true
      if (timer) clearTimeout(timer)
      wake?.()
      await running
    },
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
