/**
 * One timer, to the soonest time a snoozed conversation wakes: views are
 * decided at read time (core/views.ts), so nothing changes in any document
 * when a snooze ends, and subscribers must be told that the moment came.
 * Set again after every change, since a change may add or end a snooze.
 */

/** setTimeout's longest delay; a wake further off is reached in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1

export class WakeTimer {
  private timer: ReturnType<typeof setTimeout> | null = null
  private armedFor: number | null = null

  constructor(
    /** The soonest wake time of any conversation asleep now, or null. */
    private readonly nextWake: () => number | null,
    /** The corrected clock wake times are judged by. */
    private readonly now: () => number,
    private readonly onWake: () => void,
  ) {}

  /** Aims the timer at the soonest wake as things stand now. */
  reschedule(): void {
    const at = this.nextWake()
    if (at === this.armedFor && this.timer !== null) return
    this.stop()
    if (at === null) return
    this.armedFor = at
    this.timer = setTimeout(() => this.fire(), Math.min(MAX_DELAY_MS, Math.max(0, at - this.now())))
    // A command that is done must not be kept alive for a wake hours away.
    this.timer.unref?.()
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.armedFor = null
  }

  private fire(): void {
    this.timer = null
    const at = this.armedFor
    this.armedFor = null
    // A clock corrected backwards since arming, or a step of a long wait: not yet; aim again.
    if (at !== null && at <= this.now()) this.onWake()
    this.reschedule()
  }
}
