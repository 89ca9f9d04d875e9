/**
 * Business hours in an IANA time zone, written `[Mon-Fri ]09:00-17:00@Europe/London`.
 * Days are optional (every day when absent); a range that ends before it starts
 * runs over midnight (`22:00-06:00`). The zone's rules come from Intl.
 */
import { HuddleError } from './errors.js'
import { instantOf, wallClock, zoneOffset } from './zoned-time.js'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export type BusinessHours = {
  readonly days: readonly Weekday[]
  /** Minutes after local midnight. */
  readonly start: number
  readonly end: number
  readonly timeZone: string
}

const FORMAT = /^(?:([A-Za-z]{3})(?:-([A-Za-z]{3}))?\s+)?(\d{2}):(\d{2})-(\d{2}):(\d{2})@(\S+)$/
const EXAMPLE = 'e.g. `09:00-17:00@Europe/London` or `Mon-Fri 09:00-17:00@America/New_York`'

function invalid(text: string, why: string): HuddleError {
  return new HuddleError('invalid', `Business hours \`${text}\` are not valid: ${why}; write them as ${EXAMPLE}.`)
}

function weekday(text: string, token: string): number {
  const index = WEEKDAYS.indexOf(token.toLowerCase() as Weekday)
  if (index < 0) throw invalid(text, `\`${token}\` is not a day (Mon … Sun)`)
  return index
}

function minutes(text: string, hh: string, mm: string): number {
  const h = Number(hh)
  const m = Number(mm)
  if (h > 24 || m > 59 || (h === 24 && m > 0)) throw invalid(text, `\`${hh}:${mm}\` is not a time of day`)
  return h * 60 + m
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export function parseBusinessHours(text: string): BusinessHours {
  const match = FORMAT.exec(text.trim())
  if (!match) throw invalid(text, 'the format is not recognised')
  const [, from, to, sh, sm, eh, em, zone] = match
  if (!isTimeZone(zone!)) throw invalid(text, `\`${zone}\` is not an IANA time zone`)
  let days: Weekday[] = [...WEEKDAYS]
  if (from) {
    const first = weekday(text, from)
    const last = to ? weekday(text, to) : first
    days = []
    for (let i = first; ; i = (i + 1) % 7) {
      days.push(WEEKDAYS[i]!)
      if (i === last) break
    }
  }
  const start = minutes(text, sh!, sm!)
  const end = minutes(text, eh!, em!)
  if (start === end) throw invalid(text, 'the range is empty')
  return { days, start, end, timeZone: zone! }
}

function clock(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

export function formatBusinessHours(hours: BusinessHours): string {
  const title = (d: Weekday): string => d[0]!.toUpperCase() + d.slice(1)
  const days = hours.days.length === 7 ? '' : `${title(hours.days[0]!)}-${title(hours.days[hours.days.length - 1]!)} `
  return `${days}${clock(hours.start)}-${clock(hours.end)}@${hours.timeZone}`
}

function localTime(at: number, timeZone: string): { day: Weekday; minute: number } {
  const wall = wallClock(at, timeZone)
  return { day: WEEKDAYS[wall.weekday]!, minute: wall.hour * 60 + wall.minute }
}

/** Whether instant `at` (ms since the epoch) falls within the hours. */
export function isWithinHours(hours: BusinessHours, at: number): boolean {
  const { day, minute } = localTime(at, hours.timeZone)
  if (hours.start < hours.end) return hours.days.includes(day) && minute >= hours.start && minute < hours.end
  // Overnight: the evening part belongs to `day`, the early-morning part to the day before.
  const yesterday = WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!
  return (minute >= hours.start && hours.days.includes(day)) || (minute < hours.end && hours.days.includes(yesterday))
}

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS
/** A spell `[from, to)` in ms; `to` null: not ended. */
export type Interval = readonly [number, number | null]

/** Per hours value: each local day's window as instants (null: closed that day), as computed once; days are ms of a UTC date. */
const dayWindows = new WeakMap<BusinessHours, Map<number, readonly [number, number] | null>>()
const MAX_CACHED_DAYS = 20_000

function windowOfDay(hours: BusinessHours, day: number): readonly [number, number] | null {
  let days = dayWindows.get(hours)
  if (!days) {
    days = new Map()
    dayWindows.set(hours, days)
  }
  const cached = days.get(day)
  if (cached !== undefined) return cached
  let window: readonly [number, number] | null = null
  if (hours.days.includes(WEEKDAYS[(new Date(day).getUTCDay() + 6) % 7]!)) {
    const length = (hours.end > hours.start ? hours.end - hours.start : hours.end + 1440 - hours.start) * MINUTE_MS
    const wallStart = day + hours.start * MINUTE_MS
    window = [instantOf(wallStart, hours.timeZone), instantOf(wallStart + length, hours.timeZone)]
  }
  if (days.size >= MAX_CACHED_DAYS) days.clear()
  days.set(day, window)
  return window
}

/** The business-hours windows `[start, end)` that end after `from`, in order, without end. */
function* windowsFrom(hours: BusinessHours, from: number): Generator<readonly [number, number]> {
  const wallFrom = from + zoneOffset(from, hours.timeZone)
  // From the day before: an overnight window that began yesterday may still be open.
  for (let day = Math.floor(wallFrom / DAY_MS) * DAY_MS - DAY_MS; ; day += DAY_MS) {
    const window = windowOfDay(hours, day)
    if (window !== null && window[1] > from) yield [Math.max(window[0], from), window[1]]
  }
}

/** The spells that count from `from` on: business hours (or all time when null) less the paused spells. */
function* countingFrom(hours: BusinessHours | null, from: number, paused: readonly Interval[]): Generator<readonly [number, number]> {
  const pauses = paused.length < 2 ? paused : [...paused].sort((a, b) => a[0] - b[0])
  const windows: Iterable<readonly [number, number]> = hours === null ? [[from, Infinity]] : windowsFrom(hours, from)
  for (const [windowStart, windowEnd] of windows) {
    let start = windowStart
    for (const [pauseFrom, pauseTo] of pauses) {
      const pauseEnd = pauseTo ?? Infinity
      if (pauseEnd <= start || pauseFrom >= windowEnd) continue
      if (pauseFrom > start) yield [start, pauseFrom]
      start = Math.max(start, pauseEnd)
      if (start >= windowEnd) break
    }
    if (start < windowEnd) yield [start, windowEnd]
    // A pause without end stops the clock for good.
    if (pauses.some(([pauseFrom, pauseTo]) => pauseTo === null && pauseFrom <= windowEnd)) return
  }
}

/**
 * The instant at which `budget` ms of counting time have passed since
 * `from`: only time within `hours` counts (all time when null), and never
 * time in a paused spell. Null when the clock stops before (a pause without end).
 */
export function businessDue(hours: BusinessHours | null, from: number, budget: number, paused: readonly Interval[] = []): number | null {
  let left = budget
  for (const [start, end] of countingFrom(hours, from, paused)) {
    if (end - start >= left) return start + left
    left -= end - start
  }
  return null
}

/**
 * How much counting time passes from `from` to `to`: only time within `hours`
 * (all time when null), and never time in a paused spell; the measure
 * `businessDue` counts a budget in, so a report's durations and the SLA's due
 * times agree.
 */
export function countingTime(hours: BusinessHours | null, from: number, to: number, paused: readonly Interval[] = []): number {
  if (to <= from) return 0
  let total = 0
  for (const [start, end] of countingFrom(hours, from, paused)) {
    if (start >= to) break
    total += Math.min(end, to) - start
  }
  return total
}
