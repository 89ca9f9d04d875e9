/**
 * The demo server's clock: the wall clock, except while the first run seeds
 * what customers wrote yesterday, when it is set back — so that some WhatsApp
 * conversations start with their 24-hour window already closed, as they
 * would in a shop that was open yesterday.
 */
export class DemoClock {
  private behindMs = 0

  /** The server's time; pass as its `now`. */
  readonly now = (): number => Date.now() - this.behindMs

  /** Runs `work` with the clock `ms` behind the wall clock, then puts it right; only ever forward from there. */
  async during<T>(ms: number, work: () => Promise<T>): Promise<T> {
    this.behindMs = ms
    try {
      return await work()
    } finally {
      this.behindMs = 0
    }
  }
}
