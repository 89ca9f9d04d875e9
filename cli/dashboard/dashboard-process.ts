/** How the process is set up before the dashboard (Ink, React) loads; the dashboard command and its benchmark both use it. */
import process from 'node:process'
import { setFlagsFromString } from 'node:v8'

/** React's production build, Ink in its interactive mode, and a heap that grows in small steps. */
export function prepareDashboardProcess(): void {
  // Ink only draws its last frame when it believes it runs in CI; on a terminal the dashboard is interactive whatever CI says.
  delete process.env.CI
  delete process.env.CONTINUOUS_INTEGRATION
  // React's development build checks every render at several times the cost.
  process.env.NODE_ENV ??= 'production'
  // Ink makes every frame anew, so a session makes garbage steadily while the
  // live heap stays flat (mostly the inbox). By default V8 lets the heap grow
  // far past the live data before a full collection; growing it by 20% at a
  // time keeps peak memory near the live heap, at the cost of a few more
  // collections (`--optimize-for-size` does more, but slows every keypress).
  // The dashboard benchmark measures both sides.
  setFlagsFromString('--heap-growing-percent=20')
}
