/**
 * Hybrid logical clock. A timestamp is wall-clock milliseconds plus a counter,
 * encoded as a fixed-width string so that string order is time order.
 *
 *   000001764072000000.000003
 *   └ milliseconds (15) ┘└ counter (6) ┘
 *
 * Physical time is passed in (core does no I/O). A client corrects its wall
 * clock by the offset it measured against the server (see `estimateClockOffset`),
 * so a machine whose clock is hours off still stamps events in true order; and
 * remote stamps too far ahead of our physical time are not adopted, so one bad
 * clock cannot drag every replica into the future.
 */
import { HuddleError } from './errors.js'

export type Hlc = { readonly ms: number; readonly counter: number }

/** Remote timestamps further ahead of physical time than this are not adopted. */
export const MAX_CLOCK_DRIFT_MS = 5 * 60_000

const MS_WIDTH = 15
const COUNTER_WIDTH = 6
const HLC_PATTERN = /^(\d{15})\.(\d{6})$/

export const ZERO_HLC: Hlc = { ms: 0, counter: 0 }

export function formatHlc(hlc: Hlc): string {
  return `${String(hlc.ms).padStart(MS_WIDTH, '0')}.${String(hlc.counter).padStart(COUNTER_WIDTH, '0')}`
}

export function isHlcString(value: unknown): value is string {
  return typeof value === 'string' && HLC_PATTERN.test(value)
}

export function parseHlc(value: string): Hlc {
  const match = HLC_PATTERN.exec(value)
  if (!match) throw new HuddleError('invalid', `Timestamp \`${value}\` is not a clock timestamp; expected 15 digits, a dot and 6 digits.`)
  return { ms: Number(match[1]), counter: Number(match[2]) }
}

export function compareHlc(a: Hlc, b: Hlc): number {
  return a.ms - b.ms || a.counter - b.counter
}

/** The stamp for a local event at physical time `now`; strictly after `last`. */
export function tickHlc(last: Hlc, now: number): Hlc {
  if (now > last.ms) return { ms: now, counter: 0 }
  return { ms: last.ms, counter: last.counter + 1 }
}

/**
 * The clock after seeing a remote stamp at physical time `now`. A remote stamp
 * more than `maxDrift` ahead of `now` comes from a broken clock and is ignored.
 */
export function observeHlc(last: Hlc, remote: Hlc, now: number, maxDrift = MAX_CLOCK_DRIFT_MS): Hlc {
  if (remote.ms > now + maxDrift) return last
  return compareHlc(remote, last) > 0 ? remote : last
}

/** A stateful clock over the pure functions, for one replica. */
export class HybridClock {
  private last: Hlc
  constructor(
    private readonly now: () => number,
    start: Hlc = ZERO_HLC,
  ) {
    this.last = start
  }

  /** A fresh stamp for a local event, after everything this clock has seen. */
  tick(): string {
    this.last = tickHlc(this.last, this.now())
    return formatHlc(this.last)
  }

  /** Takes in a stamp seen on a remote event so that later local events follow it. */
  observe(stamp: string): void {
    if (!isHlcString(stamp)) return
    this.last = observeHlc(this.last, parseHlc(stamp), this.now())
  }

  current(): Hlc {
    return this.last
  }
}

/**
 * The offset to add to the local wall clock to get the server's, from one
 * request: sent at `sentAt`, answered with `serverTime`, received at `receivedAt`
 * (all local readings except `serverTime`). Assumes a symmetric round trip.
 */
export function estimateClockOffset(sentAt: number, serverTime: number, receivedAt: number): number {
  return Math.round(serverTime - (sentAt + receivedAt) / 2)
}
