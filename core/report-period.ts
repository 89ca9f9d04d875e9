/**
 * The period of a report and its local days (docs/design.md, "Reports"):
 * bounds given as dates are local midnights in the report's zone, so a day is
 * the zone's calendar day — 23 or 25 hours long across a DST change — and
 * the hour of day is the zone's wall-clock hour.
 */
import { HuddleError } from './errors.js'
import { instantOf, wallClock } from './zoned-time.js'

/** A bound as written: a local date, an instant, or (for `since`) the last N local days, today included. */
export type ReportBound =
  | { readonly kind: 'date'; readonly date: string }
  | { readonly kind: 'instant'; readonly at: number }
  | { readonly kind: 'days'; readonly days: number }

/** An end bound: a local date (the day included) or an instant. */
export type ReportEnd = Exclude<ReportBound, { kind: 'days' }>

/** `[since, until)` in ms since the epoch. */
export type ReportPeriod = { readonly since: number; readonly until: number }

export const DEFAULT_REPORT_DAYS = 30
export const MAX_REPORT_DAYS = 366
const DAY_MS = 86_400_000

function two(n: number): string {
  return String(n).padStart(2, '0')
}

/** The local calendar day of instant `at` in `zone`, as `YYYY-MM-DD`. */
export function localDay(at: number, zone: string): string {
  const wall = wallClock(at, zone)
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}`
}

/** The local wall-clock hour (0–23) of instant `at` in `zone`. */
export function localHour(at: number, zone: string): number {
  return wallClock(at, zone).hour
}

/** The instant local midnight of `date` (`YYYY-MM-DD`) begins in `zone`, `offsetDays` days later. */
function midnight(date: string, zone: string, offsetDays = 0): number {
  return instantOf(Date.parse(`${date}T00:00:00Z`) + offsetDays * DAY_MS, zone)
}

/**
 * The instants a request's bounds name in `zone`: a date as `since` is its
 * local midnight, as `until` the next one (so the day is included); `Nd` as
 * `since` is local midnight N − 1 days before today; `until` absent is the
 * end of today, so everything up to `now` counts and every day is whole.
 */
export function resolvePeriod(since: ReportBound, until: ReportEnd | null, zone: string, now: number): ReportPeriod {
  const start = (() => {
    switch (since.kind) {
      case 'date':
        return midnight(since.date, zone)
      case 'instant':
        return since.at
      case 'days':
        return midnight(localDay(now, zone), zone, 1 - since.days)
    }
  })()
  const end = until === null ? midnight(localDay(now, zone), zone, 1) : until.kind === 'date' ? midnight(until.date, zone, 1) : until.at
  if (end <= start)
    throw new HuddleError('invalid', `The report's period is empty: it starts ${new Date(start).toISOString()} and ends ${new Date(end).toISOString()}; give a \`--since\` before \`--until\`.`)
  if (end - start > (MAX_REPORT_DAYS + 1) * DAY_MS)
    throw new HuddleError('invalid', `The report's period is ${Math.ceil((end - start) / DAY_MS)} days long; report on at most ${MAX_REPORT_DAYS} days at a time.`)
  return { since: start, until: end }
}

/** Every local day the period touches, in order. */
export function daysOf(period: ReportPeriod, zone: string): string[] {
  const days: string[] = []
  const last = localDay(period.until - 1, zone)
  // Calendar dates step as UTC dates: a day's length in the zone does not matter here.
  for (let day = localDay(period.since, zone); ; ) {
    days.push(day)
    if (day === last) break
    day = new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10)
  }
  return days
}
