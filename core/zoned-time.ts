/**
 * Wall-clock time in an IANA zone, from Intl: a zone's offset at an instant
 * (cached, since business hours and lists ask it per conversation), the
 * local date and time of an instant, and the instant a local time names.
 * Wall-clock times are written as the ms of the same date and time in UTC.
 */

const MINUTE_MS = 60_000
/** Offsets are looked up per quarter hour: zones change offset on quarter-hour boundaries. */
const OFFSET_BUCKET_MS = 15 * MINUTE_MS
const MAX_CACHED_OFFSETS = 20_000

/** Per zone: its formatter and the offsets looked up so far, by quarter hour (numbers as keys: this runs per conversation in every list). */
const zones = new Map<string, { readonly format: Intl.DateTimeFormat; readonly offsets: Map<number, number> }>()

/** The zone's offset from UTC at instant `at`, in ms (local wall clock − UTC). */
export function zoneOffset(at: number, timeZone: string): number {
  let zone = zones.get(timeZone)
  if (!zone) {
    const format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    zone = { format, offsets: new Map() }
    zones.set(timeZone, zone)
  }
  const bucket = Math.floor(at / OFFSET_BUCKET_MS)
  const cached = zone.offsets.get(bucket)
  if (cached !== undefined) return cached
  const start = bucket * OFFSET_BUCKET_MS
  const parts = zone.format.formatToParts(new Date(start))
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0')
  const offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - start
  if (zone.offsets.size >= MAX_CACHED_OFFSETS) zone.offsets.clear()
  zone.offsets.set(bucket, offset)
  return offset
}

/** The instant a local wall-clock time (as ms of a UTC date) names; a time skipped by a DST change maps past the gap. */
export function instantOf(wall: number, timeZone: string): number {
  const first = wall - zoneOffset(wall, timeZone)
  return wall - zoneOffset(first, timeZone)
}

/** A local date and time: month 1–12, weekday 0 = Monday … 6 = Sunday. */
export type WallClock = { readonly year: number; readonly month: number; readonly day: number; readonly hour: number; readonly minute: number; readonly weekday: number }

/** The local date and time of instant `at` in `timeZone`. */
export function wallClock(at: number, timeZone: string): WallClock {
  const wall = new Date(at + zoneOffset(at, timeZone))
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    weekday: (wall.getUTCDay() + 6) % 7,
  }
}
