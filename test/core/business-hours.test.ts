import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { businessDue, countingTime, formatBusinessHours, isTimeZone, isWithinHours, parseBusinessHours, WEEKDAYS, type BusinessHours } from '../../core/business-hours.js'
import { refusalOf } from '../helpers/core-fixtures.js'

describe('parsing business hours', () => {
  it.each<[string, BusinessHours]>([
    ['09:00-17:00@Europe/London', { days: [...WEEKDAYS], start: 540, end: 1020, timeZone: 'Europe/London' }],
    ['Mon-Fri 09:00-17:30@America/New_York', { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: 540, end: 1050, timeZone: 'America/New_York' }],
    ['sat 10:00-14:00@UTC', { days: ['sat'], start: 600, end: 840, timeZone: 'UTC' }],
    ['Fri-Mon 08:00-12:00@UTC', { days: ['fri', 'sat', 'sun', 'mon'], start: 480, end: 720, timeZone: 'UTC' }],
    ['22:00-06:00@Asia/Tokyo', { days: [...WEEKDAYS], start: 1320, end: 360, timeZone: 'Asia/Tokyo' }],
    ['00:00-24:00@UTC', { days: [...WEEKDAYS], start: 0, end: 1440, timeZone: 'UTC' }],
    ['  Mon-Fri   09:00-17:00@UTC  ', { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: 540, end: 1020, timeZone: 'UTC' }],
  ])('reads `%s`', (text, hours) => {
    expect(parseBusinessHours(text)).toEqual(hours)
  })

  it.each([
    ['9:00-17:00@UTC', 'the format is not recognised'],
    ['09:00-17:00', 'the format is not recognised'],
    ['09:00 to 17:00@UTC', 'the format is not recognised'],
    ['Monday 09:00-17:00@UTC', 'the format is not recognised'],
    ['', 'the format is not recognised'],
    ['09:00-17:00@Mars/Olympus', '`Mars/Olympus` is not an IANA time zone'],
    ['Mon-Fro 09:00-17:00@UTC', '`Fro` is not a day (Mon … Sun)'],
    ['Xyz 09:00-17:00@UTC', '`Xyz` is not a day (Mon … Sun)'],
    ['25:00-26:00@UTC', '`25:00` is not a time of day'],
    ['09:60-17:00@UTC', '`09:60` is not a time of day'],
    ['09:00-24:01@UTC', '`24:01` is not a time of day'],
    ['09:00-09:00@UTC', 'the range is empty'],
  ])('refuses `%s`: %s', (text, why) => {
    const error = refusalOf(() => parseBusinessHours(text))
    expect(error.code).toBe('invalid')
    expect(error.message).toBe(
      `Business hours \`${text}\` are not valid: ${why}; write them as e.g. \`09:00-17:00@Europe/London\` or \`Mon-Fri 09:00-17:00@America/New_York\`.`,
    )
  })

  it.each(['UTC', 'Europe/London', 'America/New_York'])('knows %s as a time zone', (zone) => {
    expect(isTimeZone(zone)).toBe(true)
  })

  it.each(['Europe/Atlantis', 'GMT+25', ''])('does not know %j as a time zone', (zone) => {
    expect(isTimeZone(zone)).toBe(false)
  })

  it.each(['09:00-17:00@Europe/London', 'Mon-Fri 09:00-17:30@America/New_York', 'Fri-Mon 22:00-06:00@UTC', 'Sun-Sat 00:00-24:00@UTC'])(
    'formats `%s` so that it parses back to the same hours',
    (text) => {
      const hours = parseBusinessHours(text)
      const again = parseBusinessHours(formatBusinessHours(hours))
      expect({ ...again, days: [...again.days].sort() }).toEqual({ ...hours, days: [...hours.days].sort() })
    },
  )

  it('writes every-day hours without days', () => {
    expect(formatBusinessHours(parseBusinessHours('Mon-Sun 08:05-20:00@UTC'))).toBe('08:05-20:00@UTC')
  })
})

describe('whether an instant is within business hours', () => {
  const at = (iso: string): number => Date.parse(iso)
  const weekdays = parseBusinessHours('Mon-Fri 09:00-17:00@UTC')

  it.each([
    ['Tuesday 09:00, the first minute', '2025-11-25T09:00:00Z', true],
    ['Tuesday 16:59', '2025-11-25T16:59:59Z', true],
    ['Tuesday 17:00, the end is excluded', '2025-11-25T17:00:00Z', false],
    ['Tuesday 08:59', '2025-11-25T08:59:00Z', false],
    ['Saturday noon', '2025-11-29T12:00:00Z', false],
    ['Sunday noon', '2025-11-30T12:00:00Z', false],
    ['Monday noon', '2025-12-01T12:00:00Z', true],
  ])('weekday hours: %s is in hours: %s', (_when, iso, expected) => {
    expect(isWithinHours(weekdays, at(iso))).toBe(expected)
  })

  const overnight = parseBusinessHours('Fri 22:00-06:00@UTC')
  it.each([
    ['Friday 23:00, the evening part', '2025-11-28T23:00:00Z', true],
    ['Saturday 03:00, the morning after Friday', '2025-11-29T03:00:00Z', true],
    ['Saturday 06:00, the end', '2025-11-29T06:00:00Z', false],
    ['Friday 03:00, the morning after Thursday', '2025-11-28T03:00:00Z', false],
    ['Saturday 23:00, not a listed evening', '2025-11-29T23:00:00Z', false],
    ['Friday 21:59', '2025-11-28T21:59:00Z', false],
  ])('overnight hours: %s is in hours: %s', (_when, iso, expected) => {
    expect(isWithinHours(overnight, at(iso))).toBe(expected)
  })

  const london = parseBusinessHours('Mon-Fri 09:00-17:00@Europe/London')
  it.each([
    ['08:30 UTC in summer is 09:30 BST', '2025-07-01T08:30:00Z', true],
    ['08:30 UTC in winter is 08:30 GMT', '2025-01-14T08:30:00Z', false],
    ['16:30 UTC in summer is 17:30 BST', '2025-07-01T16:30:00Z', false],
    ['16:30 UTC in winter is 16:30 GMT', '2025-01-14T16:30:00Z', true],
    ['the Monday after clocks go forward, 08:00 UTC is 09:00 BST', '2025-03-31T08:00:00Z', true],
    ['the Friday before clocks go forward, 08:00 UTC is 08:00 GMT', '2025-03-28T08:00:00Z', false],
    ['the Monday after clocks go back, 08:00 UTC is 08:00 GMT', '2025-10-27T08:00:00Z', false],
  ])('London with daylight saving: %s (in hours: %s)', (_when, iso, expected) => {
    expect(isWithinHours(london, at(iso))).toBe(expected)
  })

  it('takes the day in the zone, not in UTC', () => {
    const evenings = parseBusinessHours('Mon-Fri 18:00-23:00@America/New_York')
    // Saturday 01:00 UTC is Friday 21:00 in New York.
    expect(isWithinHours(evenings, at('2025-07-05T01:00:00Z'))).toBe(true)
    // Monday 01:00 UTC is Sunday 21:00 in New York.
    expect(isWithinHours(evenings, at('2025-07-07T01:00:00Z'))).toBe(false)
  })

  it('counts every minute of a whole-day range', () => {
    const always = parseBusinessHours('00:00-24:00@UTC')
    expect(isWithinHours(always, at('2025-11-25T00:00:00Z'))).toBe(true)
    expect(isWithinHours(always, at('2025-11-25T23:59:59Z'))).toBe(true)
  })
})

describe('counting business time to a due instant', () => {
  const weekdays = parseBusinessHours('Mon-Fri 09:00-17:00@Europe/London')
  const utc = (text: string): number => Date.parse(`${text}Z`)
  const minutes = (n: number): number => n * 60_000

  it('counts straight through when there are no business hours', () => {
    expect(businessDue(null, utc('2026-03-03T16:50:00'), minutes(30))).toBe(utc('2026-03-03T17:20:00'))
  })

  it('carries what is left at closing over to the next opening', () => {
    // Tuesday 16:50 GMT: 10 minutes count that day, the other 20 from Wednesday 09:00.
    expect(businessDue(weekdays, utc('2026-03-03T16:50:00'), minutes(30))).toBe(utc('2026-03-04T09:20:00'))
  })

  it('starts counting at opening time when the clock starts outside the hours', () => {
    expect(businessDue(weekdays, utc('2026-03-03T07:00:00'), minutes(30))).toBe(utc('2026-03-03T09:30:00'))
  })

  it('skips the weekend and follows the change to summer time', () => {
    // Friday 27 March 16:30 GMT leaves 30 minutes; clocks go forward on Sunday 29 March, so Monday opens at 09:00 BST = 08:00 UTC.
    expect(businessDue(weekdays, utc('2026-03-27T16:30:00'), minutes(60))).toBe(utc('2026-03-30T08:30:00'))
  })

  it('counts overnight hours that run past midnight', () => {
    const nights = parseBusinessHours('22:00-06:00@UTC')
    expect(businessDue(nights, utc('2026-03-03T05:30:00'), minutes(60))).toBe(utc('2026-03-03T22:30:00'))
  })

  it('counts round-the-clock hours as all time', () => {
    expect(businessDue(parseBusinessHours('00:00-24:00@UTC'), utc('2026-03-03T23:50:00'), minutes(30))).toBe(utc('2026-03-04T00:20:00'))
  })

  it('leaves out paused spells, and never falls due while a pause has no end', () => {
    const from = utc('2026-03-03T10:00:00')
    expect(businessDue(null, from, minutes(60), [[utc('2026-03-03T10:30:00'), utc('2026-03-03T11:00:00')]])).toBe(utc('2026-03-03T11:30:00'))
    expect(businessDue(weekdays, from, minutes(60), [[utc('2026-03-03T10:30:00'), utc('2026-03-04T09:00:00')]])).toBe(utc('2026-03-04T09:30:00'))
    expect(businessDue(null, from, minutes(60), [[utc('2026-03-03T10:30:00'), null]])).toBeNull()
  })
})

describe('counting time between two instants', () => {
  const london = parseBusinessHours('Mon-Fri 09:00-17:00@Europe/London')
  const at = (iso: string): number => Date.parse(iso)

  it('counts only the hours, across a weekend and the change to summer time', () => {
    // Friday 16:30 GMT to Monday 09:30 BST: 30 minutes on Friday, 30 on Monday (which opens at 08:00 UTC).
    expect(countingTime(london, at('2026-03-27T16:30:00Z'), at('2026-03-30T08:30:00Z'))).toBe(60 * 60_000)
  })

  it('leaves out paused spells and counts nothing backwards', () => {
    expect(countingTime(null, at('2026-03-03T10:00:00Z'), at('2026-03-03T11:00:00Z'), [[at('2026-03-03T10:15:00Z'), at('2026-03-03T10:45:00Z')]])).toBe(30 * 60_000)
    expect(countingTime(london, at('2026-03-03T11:00:00Z'), at('2026-03-03T10:00:00Z'))).toBe(0)
  })

  it('is the inverse of the due time: the budget counted from the start to its due time is the budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 90 }), fc.integer({ min: 1, max: 60 * 24 * 20 }), (startMinute, budgetMinutes) => {
        const from = at('2026-03-01T00:00:00Z') + startMinute * 60_000
        const due = businessDue(london, from, budgetMinutes * 60_000)!
        expect(countingTime(london, from, due)).toBe(budgetMinutes * 60_000)
      }),
      { numRuns: 200 },
    )
  })
})
