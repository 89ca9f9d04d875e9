/**
 * Business hours in an IANA time zone, written `[Mon-Fri ]09:00-17:00@Europe/London`.
 * Days are optional (every day when absent); a range that ends before it starts
 * runs over midnight (`22:00-06:00`). The zone's rules come from Intl.
 */
import { HuddleError } from './errors.js'

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

const partsCache = new Map<string, Intl.DateTimeFormat>()

function localTime(at: number, timeZone: string): { day: Weekday; minute: number } {
  let format = partsCache.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    partsCache.set(timeZone, format)
  }
  const parts = format.formatToParts(new Date(at))
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '0'
  return { day: get('weekday').toLowerCase().slice(0, 3) as Weekday, minute: Number(get('hour')) * 60 + Number(get('minute')) }
}

/** Whether instant `at` (ms since the epoch) falls within the hours. */
export function isWithinHours(hours: BusinessHours, at: number): boolean {
  const { day, minute } = localTime(at, hours.timeZone)
  if (hours.start < hours.end) return hours.days.includes(day) && minute >= hours.start && minute < hours.end
  // Overnight: the evening part belongs to `day`, the early-morning part to the day before.
  const yesterday = WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!
  return (minute >= hours.start && hours.days.includes(day)) || (minute < hours.end && hours.days.includes(yesterday))
}
