/**
 * Waiting for a condition with a deadline — never for a fixed time, which is
 * either too short on a busy machine or wasted on an idle one.
 */

/** Polls until `check` holds, failing with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Asks `probe` until it answers (anything but null), failing with `what` after `timeoutMs`; returns the answer. */
export async function untilAnswered<T>(probe: () => Promise<T | null>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const answer = await probe()
    if (answer !== null) return answer
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
