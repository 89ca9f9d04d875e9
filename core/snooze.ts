/**
 * Snooze (docs/design.md, "Snooze"): whether a folded snooze still holds a
 * conversation asleep, decided from the state, the replica's corrected clock
 * and the newest customer message alone, so every replica agrees; and the
 * WHEN words a person snoozes with.
 */
import { MAX_UNTIL_MS } from './assignment-event.js'
import { parseBusinessHours } from './business-hours.js'
import { HuddleError } from './errors.js'
import { instantOf, wallClock } from './zoned-time.js'
import type { Snooze } from './fold.js'

/** `none`: not snoozed; `asleep`; or awake again, and why. */
export type SnoozeStatus = 'none' | 'asleep' | 'woke-by-customer' | 'woke-by-time'

/**
 * Where a snooze stands at `now`. A customer message newer than the snooze's
 * stamp wakes it whatever its time; `reply` waits for nothing else.
 */
export function snoozeStatus(snooze: Snooze | null, now: number, lastInboundAt: number | null): SnoozeStatus {
  if (snooze === null) return 'none'
  if (lastInboundAt !== null && lastInboundAt > snooze.at) return 'woke-by-customer'
  if (snooze.until !== 'reply' && snooze.until <= now) return 'woke-by-time'
  return 'asleep'
}

export function isAsleep(snooze: Snooze | null, now: number, lastInboundAt: number | null): boolean {
  return snoozeStatus(snooze, now, lastInboundAt) === 'asleep'
}

/** When a conversation asleep at `now` wakes by its time (null: awake, or waiting for the customer). */
export function wakeTime(snooze: Snooze | null, now: number, lastInboundAt: number | null): number | null {
  return snooze !== null && snooze.until !== 'reply' && isAsleep(snooze, now, lastInboundAt) ? snooze.until : null
}

/** The quick choices, in the order the dashboard's picker lists them; each `when` is a WHEN `parseWhen` reads. */
export const SNOOZE_CHOICES = [
  { when: '1h', label: 'for an hour' },
  { when: '3h', label: 'for 3 hours' },
  { when: 'tomorrow', label: 'until tomorrow 09:00' },
  { when: 'monday', label: 'until Monday 09:00' },
  { when: 'next-week', label: 'until next week (Monday 09:00)' },
] as const

const MORNING = { hour: 9, minute: 0 }
const DURATION = /^(\d{1,4})([mhd])$/
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/
const WHEN_FORMS = 'an ISO time (`2026-12-24T09:00`, in your zone unless it names one), a duration (`30m`, `1h`, `3h`, `2d`), `tomorrow`, `monday` or `next-week`'

/**
 * The zone `tomorrow` and `monday` mean 09:00 in for a conversation: its
 * inbox's business hours (of its SLA policy) when it has them, else `local`.
 */
export function snoozeTimeZone(policy: { readonly businessHours?: string } | null, local: string): string {
  return policy?.businessHours === undefined ? local : parseBusinessHours(policy.businessHours).timeZone
}

/** What a WHEN is read against: the corrected clock and the zone `tomorrow` and `monday` mean 09:00 in. */
export type WhenContext = { readonly now: number; readonly timeZone: string }

/** The instant a local date and time in `timeZone` names (days past the month's end roll over, as Date.UTC does). */
function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  return instantOf(Date.UTC(year, month - 1, day, hour, minute), timeZone)
}

function morningAfter(days: number, ctx: WhenContext): number {
  const today = wallClock(ctx.now, ctx.timeZone)
  return zonedTime(today.year, today.month, today.day + days, MORNING.hour, MORNING.minute, ctx.timeZone)
}

function invalidWhen(text: string, why: string): HuddleError {
  return new HuddleError('invalid', `\`${text}\` is not a time to snooze until: ${why}. Write ${WHEN_FORMS}, or snooze until the customer replies.`)
}

function parseIso(text: string, match: RegExpExecArray, ctx: WhenContext): number {
  const [, y, mo, d, h, mi, s, zone] = match
  const inRange = (v: string | undefined, low: number, high: number): boolean => v === undefined || (Number(v) >= low && Number(v) <= high)
  if (!inRange(mo, 1, 12) || !inRange(d, 1, 31) || !inRange(h, 0, 23) || !inRange(mi, 0, 59) || !inRange(s, 0, 59)) throw invalidWhen(text, 'it is not a date')
  if (zone !== undefined) return Date.parse(text.replace(' ', 'T'))
  const at = zonedTime(Number(y), Number(mo), Number(d), h === undefined ? MORNING.hour : Number(h), mi === undefined ? MORNING.minute : Number(mi), ctx.timeZone)
  return at + Number(s ?? 0) * 1000
}

/** The wake time a WHEN names, in epoch ms; refused unless it is a known form and after `now`. */
export function parseWhen(text: string, ctx: WhenContext): number {
  const word = text.trim().toLowerCase()
  let at: number
  const duration = DURATION.exec(word)
  const iso = ISO.exec(text.trim())
  if (duration) at = ctx.now + Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS]
  else if (word === 'tomorrow') at = morningAfter(1, ctx)
  else if (word === 'monday' || word === 'next-week') at = morningAfter(7 - wallClock(ctx.now, ctx.timeZone).weekday, ctx)
  else if (iso) at = parseIso(text.trim(), iso, ctx)
  else throw invalidWhen(text, 'the form is not one huddle knows')
  if (!Number.isSafeInteger(at) || at >= MAX_UNTIL_MS) throw invalidWhen(text, 'it is not a date')
  if (at <= ctx.now) throw invalidWhen(text, 'it is not in the future')
  return at
}
