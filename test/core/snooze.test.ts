import { describe, expect, it } from 'vitest'
import { isAsleep, parseWhen, snoozeStatus, snoozeTimeZone, SNOOZE_CHOICES, wakeTime } from '../../core/snooze.js'
import type { Snooze } from '../../core/fold.js'

/** Wednesday 2 December 2026, 15:30 UTC. */
const NOW = Date.UTC(2026, 11, 2, 15, 30)
const HOUR = 3_600_000
const utc = { now: NOW, timeZone: 'UTC' }

describe('whether a snooze holds a conversation asleep', () => {
  const timed: Snooze = { until: NOW + HOUR, at: NOW - HOUR }
  const untilReply: Snooze = { until: 'reply', at: NOW - HOUR }

  it.each<[string, Snooze | null, number, number | null, string]>([
    ['no snooze', null, NOW, null, 'none'],
    ['a snooze before its time', timed, NOW, null, 'asleep'],
    ['a snooze at its time', timed, NOW + HOUR, null, 'woke-by-time'],
    ['a snooze the customer wrote after, before its time', timed, NOW, NOW - 1, 'woke-by-customer'],
    ['a snooze whose last customer message came before it', timed, NOW, NOW - HOUR - 1, 'asleep'],
    ['a snooze until the customer writes, a year on', untilReply, NOW + 365 * 24 * HOUR, NOW - 2 * HOUR, 'asleep'],
    ['a snooze until the customer writes, once they have', untilReply, NOW, NOW - HOUR + 1, 'woke-by-customer'],
  ])('finds %s %s', (_title, snooze, now, lastInboundAt, status) => {
    expect(snoozeStatus(snooze, now, lastInboundAt)).toBe(status)
    expect(isAsleep(snooze, now, lastInboundAt)).toBe(status === 'asleep')
  })

  it('says when an asleep conversation wakes by its time, and nothing for one awake or waiting for the customer', () => {
    expect(wakeTime(timed, NOW, null)).toBe(NOW + HOUR)
    expect(wakeTime(timed, NOW + HOUR, null)).toBeNull()
    expect(wakeTime(timed, NOW, NOW)).toBeNull()
    expect(wakeTime(untilReply, NOW, null)).toBeNull()
  })
})

describe('reading WHEN', () => {
  it.each<[string, number]>([
    ['1h', NOW + HOUR],
    ['3h', NOW + 3 * HOUR],
    ['30m', NOW + 30 * 60_000],
    ['2d', NOW + 48 * HOUR],
    ['tomorrow', Date.UTC(2026, 11, 3, 9, 0)],
    ['Tomorrow', Date.UTC(2026, 11, 3, 9, 0)],
    ['monday', Date.UTC(2026, 11, 7, 9, 0)],
    ['next-week', Date.UTC(2026, 11, 7, 9, 0)],
    ['2026-12-24T08:15', Date.UTC(2026, 11, 24, 8, 15)],
    ['2026-12-24 08:15:30', Date.UTC(2026, 11, 24, 8, 15, 30)],
    ['2026-12-24', Date.UTC(2026, 11, 24, 9, 0)],
    ['2026-12-24T08:15+02:00', Date.UTC(2026, 11, 24, 6, 15)],
    ['2026-12-24T08:15Z', Date.UTC(2026, 11, 24, 8, 15)],
  ])('reads `%s` in UTC', (text, at) => {
    expect(parseWhen(text, utc)).toBe(at)
  })

  it('means 09:00 in the zone it is given, across a daylight-saving change', () => {
    const ny = { now: Date.UTC(2026, 2, 7, 20, 0), timeZone: 'America/New_York' } // Saturday 7 March, 15:00 EST
    expect(parseWhen('tomorrow', ny)).toBe(Date.UTC(2026, 2, 8, 13, 0)) // Sunday 09:00 EDT
    expect(parseWhen('monday', ny)).toBe(Date.UTC(2026, 2, 9, 13, 0))
    expect(parseWhen('2026-03-07T18:00', ny)).toBe(Date.UTC(2026, 2, 7, 23, 0))
  })

  it('takes next Monday, a week on, when today is Monday', () => {
    const monday = { now: Date.UTC(2026, 11, 7, 7, 0), timeZone: 'UTC' }
    expect(parseWhen('monday', monday)).toBe(Date.UTC(2026, 11, 14, 9, 0))
  })

  it.each([
    ['next tuesday', 'the form is not one huddle knows'],
    ['', 'the form is not one huddle knows'],
    ['1y', 'the form is not one huddle knows'],
    ['2026-13-01', 'it is not a date'],
    ['2026-12-24T25:00', 'it is not a date'],
    ['2026-12-01T09:00', 'it is not in the future'],
    ['0h', 'it is not in the future'],
  ])('refuses `%s`: %s, listing the forms it knows', (text, why) => {
    expect(() => parseWhen(text, utc)).toThrow(`\`${text}\` is not a time to snooze until: ${why}. Write an ISO time`)
  })

  it('reads every quick choice', () => {
    for (const choice of SNOOZE_CHOICES) expect(parseWhen(choice.when, utc)).toBeGreaterThan(NOW)
  })
})

describe('the zone a snooze reads `tomorrow` in', () => {
  it("is the inbox's business-hours zone when its SLA policy has one, else the local zone", () => {
    expect(snoozeTimeZone({ businessHours: 'Mon-Fri 09:00-17:00@America/New_York' }, 'Europe/London')).toBe('America/New_York')
    expect(snoozeTimeZone({}, 'Europe/London')).toBe('Europe/London')
    expect(snoozeTimeZone(null, 'Europe/London')).toBe('Europe/London')
  })
})
